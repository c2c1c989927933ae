// Walking bound expressions: the direct operands of a node, for rewrites and analyses (constant folding,
// column usage, determinism).
import StrataCore

extension BoundExpression {
    /// Whether the expression gives the same value for the same input row every time (no `random()`).
    public var isDeterministic: Bool {
        if case .call(let function, _, _) = self, !function.isDeterministic { return false }
        return operands.allSatisfy(\.isDeterministic)
    }

    /// Whether the expression is a literal.
    public var isLiteral: Bool {
        if case .literal = self { return true }
        return false
    }

    /// The direct operands of the expression, in order.
    public var operands: [BoundExpression] {
        switch self {
        case .column, .literal: return []
        case .cast(let operand, _, _), .negate(let operand), .not(let operand), .isNull(let operand, _),
            .tryExpression(let operand):
            return [operand]
        case .arithmetic(_, let lhs, let rhs, _), .comparison(_, let lhs, let rhs): return [lhs, rhs]
        case .and(let operands), .or(let operands), .coalesce(let operands, _), .call(_, let operands, _): return operands
        case .inList(let operand, let list, _): return [operand] + list
        case .like(let operand, let pattern, let escape, _): return [operand, pattern] + (escape.map { [$0] } ?? [])
        case .caseWhen(let branches, let otherwise, _):
            return branches.flatMap { [$0.condition, $0.result] } + (otherwise.map { [$0] } ?? [])
        }
    }
}
