// One model of `strata ingest`: a `.sql` file holding one CTAS that reads one bronze source and says, in
// its select list, what each silver column is — `CAST(density AS DOUBLE) AS density` declares the column's
// type — plus the directives of its leading comments:
//
//     -- @key sample_id                          one row per key; a row without one is quarantined
//     -- @latest capture_time                    which row of a key wins (default: the one delivered last)
//     -- @rule biovolume_not_negative: biovolume >= 0
//     -- @history user_id by updated_at          versions with valid_from / valid_to / is_current
//     -- @not_null capture_time                  checks of the built table, as in `strata materialize`
//     CREATE TABLE silver.flowcam WITH (partitioned_by = ARRAY['date']) AS
//     SELECT CAST(sample_id AS VARCHAR) AS sample_id, ... FROM read_csv('bronze/flowcam/**/*.csv')
//
// The statement stays plain SQL; ingestion reads the source as text (every column VARCHAR), so a value that
// does not fit its declared type sends its row to quarantine instead of failing the run.
import StrataSQL

public struct IngestionModel: Sendable {
    /// One column of the silver table: its name and the expression over the raw source columns.
    public struct Column: Sendable {
        public var name: String
        public var expression: Expression
    }

    /// A row rule: rows where `predicate` (SQL over the silver columns) is FALSE go to quarantine.
    public struct Rule: Sendable {
        public var name: String
        public var predicate: String
    }

    /// Slowly-changing history: the versions of each `key`, ordered by `time`.
    public struct History: Sendable {
        public var key: [String]
        public var time: String
    }

    /// The statement as a materialization model: its name, file, CTAS, checks and text.
    public var model: Model
    public var name: String { model.name }
    public var file: String { model.file }
    /// The bronze source: the one relation of the FROM clause.
    public var source: Relation
    public var columns: [Column]
    public var filter: Expression?
    public var key: [String] = []
    /// SQL over the silver columns; the greatest value wins among rows of one key.
    public var latest: String?
    public var rules: [Rule] = []
    public var history: History?

    /// The alias the select list may qualify the source's columns with.
    var sourceAlias: String? {
        switch source.kind {
        case .table(_, let alias), .tableFunction(_, let alias): return alias?.name.value
        default: return nil
        }
    }

    /// The table rows failing rules go to: `quarantine.<table>` for `silver.<table>`.
    public var quarantineName: String { "quarantine." + (model.name.split(separator: ".").last.map(String.init) ?? model.name) }

    /// Identifies everything that decides the silver table's content: a change rebuilds it.
    var definitionHash: String {
        InputFingerprint.hash(
            [model.sql, model.checksHash, key.joined(separator: ","), latest ?? "", rules.map { "\($0.name):\($0.predicate)" }.joined(separator: "\n"),
             history.map { $0.key.joined(separator: ",") + " by " + $0.time } ?? ""].joined(separator: "\n"))
    }

    public static let directives = ["key", "latest", "rule", "history"]

