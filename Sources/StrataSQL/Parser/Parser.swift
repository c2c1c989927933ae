// The parser's state and the small tools every grammar category uses: the token cursor, keyword matching,
// error construction ("expected X after 'Y', found 'Z'" with a did-you-mean), the nesting guard and names.
// The grammar itself is split by category: Parser+Statements, +Queries, +Relations, +Expressions,
// +Functions, +Types and +DDL.

struct Parser {
    /// The UTF-8 bytes of the whole text; valid for the parser's lifetime (see `SQLParser.withParser`).
    let source: UnsafeBufferPointer<UInt8>
    /// Ends with `.endOfInput`.
    let tokens: [Token]
    /// The current token. The parser never rests on an error token: `advance` throws instead.
    var index = 0
    /// Current nesting depth (see `enterNesting`).
    var depth = 0
    let maximumDepth: Int
    /// Index of the current statement's first token, so messages do not say "after ';'".
    var statementStart = 0
    /// Hive DDL statements accept `` `name` ``; Trino statements do not.
    var allowsBackquotes = false
    /// Index of the last alias written without AS, to catch misspelled keywords read as aliases.
    var implicitAliasIndex: Int?

    init(source: UnsafeBufferPointer<UInt8>, tokens: [Token], maximumDepth: Int) {
        self.source = source
        self.tokens = tokens
        self.maximumDepth = maximumDepth
    }

    // MARK: Cursor

    @inline(__always) var current: Token { tokens[index] }

    @inline(__always) func peek(_ offset: Int = 1) -> Token { tokens[Swift.min(index + offset, tokens.count - 1)] }

    @inline(__always) func at(_ keyword: Keyword) -> Bool { tokens[index].keyword == keyword }

    @inline(__always) func at(_ kind: TokenKind) -> Bool { tokens[index].kind == kind }

    /// Throws the lexical error of the first token, if it is one; called once before parsing.
    func checkFirstToken() throws(SQLError) {
        if tokens[index].kind.isError { throw lexicalError(tokens[index]) }
    }

