// Folds constant subexpressions and simplifies boolean logic in filters and projections, so that
// `WHERE d = DATE '2024-01-01' + INTERVAL '1' DAY` reaches the scan as a comparison with a literal, and a
// filter that is always TRUE disappears.
import StrataCore

public struct SimplifyExpressions: OptimizerRule {
    public let name = "simplify expressions"
    let evaluateConstant: (BoundExpression) throws -> Value

    public init(evaluateConstant: @escaping (BoundExpression) throws -> Value) {
        self.evaluateConstant = evaluateConstant
    }

    public func rewrite(_ plan: LogicalPlan) throws -> LogicalPlan? {
        var changed = false
        let result = plan.transformedUp(&changed) { node -> LogicalPlan? in
            switch node {
            case .filter(let input, let predicate):
                let simplified = simplify(predicate)
                if case .literal(.boolean(true), _) = simplified { return input }
                if simplified == predicate { return nil }
                return .filter(input, predicate: simplified)
            case .project(let input, let expressions, let names):
                let simplified = expressions.map(simplify)
                return simplified == expressions ? nil : .project(input, expressions: simplified, names: names)
            case .scan(var scan):
                let simplified = scan.filters.map(simplify).flatMap(\.conjuncts)
                if simplified.count == scan.filters.count && zip(simplified, scan.filters).allSatisfy({ $0 == $1 }) {
                    return nil
                }
                scan.filters = simplified
                return .scan(scan)
            case .join(let left, let right, let kind, let condition?):
                let simplified = simplify(condition)
                if simplified == condition { return nil }
                if case .literal(.boolean(true), _) = simplified {
                    return .join(left, right, kind: kind == .inner ? .cross : kind, condition: nil)
                }
                return .join(left, right, kind: kind, condition: simplified)
            default:
                return nil
            }
        }
        return changed ? result : nil
    }

    /// The expression with constant parts folded and AND/OR/NOT simplified.
    func simplify(_ expression: BoundExpression) -> BoundExpression {
        expression.transformed { node in
            switch node {
            case .literal, .column:
                return nil
            case .and(let operands):
                var kept: [BoundExpression] = []
                for operand in operands.flatMap(\.conjuncts) {
                    if case .literal(.boolean(false), _) = operand { return .literal(.boolean(false), .boolean) }
                    if case .literal(.boolean(true), _) = operand { continue }
                    if !kept.contains(operand) || !operand.isDeterministic { kept.append(operand) }
                }
                return kept.count == operands.count ? nil : BoundExpression.conjunction(kept)
            case .or(let operands):
                var kept: [BoundExpression] = []
                for operand in operands {
                    if case .literal(.boolean(true), _) = operand { return .literal(.boolean(true), .boolean) }
                    if case .literal(.boolean(false), _) = operand { continue }
                    if !kept.contains(operand) || !operand.isDeterministic { kept.append(operand) }
                }
                if kept.count == operands.count { return nil }
                switch kept.count {
                case 0: return .literal(.boolean(false), .boolean)
                case 1: return kept[0]
                default: return .or(kept)
                }
            case .not(.not(let inner)) where inner.type == .boolean:
                return inner
            default:
                return fold(node)
            }
        }
    }

    /// A literal for a deterministic expression over literals only; errors (1/0) are left for run time,
    /// where they surface only if a row actually evaluates them.
    private func fold(_ expression: BoundExpression) -> BoundExpression? {
        guard expression.isDeterministic, !expression.contains(where: { if case .column = $0 { return true }; return false }),
            !isCurrentTime(expression)
        else { return nil }
        guard let value = try? evaluateConstant(expression) else { return nil }
        return .literal(value, expression.type)
    }

    /// `current_date` and `current_timestamp` are fixed per statement, so they may be folded too; they
    /// are left in place only to keep EXPLAIN readable.
    private func isCurrentTime(_ expression: BoundExpression) -> Bool {
        if case .call(let function, [], _) = expression {
            return function == .currentDate || function == .currentTimestamp
        }
        return false
    }
}
