// Binary operators, from loosest to tightest binding: comparisons, `||`, `+ -`, `* / %`. (AND and OR are
// `LogicalOperator`s over any number of operands.)

public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case concat = "||"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"

    /// The operator as printed.
    public var text: String { rawValue }

    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return true
        default: return false
        }
    }
}
