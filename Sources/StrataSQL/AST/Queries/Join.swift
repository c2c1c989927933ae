// A join of two FROM items: its kind and its ON or USING condition.

public struct Join: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case inner = "JOIN"
        case left = "LEFT JOIN"
        case right = "RIGHT JOIN"
        case full = "FULL JOIN"
        case cross = "CROSS JOIN"
    }

    public enum Condition: Hashable, Sendable {
        case on(Expression)
        case using([Identifier])
    }

    public var kind: Kind
    public var left: Relation
    public var right: Relation
    /// Nil exactly for CROSS JOIN.
    public var condition: Condition?

    public init(kind: Kind, left: Relation, right: Relation, condition: Condition?) {
        self.kind = kind
        self.left = left
        self.right = right
        self.condition = condition
    }
}