    /// Moves to the next token and returns the one left behind; throws if the next token is a lexical error.
    @discardableResult
    mutating func advance() throws(SQLError) -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        if tokens[index].kind.isError { throw lexicalError(tokens[index]) }
        return token
    }

    mutating func accept(_ keyword: Keyword) throws(SQLError) -> Bool {
        guard at(keyword) else { return false }
        try advance()
        return true
    }

    mutating func accept(_ kind: TokenKind) throws(SQLError) -> Bool {
        guard at(kind) else { return false }
        try advance()
        return true
    }

    /// Consumes the current token if it is one of `keywords`, and returns which.
    mutating func acceptAny(_ keywords: Keyword...) throws(SQLError) -> Keyword? {
        guard let keyword = current.keyword, keywords.contains(keyword) else { return nil }
        try advance()
        return keyword
    }

    @discardableResult
    mutating func expect(_ keyword: Keyword) throws(SQLError) -> Token {
        guard at(keyword) else { throw expected(keyword.text, suggesting: [keyword.text]) }
        return try advance()
    }

    @discardableResult
    mutating func expect(_ kind: TokenKind, _ what: String? = nil) throws(SQLError) -> Token {
        guard at(kind) else { throw expected(what ?? kind.name) }
        return try advance()
    }

    /// End offset of the last token consumed, for node ranges.
    var previousEnd: Int { index > 0 ? tokens[index - 1].end : 0 }

    /// The range from `start`'s first byte to the end of the last consumed token.
    func range(from start: Token) -> SourceRange { SourceRange(Int(start.offset), Swift.max(previousEnd, Int(start.offset))) }

    func range(from start: Int) -> SourceRange { SourceRange(start, Swift.max(previousEnd, start)) }

    /// `range` stretched to the end of the last consumed token (a closing parenthesis, say).
    func extend(_ range: SourceRange) -> SourceRange { SourceRange(range.lowerBound, Swift.max(previousEnd, range.upperBound)) }

    // MARK: Token text

    func text(_ token: Token) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: source[Int(token.offset)..<token.end]), as: UTF8.self)
    }

    /// The token's text cut to one line and a readable length, for messages.
    func shortText(_ token: Token) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text(token).unicodeScalars {
            if scalar == "\n" || scalar == "\r" { scalars.append(contentsOf: "...".unicodeScalars); break }
            if scalars.count >= 30 { scalars.append(contentsOf: "...".unicodeScalars); break }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    /// How a token is named after "found": its text in quotes, or what it is.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfInput: return "the end of the input"
        case .string: return "the string \(shortText(token))"
        case .word where token.keyword?.isReserved == true: return "the keyword \(token.keyword!.text)"
        default: return "'\(shortText(token))'"
        }
    }

    /// The value of a `'...'` token (also of a `"..."` token read as a string in Hive DDL).
    func stringValue(_ token: Token) -> String {
        let quote = source[Int(token.offset)]
        return unquote(token, from: Int(token.offset) + 1, quote: quote)
    }

    /// Text between the quotes starting at `from` and the token's last byte, doubled quotes undone.
    func unquote(_ token: Token, from: Int, quote: UInt8) -> String {
        let end = token.end - 1
        guard from < end else { return "" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(end - from)
        var index = from
        while index < end {
            let byte = source[index]
            bytes.append(byte)
            index += byte == quote ? 2 : 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: Errors

    func error(_ code: SQLError.Code, _ message: String, at range: SourceRange, suggestion: String? = nil) -> SQLError {
        SQLError(
            code: code, message: message, range: range,
            location: SourceLocation(offset: range.lowerBound, in: source), suggestion: suggestion)
    }

    /// `expected <what> after '<previous>', found '<current>'`, at the current token (or just after the
    /// previous one when the input ended). A word close to one of `candidates` gets a suggestion.
    func expected(_ what: String, suggesting candidates: [String] = [], reservedWord: String? = nil) -> SQLError {
        let token = current
        if let aliasIndex = implicitAliasIndex, aliasIndex == index - 1, aliasIndex >= statementStart {
            let alias = tokens[aliasIndex]
            if let keyword = KeywordSuggester.suggestion(for: text(alias), among: Parser.clauseKeywords) {
                return error(
                    .syntax, "unexpected \(describe(token)) after '\(shortText(alias))', which reads as an alias",
                    at: alias.range, suggestion: keyword)
            }
        }
        var message = "expected \(what)"
        if index > statementStart { message += " after '\(shortText(tokens[index - 1]))'" }
        if token.kind == .endOfInput {
            return error(.syntax, message, at: SourceRange(at: index > statementStart ? previousEnd : token.end))
        }
        message += ", found " + (reservedWord.map { "the reserved keyword " + $0 } ?? describe(token))
        var suggestion: String?
        if token.kind == .word && !candidates.isEmpty {
            suggestion = KeywordSuggester.suggestion(for: text(token), among: candidates)
        }
        return error(.syntax, message, at: token.range, suggestion: suggestion)
    }

    func unsupported(_ message: String, at token: Token) -> SQLError {
        error(.unsupported, message, at: token.range)
    }

    func lexicalError(_ token: Token) -> SQLError {
        let text = self.text(token)
        switch token.kind {
        case .invalidNumber:
            return error(
                .invalidNumber, "invalid number '\(shortText(token))' (a name cannot start with a digit unless quoted)",
                at: token.range)
        case .unterminatedString:
            return error(.unterminatedString, "unterminated string: the quote that starts here is never closed", at: token.range)
        case .unterminatedQuotedIdentifier:
            let quote = text.first.map(String.init) ?? "\""
            return error(
                .unterminatedQuotedIdentifier, "unterminated quoted name: the \(quote) that starts here is never closed",
                at: token.range)
        case .unterminatedComment:
            return error(.unterminatedComment, "unterminated comment: the /* that starts here is never closed", at: token.range)
        default:
            switch text {
            case "|": return error(.invalidCharacter, "unexpected character '|'", at: token.range, suggestion: "'||'")
            case "!": return error(.invalidCharacter, "unexpected character '!'", at: token.range, suggestion: "'!=' or NOT")
            default:
                let shown = text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value != 0x7F && $0.properties.isWhitespace == false }
                    ? "'\(text)'" : text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
                return error(.invalidCharacter, "unexpected character \(shown)", at: token.range)
            }
        }
    }

    // MARK: Nesting

    /// Counts one level of nesting: a parenthesis, subquery, function call, CASE, unary operator, or one more
    /// operator in a chain (`a + b + c` nests as deep as it is long). Every later stage walks the AST
    /// recursively, so a fixed limit here keeps the whole engine clear of stack overflows.
    mutating func enterNesting() throws(SQLError) {
        depth += 1
        if depth > maximumDepth {
            throw error(
                .nestingTooDeep,
                "the statement nests deeper than \(maximumDepth) levels (parentheses, subqueries, function calls "
                    + "or a long chain of operators)", at: current.range)
        }
    }

    @inline(__always) mutating func leaveNesting(_ levels: Int = 1) { depth -= levels }

    // MARK: Names

    /// Whether `token` can be a name: a non-reserved word or a quoted name.
    func isIdentifier(_ token: Token) -> Bool {
        switch token.kind {
        case .word: return token.keyword?.isReserved != true
        case .quotedIdentifier, .backquotedIdentifier: return true
        default: return false
        }
    }

    mutating func parseIdentifier(_ what: String = "a name") throws(SQLError) -> Identifier {
        let token = current
        switch token.kind {
        case .word where token.keyword?.isReserved != true:
            try advance()
            return wordIdentifier(token)
        case .quotedIdentifier, .backquotedIdentifier:
            if token.kind == .backquotedIdentifier && !allowsBackquotes {
                throw unsupported(
                    "backquoted names are Hive DDL syntax; in queries quote names with double quotes: "
                        + "\"\(unquote(token, from: Int(token.offset) + 1, quote: UInt8(ascii: "`")))\"", at: token)
            }
            if token.length <= 2 { throw error(.invalidLiteral, "a quoted name cannot be empty", at: token.range) }
            try advance()
            let value = unquote(token, from: Int(token.offset) + 1, quote: source[Int(token.offset)])
            return Identifier(value, isQuoted: true, range: token.range)
        case .word:
            // A reserved keyword where a name belongs: say how to use it as one.
            let word = text(token).lowercased()
            throw expected(what, reservedWord: "\(token.keyword!.text) (write \"\(word)\" to use it as a name)")
        default:
            throw expected(what)
        }
    }

    /// The name a bare word spells: lowercased, as unquoted names are case-insensitive.
    func wordIdentifier(_ token: Token) -> Identifier {
        var bytes = Array(UnsafeBufferPointer(rebasing: source[Int(token.offset)..<token.end]))
        for index in bytes.indices where bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") {
            bytes[index] |= 0x20
        }
        return Identifier(String(decoding: bytes, as: UTF8.self), isQuoted: false, range: token.range)
    }

    /// `name ('.' name)*`.
    mutating func parseQualifiedName(_ what: String = "a name") throws(SQLError) -> QualifiedName {
        var parts = [try parseIdentifier(what)]
        while at(.dot) {
            try advance()
            parts.append(try parseIdentifier("a name"))
        }
        return QualifiedName(parts)
    }

    /// `'(' name (',' name)* ')'`.
    mutating func parseIdentifierList(_ what: String = "a column name") throws(SQLError) -> [Identifier] {
        try expect(.leftParen)
        var names = [try parseIdentifier(what)]
        while try accept(.comma) { names.append(try parseIdentifier(what)) }
        try expect(.rightParen, "',' or ')'")
        return names
    }

    /// Keywords that may follow a select item or a table; a word close to one of them that the parser took
    /// as an alias was probably meant as the keyword.
    static let clauseKeywords = [
        "FROM", "WHERE", "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "FETCH", "WINDOW", "UNION", "INTERSECT",
        "EXCEPT", "JOIN", "INNER", "LEFT", "RIGHT", "FULL", "CROSS", "ON", "USING", "AS",
    ]
}
