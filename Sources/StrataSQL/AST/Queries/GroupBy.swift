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
