// One key of an ORDER BY: what to sort by, which way, and where NULLs go.
import StrataCore

public struct SortKey: Hashable, Sendable {
    public var expression: BoundExpression
    public var ascending: Bool
    /// Trino's (and DuckDB's) default is NULLS LAST in both directions.
    public var nullsFirst: Bool

    public init(_ expression: BoundExpression, ascending: Bool = true, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.ascending = ascending
        self.nullsFirst = nullsFirst ?? false
    }
}
