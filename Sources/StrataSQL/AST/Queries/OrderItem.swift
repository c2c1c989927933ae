// One `ORDER BY` item: `expression [ASC|DESC] [NULLS FIRST|LAST]`. Unwritten choices stay nil so the binder
// applies the defaults (ascending, nulls last as in Trino) and the printer writes only what was written.

public struct OrderItem: Hashable, Sendable {
    public enum Direction: String, Hashable, Sendable {
        case ascending = "ASC"
        case descending = "DESC"
    }

    public enum NullOrdering: String, Hashable, Sendable {
        case first = "NULLS FIRST"
        case last = "NULLS LAST"
    }

    public var expression: Expression
    public var direction: Direction?
    public var nulls: NullOrdering?
    @IgnoredByEquality public var range: SourceRange

    public init(
        _ expression: Expression, direction: Direction? = nil, nulls: NullOrdering? = nil,
        range: SourceRange = SourceRange(at: 0)
    ) {
        self.expression = expression
        self.direction = direction
        self.nulls = nulls
        self.range = range
    }
}
