// One element of GROUP BY: an expression or a grouping-set form (ROLLUP, CUBE, GROUPING SETS).

public struct GroupingElement: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// A name, an ordinal or an expression.
        case expression(Expression)
        /// `ROLLUP (a, (b, c))`: each set is one parenthesized list or a single expression.
        case rollup([[Expression]])
        /// `CUBE (a, b)`.
        case cube([[Expression]])
        /// `GROUPING SETS ((a, b), (a), ())`.
        case groupingSets([[Expression]])
    }

    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }
}
