// `GROUP BY` elements: plain expressions (names, ordinals such as `GROUP BY 1`, any expression) and the
// grouping-set forms `GROUPING SETS (...)`, `ROLLUP (...)`, `CUBE (...)`, kept as nodes for the binder to
// accept or reject.

public struct GroupBy: Hashable, Sendable {
    public var elements: [GroupingElement]
    @IgnoredByEquality public var range: SourceRange

    public init(_ elements: [GroupingElement], range: SourceRange = SourceRange(at: 0)) {
        self.elements = elements
        self.range = range
    }
}

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
