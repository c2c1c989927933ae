// Runs the rules in order, repeatedly, until none changes the plan (or a pass limit is reached, which
// only a pair of rules undoing each other could cause).
import StrataCore

public struct Optimizer {
    public var rules: [any OptimizerRule]
    public var maximumPasses = 8

    public init(rules: [any OptimizerRule]) {
        self.rules = rules
    }

    /// The standard rules. `evaluateConstant` folds a literal-only expression to its value (the
    /// execution layer provides it; the planner cannot evaluate expressions itself).
    /// `estimateScan` says how many bytes a scan reads, for choosing join sides.
    public static func standard(
        evaluateConstant: @escaping (BoundExpression) throws -> Value, estimateScan: @escaping (TableScan) -> Int? = { _ in nil }
    ) -> Optimizer {
        Optimizer(rules: [
            SimplifyExpressions(evaluateConstant: evaluateConstant),
            PushDownFilters(),
            LimitPushdown(),
            PruneColumns(),
            ChooseJoinSides(estimateScan: estimateScan),
        ])
    }

    public func optimize(_ plan: LogicalPlan) throws -> LogicalPlan {
        var current = plan
        for _ in 0..<maximumPasses {
            var changed = false
            for rule in rules {
                if let rewritten = try rule.rewrite(current) {
                    current = rewritten
                    changed = true
                }
            }
            if !changed { break }
        }
        return current
    }
}

extension LogicalPlan {
    /// Rewrites bottom-up: `transform` sees each node after its children were rewritten and returns a
    /// replacement, or nil to keep it. Reports through `changed` whether anything was replaced.
    public func transformedUp(_ changed: inout Bool, _ transform: (LogicalPlan) throws -> LogicalPlan?) rethrows -> LogicalPlan {
        var node = self
        let kids = children
        if !kids.isEmpty {
            var newKids: [LogicalPlan] = []
            newKids.reserveCapacity(kids.count)
            for kid in kids { newKids.append(try kid.transformedUp(&changed, transform)) }
            node = replacingChildren(newKids)
        }
        if let replacement = try transform(node) {
            changed = true
            return replacement
        }
        return node
    }
}
