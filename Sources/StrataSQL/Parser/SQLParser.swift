// The front end's public entry points: a script of statements, one statement, one expression, one query or
// one type, each from a `String`. Every failure is an `SQLError` pointing into the text.

public enum SQLParser {
    /// How deep a statement may nest: parentheses, subqueries, function calls, CASE, unary operators, and
    /// each further operator of a chain such as `a + b + c` or `x OR y OR z` count one level each. Later
    /// stages walk the AST recursively; the limit keeps all of them clear of stack overflows.
    public static let maximumNestingDepth = 500

    /// A script: statements separated by `;` (empty statements are skipped; the last `;` is optional).
    /// Each statement's range covers its text without the `;`.
    public static func parse(_ text: String) throws(SQLError) -> [Statement] {
        try withParser(text) { (parser: inout Parser) throws(SQLError) in try parser.parseScript() }
    }

    /// Exactly one statement, with an optional trailing `;`.
    public static func parseStatement(_ text: String) throws(SQLError) -> Statement {
        try withParser(text) { (parser: inout Parser) throws(SQLError) in
            while parser.at(.semicolon) { try parser.advance() }
            if parser.at(.endOfInput) { throw parser.expected("a statement") }
            let statement = try parser.parseStatementInScript()
            guard parser.at(.semicolon) || parser.at(.endOfInput) else {
                throw parser.expected("';' or the end of the input", suggesting: Parser.statementEndKeywords)
            }
            while parser.at(.semicolon) { try parser.advance() }
            guard parser.at(.endOfInput) else {
                throw parser.error(.syntax, "expected one statement, found a second one here", at: parser.current.range)
            }
            return statement
        }
    }

    /// A query (SELECT, WITH, VALUES, TABLE, set operations), such as a view's stored text.
    public static func parseQuery(_ text: String) throws(SQLError) -> Query {
        try withParser(text) { (parser: inout Parser) throws(SQLError) in
            guard parser.startsQuery else {
                throw parser.expected("a query (SELECT, WITH, VALUES, TABLE or '(')", suggesting: ["SELECT", "WITH", "VALUES"])
            }
            let query = try parser.parseQuery()
            try parser.expectEnd()
            return query
        }
    }

    /// One expression, such as a `--where` option.
    public static func parseExpression(_ text: String) throws(SQLError) -> Expression {
        try withParser(text) { (parser: inout Parser) throws(SQLError) in
            let expression = try parser.parseExpression()
            try parser.expectEnd()
            return expression
        }
    }

    /// One type name, such as a partition key's declared type.
    public static func parseType(_ text: String) throws(SQLError) -> TypeName {
        try withParser(text) { (parser: inout Parser) throws(SQLError) in
            let type = try parser.parseType()
            try parser.expectEnd()
            return type
        }
    }

    /// Whether `text` ends a statement: its last token is a `;` outside any string, quoted name or comment.
    /// The REPL reads lines until this is true.
    public static func isCompleteInput(_ text: String) -> Bool {
        let tokens = SQLLexer.tokenize(text)
        guard tokens.count >= 2 else { return false }
        let last = tokens[tokens.count - 2]
        return last.kind == .semicolon
    }

    /// Runs `body` on a parser over `text`'s UTF-8 bytes, which stay valid for the call.
    static func withParser<Result>(_ text: String, _ body: (inout Parser) throws(SQLError) -> Result) throws(SQLError) -> Result {
        var text = text
        let outcome: Swift.Result<Result, SQLError> = text.withUTF8 { bytes in
            guard bytes.count < Int(Int32.max) else {
                return .failure(
                    SQLError(
                        code: .inputTooLong, message: "the SQL text is longer than 2 GiB", range: SourceRange(at: 0),
                        location: SourceLocation(line: 1, column: 1)))
            }
            var parser = Parser(source: bytes, tokens: SQLLexer.tokenize(bytes), maximumDepth: maximumNestingDepth)
            do throws(SQLError) {
                try parser.checkFirstToken()
                return .success(try body(&parser))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}

extension Parser {
    /// The input must end here (after optional `;`s).
    mutating func expectEnd() throws(SQLError) {
        while at(.semicolon) { try advance() }
        guard at(.endOfInput) else { throw expected("the end of the input", suggesting: Parser.statementEndKeywords) }
    }
}