    /// Parses a model file's text; errors name the file and what to write instead.
    public init(file: String, text: String) throws {
        var key: [String] = []
        var latest: String?
        var rules: [Rule] = []
        var history: History?
        model = try Model(file: file, text: text, directives: Self.directives) { word, rest in
            func names(_ text: String) throws -> [String] {
                let list = text.split(separator: ",").map { $0.trimmed(" \t") }
                guard !list.isEmpty, list.allSatisfy({ !$0.isEmpty }) else { throw LakeError("\(file): @\(word) needs column names") }
                return list
            }
            switch word {
            case "key":
                key = try names(rest)
            case "latest":
                guard !rest.isEmpty else { throw LakeError("\(file): write @latest followed by a column or expression") }
                try Self.checkExpression(rest, directive: "@latest", file: file)
                latest = rest
            case "rule":
                guard let colon = rest.firstIndex(of: ":") else { throw LakeError("\(file): write @rule name: predicate") }
                let name = rest[..<colon].trimmed(" \t")
                let predicate = rest[rest.index(after: colon)...].trimmed(" \t")
                guard !name.isEmpty, !predicate.isEmpty else { throw LakeError("\(file): write @rule name: predicate") }
                guard !rules.contains(where: { $0.name == name }) else { throw LakeError("\(file): two rules are named \(name)") }
                try Self.checkExpression(predicate, directive: "@rule \(name)", file: file)
                rules.append(Rule(name: name, predicate: predicate))
            default:
                let parts = rest.components(separatedBy: " by ")
                guard parts.count == 2 else { throw LakeError("\(file): write @history key_column by time_column") }
                history = History(key: try names(parts[0]), time: parts[1].trimmed(" \t"))
            }
        }
        (source, columns, filter) = try Self.shape(of: model.statement.query, file: file)
        self.key = key
        self.latest = latest
        self.rules = rules
        self.history = history
        let names = Set(columns.map { $0.name.lowercased() })
        for column in key + (history?.key ?? []) + (history.map { [$0.time] } ?? []) where !names.contains(column.lowercased()) {
            throw LakeError("\(file): \(column) is not a column of \(model.name) (there are \(columns.map(\.name).joined(separator: ", ")))")
        }
        if history != nil, key.isEmpty {
            throw LakeError("\(file): @history needs a @key naming one version (the history key and its time, e.g. @key user_id, updated_at)")
        }
    }

    /// The parts of `SELECT items FROM source [WHERE filter]`, the only shape an ingestion model has: one
    /// row of silver per row of bronze, before rules and deduplication.
    static func shape(of query: Query, file: String) throws -> (Relation, [Column], Expression?) {
        let unsupported = "\(file): an ingestion model is SELECT columns FROM one bronze source [WHERE ...]"
        guard query.with == nil, query.orderBy.isEmpty, query.limit == nil, case .select(let select) = query.body.kind else {
            throw LakeError(unsupported + " (no WITH, ORDER BY, LIMIT or set operations)")
        }
        guard !select.isDistinct, select.groupBy == nil, select.having == nil, select.windows.isEmpty else {
            throw LakeError(unsupported + " (no DISTINCT, GROUP BY or windows: @key deduplicates)")
        }
        guard select.from.count == 1 else { throw LakeError(unsupported + " (one source, no joins: join in a gold model)") }
        switch select.from[0].kind {
        case .table, .tableFunction: break
        default: throw LakeError(unsupported + " (the source is a table or read_csv/read_json/read_parquet)")
        }
        var columns: [Column] = []
        for item in select.items {
            guard case .expression(let expression, let alias) = item.kind else {
                throw LakeError("\(file): name every silver column (no *): the select list is the silver table's schema")
            }
            let name: String
            if let alias {
                name = alias.value
            } else if case .column(let column) = expression.kind {
                name = column.name.value
            } else {
                throw LakeError("\(file): name the column \(SQLPrinter().print(expression)) with AS")
            }
            guard !name.hasPrefix("_") else { throw LakeError("\(file): column names starting with _ are ingestion's own (\(name))") }
            columns.append(Column(name: name, expression: expression))
        }
        return (select.from[0], columns, select.where)
    }

    /// Parses `text` as an expression, so a typo fails when the models load, naming the directive.
    static func checkExpression(_ text: String, directive: String, file: String) throws {
        do {
            let statements = try SQLParser.parse("SELECT " + text)
            guard statements.count == 1, case .query = statements[0].kind else { throw LakeError("not one expression") }
        } catch let error as SQLError {
            throw LakeError("\(file): \(directive): \(error.message)")
        }
    }

    /// The ingestion models of a folder (every `.sql` file below it, in path order).
    public static func load(folder: String) throws -> [IngestionModel] {
        try ModelGraph.modelFiles(in: folder).map { try IngestionModel(file: $0.path, text: $0.text) }
    }
}
