// Tab completion at the prompt: table names after FROM/JOIN (and their kin), column names of the tables
// the statement names (`e.` offers the columns of the table aliased `e`), keywords and functions
// elsewhere, file paths inside quotes, and the dot commands with their arguments. It reads the statement
// with the SQL lexer, so strings, quoted names and comments are understood, even in unfinished text.
import Foundation
import StrataPlanner
import StrataSQL

/// What completion needs to know about the lake.
protocol CompletionSource: AnyObject {
    /// Every table of the lake, by its dotted name.
    func tableNames() -> [String]
    /// The columns of the table named by `parts` (case-folded where unquoted), or none when unknown.
    func columnNames(of parts: [String]) -> [String]
    /// The folder that relative paths in strings are read from (the lake root when it is local).
    var pathBase: String? { get }
}

struct CompletionRequest {
    /// The statement's text before the word being completed, earlier lines included.
    var before: String
    /// The word typed so far.
    var word: String
    /// The statement's text after the word, to the end of the current line.
    var after: String = ""
    /// The quote the word is inside of, if any.
    var quote: Character?
}

struct SQLCompleter {
    let source: CompletionSource

    /// The words that can replace `request.word`.
    func candidates(for request: CompletionRequest) -> [String] {
        let word = request.word
        let leading = request.before.drop(while: { $0 == " " || $0 == "\t" })
        if leading.hasPrefix(".") || (leading.isEmpty && word.hasPrefix(".")) {
            return dotCommand(arguments: String(leading), word: word)
        }
        if request.quote == "'" {
            return Self.paths(matching: word, in: source.pathBase, quote: "'")
        }
        let tokens = Self.significantTokens(request.before)
        let statement = request.before + word + request.after
        if Self.expectsTable(after: tokens.map(\.token), in: request.before) {
            let tables = source.tableNames() + Self.tableFunctions.map { $0 + "(" }
            return Self.matching(tables, word)
        }
        let references = Self.tableReferences(in: statement)
        if let dot = word.lastIndex(of: ".") {
            let qualifier = word[..<dot].lowercased()
            let prefix = String(word[...dot])
            for reference in references where reference.alias?.lowercased() == qualifier
                || reference.parts.joined(separator: ".") == qualifier || reference.parts.last == qualifier
            {
                return Self.matching(source.columnNames(of: reference.parts).map { prefix + $0 }, word)
            }
            return []
        }
        var words: [String] = []
        for reference in references { words += source.columnNames(of: reference.parts) }
        let lower = !word.isEmpty && word == word.lowercased()
        words += Keyword.allCases.map { lower ? $0.rawValue.lowercased() : $0.rawValue }
        words += Self.functionNames.map { $0 + "(" }
        return Self.matching(words, word)
    }

    // MARK: Dot commands

    private func dotCommand(arguments text: String, word: String) -> [String] {
        guard let name = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first else {
            return Self.matching(DotCommand.names.map { "." + $0 }, word)
        }
        switch DotCommand.canonicalName(String(name.dropFirst())) {
        case "schema", "partitions": return Self.matching(source.tableNames(), word)
        case "mode": return Self.matching(ResultMode.allCases.map(\.rawValue), word)
        case "timer": return Self.matching(["on", "off"], word)
        case "read", "output", "lake": return Self.paths(matching: word, in: nil, quote: nil)
        default: return []
        }
    }

    // MARK: Context

    private struct LocatedToken {
        var token: Token
        var text: String
    }

    private static func significantTokens(_ text: String) -> [LocatedToken] {
        let bytes = Array(text.utf8)
        return SQLLexer.tokenize(text).filter { $0.kind != .endOfInput }.map { token in
            LocatedToken(token: token, text: String(decoding: bytes[token.range.lowerBound..<token.range.upperBound], as: UTF8.self))
        }
    }

    /// Whether the word after `tokens` names a table: after FROM, JOIN, INTO, TABLE, DESCRIBE,
    /// SHOW PARTITIONS, and after a comma of a FROM list.
    private static func expectsTable(after tokens: [Token], in text: String) -> Bool {
        guard let last = tokens.last else { return false }
        switch last.keyword {
        case .from?, .join?, .into?, .table?, .describe?, .desc?, .partitions?: return true
        default: break
        }
        guard last.kind == .comma else { return false }
        // A comma continues a FROM list when FROM is the nearest clause keyword at the same depth.
        var depth = 0
        for token in tokens.dropLast().reversed() {
            if token.kind == .rightParen { depth += 1 }
            if token.kind == .leftParen {
                if depth == 0 { return false }
                depth -= 1
            }
            guard depth == 0 else { continue }
            switch token.keyword {
            case .from?: return true
            case .select?, .where?, .group?, .order?, .having?, .on?, .using?, .limit?, .values?, .set?, .by?: return false
            default: continue
            }
        }
        return false
    }

