// Constant folding for the optimizer: deterministic subtrees whose inputs are all literals are evaluated
// once, through the ordinary evaluator, and replaced by their value. A subtree whose evaluation fails is
// left as it is, so the error is raised only if a row reaches it at run time (`CASE WHEN false THEN 1/0
// END` folds to NULL; `1/0` alone stays and fails when executed). CASE, COALESCE, AND and OR drop the
// branches that constants decide.
import StrataCore
import StrataPlanner

public enum ConstantFolder {
    /// `expression` with its constant parts evaluated. With a context, `current_date` and
    /// `current_timestamp` fold to the statement's time; without one they are kept.
    public static func fold(_ expression: BoundExpression, context: ExecutionContext? = nil) -> BoundExpression {
        var folder = Folder(context: context)
        return folder.fold(expression)
    }

    private struct Folder {
        let context: ExecutionContext?
        lazy var evaluator = ExpressionEvaluator(context: context ?? ExecutionContext(statementTimestamp: 0))

        init(context: ExecutionContext?) {
            self.context = context
        }

        mutating func fold(_ expression: BoundExpression) -> BoundExpression {
            switch expression {
            case .column, .literal:
                return expression
            case .cast(let operand, let type, let isTry):
                return evaluateIfConstant(.cast(fold(operand), to: type, isTry: isTry))
            case .arithmetic(let op, let lhs, let rhs, let type):
                return evaluateIfConstant(.arithmetic(op, fold(lhs), fold(rhs), type))
            case .negate(let operand):
                return evaluateIfConstant(.negate(fold(operand)))
            case .comparison(let op, let lhs, let rhs):
                return evaluateIfConstant(.comparison(op, fold(lhs), fold(rhs)))
            case .and(let operands):
                return connective(operands.map { fold($0) }, isAnd: true)
            case .or(let operands):
                return connective(operands.map { fold($0) }, isAnd: false)
            case .not(let operand):
                return evaluateIfConstant(.not(fold(operand)))
            case .isNull(let operand, let negated):
                return evaluateIfConstant(.isNull(fold(operand), negated: negated))
            case .inList(let operand, let list, let negated):
                return evaluateIfConstant(.inList(fold(operand), list.map { fold($0) }, negated: negated))
            case .like(let operand, let pattern, let escape, let negated):
                return evaluateIfConstant(.like(fold(operand), pattern: fold(pattern), escape: escape.map { fold($0) }, negated: negated))
            case .caseWhen(let branches, let otherwise, let type):
                return caseWhen(branches, otherwise: otherwise, type: type)
            case .coalesce(let operands, let type):
                var kept: [BoundExpression] = []
                for operand in operands.map({ fold($0) }) {
                    if case .literal(let value, _) = operand {
                        if value.isNull { continue }
                        kept.append(operand)
                        break
                    }
                    kept.append(operand)
                }
                if kept.isEmpty { return .literal(.null, type) }
                if kept.count == 1, kept[0].type == type { return kept[0] }
                return .coalesce(kept, type)
            case .tryExpression(let inner):
                // The inner part may have stayed unfolded because it fails; try() turns that into NULL.
                let folded = BoundExpression.tryExpression(fold(inner))
                return isClosed(folded) ? evaluate(folded) : folded
            case .call(let function, let arguments, let type):
                let folded = BoundExpression.call(function, arguments.map { fold($0) }, type)
                switch function {
                case .random: return folded
                case .currentDate, .currentTimestamp: return context == nil ? folded : evaluateIfConstant(folded)
                default: return evaluateIfConstant(folded)
                }
            }
        }

        /// The value of `expression` as a literal when all its direct operands are literals and it
        /// evaluates without error; otherwise `expression`.
        private mutating func evaluateIfConstant(_ expression: BoundExpression) -> BoundExpression {
            guard expression.operands.allSatisfy(\.isLiteral) else { return expression }
            return evaluate(expression)
        }

        /// Whether `expression` reads no input column and gives the same value every time.
        private func isClosed(_ expression: BoundExpression) -> Bool {
            switch expression {
            case .column: return false
            case .call(.random, _, _): return false
            case .call(.currentDate, _, _), .call(.currentTimestamp, _, _): return context != nil
            default: return expression.operands.allSatisfy(isClosed)
            }
        }

        private mutating func evaluate(_ expression: BoundExpression) -> BoundExpression {
            do {
                let column = try evaluator.evaluate(expression, on: Batch(count: 1))
                return .literal(column.value(at: 0), expression.type)
            } catch {
                return expression
            }
        }

        private mutating func connective(_ operands: [BoundExpression], isAnd: Bool) -> BoundExpression {
            var kept: [BoundExpression] = []
            var sawNull = false
            for operand in operands {
                if case .literal(let value, _) = operand {
                    switch value {
                    case .boolean(let flag):
                        // FALSE decides an AND (TRUE an OR); the other value is neutral.
                        if flag != isAnd { return .literal(.boolean(flag), .boolean) }
                        continue
                    default:
                        sawNull = true
                        continue
                    }
                }
                kept.append(operand)
            }
            if sawNull { kept.append(.literal(.null, .boolean)) }
            if kept.isEmpty { return .literal(.boolean(isAnd), .boolean) }
            if kept.count == 1 { return kept[0] }
            return isAnd ? .and(kept) : .or(kept)
        }

        private mutating func caseWhen(_ branches: [CaseBranch], otherwise: BoundExpression?, type: DataType) -> BoundExpression {
            var kept: [CaseBranch] = []
            for branch in branches {
                let condition = fold(branch.condition)
                if case .literal(let value, _) = condition {
                    if value == .boolean(true) {
                        // Every row that gets here takes this branch.
                        let result = fold(branch.result)
                        if kept.isEmpty { return retyped(result, type) }
                        return .caseWhen(kept, otherwise: result, type)
                    }
                    continue  // FALSE or NULL: never taken
                }
                kept.append(CaseBranch(condition: condition, result: fold(branch.result)))
            }
            let foldedOtherwise = otherwise.map { fold($0) }
            if kept.isEmpty { return retyped(foldedOtherwise ?? .literal(.null, type), type) }
            return .caseWhen(kept, otherwise: foldedOtherwise, type)
        }

        /// A branch lifted out of a CASE keeps the CASE's type (a bare NULL takes it on).
        private func retyped(_ expression: BoundExpression, _ type: DataType) -> BoundExpression {
            if case .literal(let value, let literalType) = expression, literalType != type, value.isNull {
                return .literal(.null, type)
            }
            return expression
        }
    }
}
