// A function call with everything an aggregate or window call may carry:
// `name([DISTINCT] args [ORDER BY ...]) [FILTER (WHERE ...)] [IGNORE|RESPECT NULLS] [OVER ...]`.
// `count(*)` sets `isStar`. The special forms `substring(s FROM a FOR b)`, `position(a IN b)` and
// `trim([BOTH|LEADING|TRAILING] [c] FROM s)` are parsed into ordinary calls (`substring(s, a, b)`,
// `strpos(b, a)`, `trim|ltrim|rtrim(s[, c])`), as Trino does.

public struct FunctionCall: Hashable, Sendable {
    public var name: QualifiedName
    public var arguments: [Expression]
    /// `count(*)`: no arguments.
    public var isStar: Bool
    public var isDistinct: Bool
    /// `array_agg(x ORDER BY y)`.
    public var orderBy: [OrderItem]
    /// `FILTER (WHERE condition)`.
    public var filter: Expression?
    public var nullTreatment: NullTreatment?
    public var window: WindowReference?

    public init(
        name: QualifiedName, arguments: [Expression] = [], isStar: Bool = false, isDistinct: Bool = false,
        orderBy: [OrderItem] = [], filter: Expression? = nil, nullTreatment: NullTreatment? = nil,
        window: WindowReference? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.isStar = isStar
        self.isDistinct = isDistinct
        self.orderBy = orderBy
        self.filter = filter
        self.nullTreatment = nullTreatment
        self.window = window
    }
}

/// `IGNORE NULLS` / `RESPECT NULLS` after a window function's arguments.
public enum NullTreatment: String, Hashable, Sendable {
    case ignoreNulls = "IGNORE NULLS"
    case respectNulls = "RESPECT NULLS"
}
