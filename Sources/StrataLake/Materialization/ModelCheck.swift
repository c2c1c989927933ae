// A check declared on a model, run against the staged new version of its table before it is published:
// `not_null`, `unique`, `accepted_values`, row count bounds, or a query whose rows are failures. Each
// becomes one query counting the failing rows; any failure keeps the previous version.

public struct ModelCheck: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// Columns (as written) that must hold no NULL.
        case notNull([String])
        /// Columns whose combination must not repeat.
        case unique([String])
        /// A column and the SQL literals it may take (NULL is accepted).
        case acceptedValues(String, values: String)
        case rowCount(minimum: Int?, maximum: Int?)
        /// A query returning the failing rows.
        case query(String)
    }

    /// As the report names it: `not_null(user_id)`, or the name given to a query check.
    public var name: String
    public var kind: Kind

    /// The query counting failures, over the table `table`.
    func countQuery(table: String) -> String {
        switch kind {
        case .notNull(let columns):
            return "SELECT count(*) FROM \(table) WHERE " + columns.map { "\($0) IS NULL" }.joined(separator: " OR ")
        case .unique(let columns):
            let list = columns.joined(separator: ", ")
            return "SELECT count(*) FROM (SELECT \(list) FROM \(table) GROUP BY \(list) HAVING count(*) > 1) AS duplicates"
        case .acceptedValues(let column, let values):
            return "SELECT count(*) FROM \(table) WHERE \(column) NOT IN (\(values))"
        case .rowCount:
            return "SELECT count(*) FROM \(table)"
        case .query(let sql):
            return "SELECT count(*) FROM (\(sql)) AS failures"
        }
    }

    /// Whether the counted value means the check passed, and what to say when it did not.
    func verdict(_ count: Int64) -> String? {
        switch kind {
        case .rowCount(let minimum, let maximum):
            if let minimum, count < minimum { return "\(count) rows, fewer than \(minimum)" }
            if let maximum, count > maximum { return "\(count) rows, more than \(maximum)" }
            return nil
        case .unique:
            return count == 0 ? nil : "\(count) duplicated value\(count == 1 ? "" : "s")"
        default:
            return count == 0 ? nil : "\(count) failing row\(count == 1 ? "" : "s")"
        }
    }
}
