// One model of `strata materialize`: a `.sql` file holding one CTAS statement, whose table name is the
// model's name, and the checks declared in its leading comments:
//
//     -- @not_null user_id, event_date
//     -- @unique user_id, event_date
//     -- @accepted_values country: 'DE', 'FR', 'US'
//     -- @row_count between 1 and 1000000          (or: >= 1, <= 1000000)
//     -- @check no_negative_revenue:
//     --   SELECT * FROM gold.daily_revenue WHERE revenue < 0
//     CREATE TABLE gold.daily_revenue WITH (...) AS SELECT ...
//
// There is no templating: the file is plain SQL that Athena or Trino run as it is.
import StrataSQL

public struct Model: Sendable {
    /// The table the model builds, as written in the statement (`gold.daily_revenue`).
    public var name: String
    public var file: String
    public var statement: CreateTableAs
    public var checks: [ModelCheck]
    /// The tables its query reads.
    public var reads: [String]
    /// The statement's text, whose change forces a full rebuild.
    public var sql: String

    /// Identifies the checks: changed checks run again even when the data is up to date.
    public var checksHash: String {
        InputFingerprint.hash(checks.map { "\($0.name)\t\($0.kind)" }.joined(separator: "\n"))
    }

    /// Parses a model file's text; errors name the file. `directives` are `@` words other than the checks
    /// that the caller reads (ingestion's `@key`, `@rule`, ...): each is handed to `directive` with the rest
    /// of its line.
    public init(
        file: String, text: String, directives: [String] = [], directive: (_ word: String, _ rest: String) throws -> Void = { _, _ in }
    ) throws {
        self.file = file
        let statements: [Statement]
        do {
            statements = try SQLParser.parse(text)
        } catch {
            throw LakeError("\(file): \(error.render(source: text))")
        }
        guard statements.count == 1, case .createTableAs(let ctas) = statements[0].kind else {
            throw LakeError("\(file): a model holds exactly one CREATE TABLE ... AS SELECT statement")
        }
        guard ctas.withData != false else { throw LakeError("\(file): a model cannot be WITH NO DATA") }
        statement = ctas
        name = ctas.name.dottedName
        reads = TableReferences.of(ctas.query)
        sql = SQLPrinter().print(statements[0])
        checks = try Model.checks(
            in: text, before: statements[0].range.lowerBound, file: file, directives: directives, directive: directive)
    }

    /// The `@` directives of the comment lines before the statement.
    static func checks(
        in text: String, before offset: Int, file: String, directives: [String],
        directive: (_ word: String, _ rest: String) throws -> Void
    ) throws -> [ModelCheck] {
        let header = String(decoding: Array(text.utf8).prefix(offset), as: UTF8.self)
        var checks: [ModelCheck] = []
        var pendingQuery: (name: String, lines: [String])?
        func finishQuery() throws {
            guard let pending = pendingQuery else { return }
            let sql = pending.lines.joined(separator: "\n").trimmed(" \n;")
            guard !sql.isEmpty else { throw LakeError("\(file): @check \(pending.name) has no query") }
            checks.append(ModelCheck(name: pending.name, kind: .query(sql)))
            pendingQuery = nil
        }
        for rawLine in header.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmed(" \t\r")
            guard line.hasPrefix("--") else {
                try finishQuery()
                continue
            }
            let comment = String(line.dropFirst(2)).trimmed(" \t")
            guard comment.hasPrefix("@") else {
                pendingQuery?.lines.append(comment)
                continue
            }
            try finishQuery()
            let word = String(comment.dropFirst().prefix { $0 != " " && $0 != ":" })
            let rest = String(comment.dropFirst(1 + word.count)).trimmed(" \t")
            func columns(_ text: String) throws -> [String] {
                let list = text.split(separator: ",").map { $0.trimmed(" \t") }
                guard !list.isEmpty, list.allSatisfy({ !$0.isEmpty }) else { throw LakeError("\(file): @\(word) needs column names") }
                return list
            }
            switch word.lowercased() {
            case "not_null":
                let list = try columns(rest)
                checks.append(ModelCheck(name: "not_null(\(list.joined(separator: ", ")))", kind: .notNull(list)))
            case "unique":
                let list = try columns(rest)
                checks.append(ModelCheck(name: "unique(\(list.joined(separator: ", ")))", kind: .unique(list)))
            case "accepted_values":
                guard let colon = rest.firstIndex(of: ":") else { throw LakeError("\(file): write @accepted_values column: 'a', 'b'") }
                let column = rest[..<colon].trimmed(" \t")
                let values = rest[rest.index(after: colon)...].trimmed(" \t")
                guard !column.isEmpty, !values.isEmpty else { throw LakeError("\(file): write @accepted_values column: 'a', 'b'") }
                checks.append(ModelCheck(name: "accepted_values(\(column))", kind: .acceptedValues(column, values: values)))
            case "row_count":
                checks.append(try rowCount(rest, file: file))
            case "check":
                guard let colon = rest.firstIndex(of: ":") else { throw LakeError("\(file): write @check name: SELECT ...") }
                let name = rest[..<colon].trimmed(" \t")
                guard !name.isEmpty else { throw LakeError("\(file): @check needs a name") }
                pendingQuery = (name, [rest[rest.index(after: colon)...].trimmed(" \t")])
            case let other where directives.contains(other):
                try directive(other, rest)
            default:
                let known = (directives + ["not_null", "unique", "accepted_values", "row_count", "check"]).map { "@" + $0 }
                throw LakeError("\(file): unknown directive @\(word) (there are \(known.joined(separator: ", ")))")
            }
        }
        try finishQuery()
        return checks
    }

    static func rowCount(_ text: String, file: String) throws -> ModelCheck {
        let words = text.lowercased().split(separator: " ").map(String.init)
        let invalid = LakeError("\(file): write @row_count between 1 and 100, @row_count >= 1 or @row_count <= 100")
        switch words.count {
        case 4 where words[0] == "between" && words[2] == "and":
            guard let low = Int(words[1]), let high = Int(words[3]), low <= high else { throw invalid }
            return ModelCheck(name: "row_count between \(low) and \(high)", kind: .rowCount(minimum: low, maximum: high))
        case 2 where words[0] == ">=":
            guard let low = Int(words[1]) else { throw invalid }
            return ModelCheck(name: "row_count >= \(low)", kind: .rowCount(minimum: low, maximum: nil))
        case 2 where words[0] == "<=":
            guard let high = Int(words[1]) else { throw invalid }
            return ModelCheck(name: "row_count <= \(high)", kind: .rowCount(minimum: nil, maximum: high))
        default:
            throw invalid
        }
    }
}

extension StringProtocol {
    func trimmed(_ set: String) -> String {
        let unwanted = Set(set)
        var text = Substring(self)
        while let first = text.first, unwanted.contains(first) { text.removeFirst() }
        while let last = text.last, unwanted.contains(last) { text.removeLast() }
        return String(text)
    }
}
