// Prefix operators.

public enum UnaryOperator: String, Hashable, Sendable {
    case plus = "+"
    case minus = "-"
    case not = "NOT"
}
