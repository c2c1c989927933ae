// One key of an ORDER BY: what to sort by, which way, and where NULLs go.

public struct SortKey: Hashable, Sendable {
    public var expression: BoundExpression
    public var ascending: Bool
    /// Trino's default: NULLS LAST for ascending, NULLS FIRST for descending.
    public var nullsFirst: Bool

    public init(_ expression: BoundExpression, ascending: Bool = true, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.ascending = ascending
        self.nullsFirst = nullsFirst ?? !ascending
    }
}
