// Expressions after binding: every name resolved to an input column position, every type known, implicit
// casts made explicit. The binder produces them from the SQL AST; the execution layer evaluates them over
// batches. Operators' inputs are referred to by position, so a plan can be re-arranged by rewriting indices.
import StrataCore

public indirect enum BoundExpression: Hashable, Sendable {
    /// Column `index` of the operator's input.
    case column(Int, DataType)
    case literal(Value, DataType)
    /// `CAST` (an error when a value does not convert) or `TRY_CAST` (NULL instead).
    case cast(BoundExpression, to: DataType, isTry: Bool)
    /// `+ - * / %` on operands already cast to the types the operator's signature wants.
    case arithmetic(ArithmeticOperator, BoundExpression, BoundExpression, DataType)
    case negate(BoundExpression)
    /// `= <> < <= > >=`, `IS [NOT] DISTINCT FROM`, on operands of one common type.
    case comparison(ComparisonOperator, BoundExpression, BoundExpression)
    /// Three-valued AND / OR over two or more operands.
    case and([BoundExpression])
    case or([BoundExpression])
    case not(BoundExpression)
    case isNull(BoundExpression, negated: Bool)
    /// `x [NOT] IN (a, b, ...)`, with SQL's NULL semantics.
    case inList(BoundExpression, [BoundExpression], negated: Bool)
    /// `x [NOT] LIKE pattern [ESCAPE e]`.
    case like(BoundExpression, pattern: BoundExpression, escape: BoundExpression?, negated: Bool)
    /// Searched CASE; a simple CASE is bound into this form. Branches are evaluated lazily: a branch
    /// only sees the rows that reach it, so `CASE WHEN x <> 0 THEN 1 / x END` never divides by zero.
    case caseWhen([CaseBranch], otherwise: BoundExpression?, DataType)
    /// `coalesce(a, b, ...)`, lazy like CASE.
    case coalesce([BoundExpression], DataType)
    /// `try(x)`: errors raised while evaluating `x` become NULL for the rows that raised them.
    case tryExpression(BoundExpression)
    /// A scalar function call with arguments already cast to the signature's parameter types.
    case call(ScalarFunction, [BoundExpression], DataType)

    /// The type of the expression's values.
    public var type: DataType {
        switch self {
        case .column(_, let type), .literal(_, let type): return type
        case .cast(_, let type, _): return type
        case .arithmetic(_, _, _, let type): return type
        case .negate(let operand): return operand.type
        case .comparison, .and, .or, .not, .isNull, .inList, .like: return .boolean
        case .caseWhen(_, _, let type), .coalesce(_, let type): return type
        case .tryExpression(let inner): return inner.type
        case .call(_, _, let type): return type
        }
    }
}

public struct CaseBranch: Hashable, Sendable {
    public var condition: BoundExpression
    public var result: BoundExpression

    public init(condition: BoundExpression, result: BoundExpression) {
        self.condition = condition
        self.result = result
    }
}

public enum ArithmeticOperator: String, Hashable, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"
}

public enum ComparisonOperator: String, Hashable, Sendable, CaseIterable {
    case equal = "="
    case notEqual = "<>"
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case isDistinctFrom = "IS DISTINCT FROM"
    case isNotDistinctFrom = "IS NOT DISTINCT FROM"
}

extension ComparisonOperator {
    /// The operator with its operands swapped: `a < b` is `b > a`.
    public var mirrored: ComparisonOperator {
        switch self {
        case .less: return .greater
        case .lessOrEqual: return .greaterOrEqual
        case .greater: return .less
        case .greaterOrEqual: return .lessOrEqual
        default: return self
        }
    }
}
