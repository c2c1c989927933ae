// An ingestion model's casts, made forgiving: every `CAST` of a select item becomes `TRY_CAST`, so a bronze
// value that does not fit gives NULL, which the quarantine rule `type(column)` then catches with the value.
import StrataSQL

extension Expression {
    /// This expression with every `CAST` a `TRY_CAST`. Subqueries are not rewritten (an ingestion column is
    /// computed from its row alone, and the binder rejects them there anyway).
    func withTryCasts() -> Expression {
        var copy = self
        copy.kind = kind.withTryCasts()
        return copy
    }
}

extension Expression.Kind {
    fileprivate func withTryCasts() -> Expression.Kind {
        switch self {
        case .literal, .typedLiteral, .interval, .currentDateTime, .column, .inSubquery, .quantifiedComparison, .exists, .subquery:
            return self
        case .unary(let op, let operand):
            return .unary(op, operand.withTryCasts())
        case .binary(let op, let left, let right):
            return .binary(op, left.withTryCasts(), right.withTryCasts())
        case .logical(let op, let operands):
            return .logical(op, operands.map { $0.withTryCasts() })
        case .isNull(let operand, let negated):
            return .isNull(operand.withTryCasts(), negated: negated)
        case .isDistinctFrom(let left, let right, let negated):
            return .isDistinctFrom(left.withTryCasts(), right.withTryCasts(), negated: negated)
        case .between(let operand, let low, let high, let negated):
            return .between(operand.withTryCasts(), low: low.withTryCasts(), high: high.withTryCasts(), negated: negated)
        case .inList(let operand, let list, let negated):
            return .inList(operand.withTryCasts(), list.map { $0.withTryCasts() }, negated: negated)
        case .like(let operand, let pattern, let escape, let negated):
            return .like(operand.withTryCasts(), pattern: pattern.withTryCasts(), escape: escape?.withTryCasts(), negated: negated)
        case .function(var call):
            call.arguments = call.arguments.map { $0.withTryCasts() }
            return .function(call)
        case .cast(let operand, let type, _):
            return .cast(operand.withTryCasts(), type, isTry: true)
        case .caseWhen(var caseExpression):
            caseExpression.operand = caseExpression.operand?.withTryCasts()
            caseExpression.whenClauses = caseExpression.whenClauses.map {
                CaseExpression.WhenClause(condition: $0.condition.withTryCasts(), result: $0.result.withTryCasts())
            }
            caseExpression.elseResult = caseExpression.elseResult?.withTryCasts()
            return .caseWhen(caseExpression)
        case .extract(let field, let operand):
            return .extract(field, operand.withTryCasts())
        case .atTimeZone(let operand, let zone):
            return .atTimeZone(operand.withTryCasts(), zone: zone.withTryCasts())
        case .array(let elements):
            return .array(elements.map { $0.withTryCasts() })
        case .subscript(let base, let index):
            return .subscript(base.withTryCasts(), index: index.withTryCasts())
        case .row(let elements):
            return .row(elements.map { $0.withTryCasts() })
        }
    }
}