    struct TableReference: Equatable {
        /// The name's parts, case-folded where unquoted.
        var parts: [String]
        var alias: String?
    }

    /// The tables named after FROM, JOIN and the commas of FROM lists, with their aliases.
    static func tableReferences(in text: String) -> [TableReference] {
        let tokens = significantTokens(text)
        var references: [TableReference] = []
        var index = 0
        func name(_ token: LocatedToken) -> String? {
            switch token.token.kind {
            case .word: return token.text.lowercased()
            case .quotedIdentifier: return String(token.text.dropFirst().dropLast()).replacingOccurrences(of: "\"\"", with: "\"")
            default: return nil
            }
        }
        while index < tokens.count {
            guard tokens[index].token.keyword == .from || tokens[index].token.keyword == .join else {
                index += 1
                continue
            }
            index += 1
            while index < tokens.count, let first = name(tokens[index]), tokens[index].token.keyword?.isReserved != true {
                var parts = [first]
                index += 1
                while index + 1 < tokens.count, tokens[index].token.kind == .dot, let next = name(tokens[index + 1]) {
                    parts.append(next)
                    index += 2
                }
                if index < tokens.count && tokens[index].token.kind == .leftParen { break }  // a table function
                var alias: String?
                if index < tokens.count && tokens[index].token.keyword == .as { index += 1 }
                if index < tokens.count, let candidate = name(tokens[index]),
                    tokens[index].token.keyword.map({ !$0.endsImplicitAlias }) ?? true
                {
                    alias = candidate
                    index += 1
                }
                references.append(TableReference(parts: parts, alias: alias))
                guard index < tokens.count && tokens[index].token.kind == .comma else { break }
                index += 1
            }
        }
        return references
    }

    // MARK: Words

    static let tableFunctions = ["read_parquet", "read_csv", "read_json"]

    /// Scalar, aggregate and window functions, and the expression forms written like calls.
    static let functionNames: [String] = {
        var names = Set(ScalarFunction.allCases.map(\.rawValue))
        names.formUnion(AggregateFunction.allCases.filter { $0 != .countStar }.map(\.rawValue))
        names.formUnion([
            "row_number", "rank", "dense_rank", "percent_rank", "cume_dist", "ntile", "lag", "lead", "first_value",
            "last_value", "nth_value", "coalesce", "if", "try", "try_cast", "substring", "stddev", "variance",
        ])
        return names.sorted()
    }()

    /// The candidates that start with `word`, letter case aside, without repeats, sorted.
    static func matching(_ candidates: [String], _ word: String) -> [String] {
        let lowered = word.lowercased()
        return Array(Set(candidates.filter { $0.lowercased().hasPrefix(lowered) })).sorted()
    }

    /// Files and folders whose path starts with `word`: relative paths below `base` (else the working
    /// folder), absolute ones and `~/` where they are. A folder ends with `/`; a file in quotes gets the
    /// closing quote.
    static func paths(matching word: String, in base: String?, quote: Character?) -> [String] {
        if word.hasPrefix("s3://") || word.hasPrefix("s3a://") { return [] }
        let slash = word.lastIndex(of: "/")
        let folderPart = slash.map { String(word[...$0]) } ?? ""
        let namePrefix = slash.map { String(word[word.index(after: $0)...]) } ?? word
        var folder: String
        if folderPart.hasPrefix("/") {
            folder = folderPart
        } else if folderPart.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
            folder = home + folderPart.dropFirst()
        } else {
            folder = (base ?? FileManager.default.currentDirectoryPath) + "/" + folderPart
        }
        if folder.isEmpty { folder = "/" }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        var results: [String] = []
        for name in names where name.hasPrefix(namePrefix) && (!name.hasPrefix(".") || namePrefix.hasPrefix(".")) {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(name), isDirectory: &isDirectory)
            results.append(folderPart + name + (isDirectory.boolValue ? "/" : ""))
        }
        results.sort()
        if results.count == 1, let quote, !results[0].hasSuffix("/") { results[0].append(quote) }
        return results
    }
}
