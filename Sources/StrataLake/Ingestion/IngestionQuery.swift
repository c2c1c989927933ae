// The SQL ingestion runs for one model, over its bronze source read as text (every column VARCHAR, plus
// `_file` and `_line`): one query judges every row — the first rule it fails, in the order type, key,
// @rule — and two queries read that judgement: the quarantine (rows that failed, with the rule, the reason
// and the raw values) and the silver table (rows that passed, one per key, with history if asked).
// Generated as text and bound like any statement, so the engine's ordinary planning and pruning apply.
import StrataSQL

struct IngestionQuery {
    let model: IngestionModel
    /// The name the raw source is bound under.
    let sourceName: String
    /// The raw source's columns (file columns and partition keys), without `_file` and `_line`.
    let rawColumns: [String]
    /// The silver table's partition columns (`partitioned_by`).
    let partitionedBy: [String]

    static let quarantineColumns = ["quarantine_rule", "quarantine_reason", "source_file", "source_line", "source_record"]

    /// Every source row with its silver columns, `_rule` and `_reason` (NULL for a row that passes).
    var judged: String {
        let printer = SQLPrinter()
        var inner: [String] = []
        var rules: [(condition: String, rule: String, reason: String)] = []
        for (index, column) in model.columns.enumerated() {
            inner.append("\(printer.print(column.expression.withTryCasts())) AS \(quoted(column.name))")
            // A column declared by a CAST (not a TRY_CAST, which accepts NULL): its operand, where it is
            // not NULL, must cast.
            guard case .cast(let operand, let type, isTry: false) = column.expression.kind else { continue }
            let check = quoted("_typed_\(index)")
            inner.append("\(printer.print(operand.withTryCasts())) AS \(check)")
            rules.append((
                "\(check) IS NOT NULL AND \(quoted(column.name)) IS NULL", "type(\(column.name))",
                "'''' || CAST(\(check) AS VARCHAR) || ''' is not a \(printer.print(type).replacingOccurrences(of: "'", with: "''"))'"
            ))
        }
        for key in model.key {
            rules.append(("\(quoted(key)) IS NULL", "key(\(key))", string("\(key) is missing")))
        }
        for rule in model.rules {
            rules.append(("NOT coalesce(\(rule.predicate), TRUE)", rule.name, string("\(rule.predicate) is false")))
        }
        inner += rawColumns.map { "CAST(\(quoted($0)) AS VARCHAR) AS \(quoted("raw$" + $0))" }
        inner += [quoted("_file"), quoted("_line")]
        let alias = model.sourceAlias.map { " AS " + quoted($0) } ?? ""
        let whereClause = model.filter.map { " WHERE " + printer.print($0) } ?? ""
        let ruleCase = rules.isEmpty ? "CAST(NULL AS VARCHAR)" : "CASE " + rules.map { "WHEN \($0.condition) THEN \(string($0.rule))" }.joined(separator: " ") + " END"
        let reasonCase = rules.isEmpty ? "CAST(NULL AS VARCHAR)" : "CASE " + rules.map { "WHEN \($0.condition) THEN \($0.reason)" }.joined(separator: " ") + " END"
        return """
            SELECT *, \(ruleCase) AS "_rule", \(reasonCase) AS "_reason" FROM (
            SELECT \(inner.joined(separator: ", ")) FROM \(sourceName)\(alias)\(whereClause)) AS "_typed"
            """
    }

    /// The quarantine table: the rows that failed, then the records that did not parse.
    func quarantine(unparsed: [BronzeFileCheck.UnparsedRecord]) -> String {
        let raw = rawColumns.map { "\(quoted("raw$" + $0)) AS \(quoted($0))" }
        var sql = """
            SELECT "_rule" AS quarantine_rule, "_reason" AS quarantine_reason, "_file" AS source_file, "_line" AS source_line,
            CAST(NULL AS VARCHAR) AS source_record\(raw.isEmpty ? "" : ", " + raw.joined(separator: ", "))
            FROM (\(judged)) AS "_judged" WHERE "_rule" IS NOT NULL
            """
        if !unparsed.isEmpty {
            let nulls = rawColumns.map { "CAST(NULL AS VARCHAR) AS \(quoted($0))" }
            let rows = unparsed.map { record in
                "(\(string(record.file)), \(record.line.map(String.init) ?? "CAST(NULL AS BIGINT)"), \(string(record.reason)), \(string(record.record)))"
            }
            sql += """

                UNION ALL
                SELECT 'parse', "reason", "file", "line", "record"\(nulls.isEmpty ? "" : ", " + nulls.joined(separator: ", "))
                FROM (VALUES \(rows.joined(separator: ", "))) AS "_unparsed"("file", "line", "reason", "record")
                """
        }
        return "SELECT * FROM (\(sql)) AS \"_quarantine\" ORDER BY source_file, source_line, quarantine_rule"
    }

    /// The silver table: the rows that passed; with a key, the one delivered last (or greatest by
    /// @latest) of each; with history, each version's validity.
    var silver: String {
        let columns = model.columns.map { quoted($0.name) }.joined(separator: ", ")
        var sql = "SELECT \(columns) FROM (\(judged)) AS \"_judged\" WHERE \"_rule\" IS NULL"
        if !model.key.isEmpty {
            let order = (model.latest.map { ["(\($0)) DESC NULLS LAST"] } ?? []) + ["\"_file\" DESC", "\"_line\" DESC NULLS LAST"]
            sql = """
                SELECT \(columns) FROM (
                SELECT \(columns), row_number() OVER (PARTITION BY \(model.key.map(quoted).joined(separator: ", ")) ORDER BY \(order.joined(separator: ", "))) AS "_version"
                FROM (\(judged)) AS "_judged" WHERE "_rule" IS NULL) AS "_versions" WHERE "_version" = 1
                """
        }
        guard let history = model.history else { return sql }
        // The history columns go before the partition columns, which a partitioned table keeps last.
        let keys = Set(partitionedBy.map { $0.lowercased() })
        let data = model.columns.filter { !keys.contains($0.name.lowercased()) }.map { quoted($0.name) }
        let partitions = model.columns.filter { keys.contains($0.name.lowercased()) }.map { quoted($0.name) }
        let time = quoted(history.time)
        return """
            SELECT \((data + ["valid_from", "valid_to", "valid_to IS NULL AS is_current"] + partitions).joined(separator: ", ")) FROM (
            SELECT *, \(time) AS valid_from, lead(\(time)) OVER (PARTITION BY \(history.key.map(quoted).joined(separator: ", ")) ORDER BY \(time)) AS valid_to
            FROM (\(sql)) AS "_current") AS "_history"
            """
    }

    /// The rows the model's WHERE keeps, counted (the rest are filtered out, not quarantined).
    var judgedCount: String { "SELECT count(*) FROM (\(judged)) AS \"_judged\"" }

    /// Quarantined rows per rule, over the quarantine table just written.
    static func rulesCount(_ table: String) -> String {
        "SELECT quarantine_rule, count(*) FROM \(table) GROUP BY quarantine_rule ORDER BY quarantine_rule"
    }

    private func quoted(_ name: String) -> String { Self.quoted(name) }

    static func quoted(_ name: String) -> String { SQLQuoting.identifier(name) }

    private func string(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
}
