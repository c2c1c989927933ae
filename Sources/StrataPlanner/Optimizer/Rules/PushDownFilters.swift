// Moves each conjunct of a filter as close to the data as it can go while keeping results the same:
// through projections (inlining them), into the sides of joins, below aggregates when it reads only group
// keys, and finally into table scans, where it prunes partitions, files, row groups and pages.
import StrataCore

public struct PushDownFilters: OptimizerRule {
    public let name = "push down filters"

    public init() {}

    public func rewrite(_ plan: LogicalPlan) throws -> LogicalPlan? {
        var changed = false
        let result = push(plan, [], &changed)
        return changed ? result : nil
    }

    /// `plan` with `predicates` (over its output columns) applied, pushed as deep as allowed.
    private func push(_ plan: LogicalPlan, _ predicates: [BoundExpression], _ changed: inout Bool) -> LogicalPlan {
        switch plan {
        case .filter(let input, let predicate):
            // Re-creating a filter where it stood is no change; merging two filters is.
            if case .filter = input { changed = true }
            return push(input, predicates + predicate.conjuncts, &changed)

        case .project(let input, let expressions, let names):
            var below: [BoundExpression] = []
            var above: [BoundExpression] = []
            for predicate in predicates {
                let reads = predicate.referencedColumns
                if predicate.isDeterministic && reads.allSatisfy({ expressions[$0].isDeterministic }) {
                    below.append(predicate.substitutingColumns(expressions))
                } else {
                    above.append(predicate)
                }
            }
            if !below.isEmpty { changed = true }
            return applied(.project(push(input, below, &changed), expressions: expressions, names: names), above)

        case .scan(var scan):
            guard scan.limit == nil else { return applied(plan, predicates) }
            var above: [BoundExpression] = []
            for predicate in predicates {
                if predicate.isDeterministic {
                    scan.filters.append(predicate.remappingColumns { scan.columns[$0] })
                    changed = true
                } else {
                    above.append(predicate)
                }
            }
            return applied(.scan(scan), above)

        case .join(let left, let right, let kind, let condition):
            return pushIntoJoin(left, right, kind, condition, predicates, &changed)

        case .aggregate(let input, let groupBy, let aggregates, let names):
            var below: [BoundExpression] = []
            var above: [BoundExpression] = []
            for predicate in predicates {
                if predicate.isDeterministic && predicate.referencedColumns.allSatisfy({ $0 < groupBy.count })
                    && !groupBy.isEmpty
                {
                    below.append(predicate.substitutingColumns(groupBy))
                } else {
                    above.append(predicate)
                }
            }
            if !below.isEmpty { changed = true }
            return applied(
                .aggregate(push(input, below, &changed), groupBy: groupBy, aggregates: aggregates, names: names), above)

        case .window(let input, let calls, let names):
            // Only predicates on columns every call partitions by keep whole partitions intact.
            let inputWidth = input.schema.count
            let partitionColumns = calls.map { call in
                Set(call.partitionBy.compactMap { expression -> Int? in
                    if case .column(let index, _) = expression { return index }
                    return nil
                })
            }
            var below: [BoundExpression] = []
            var above: [BoundExpression] = []
            for predicate in predicates {
                let reads = predicate.referencedColumns
                if predicate.isDeterministic && reads.allSatisfy({ $0 < inputWidth })
                    && partitionColumns.allSatisfy({ reads.isSubset(of: $0) })
                {
                    below.append(predicate)
                } else {
                    above.append(predicate)
                }
            }
            if !below.isEmpty { changed = true }
            return applied(.window(push(input, below, &changed), calls: calls, names: names), above)

        case .sort(let input, let keys):
            return .sort(push(input, predicates, &changed), keys: keys)

        case .rename(let input, let names):
            return .rename(push(input, predicates, &changed), names: names)

        case .setOperation(let kind, let all, let left, let right):
            let deterministic = predicates.filter(\.isDeterministic)
            let above = predicates.filter { !$0.isDeterministic }
            if !deterministic.isEmpty { changed = true }
            return applied(
                .setOperation(kind, all: all, push(left, deterministic, &changed), push(right, deterministic, &changed)),
                above)

        case .limit, .topN, .values, .enforceSingleRow:
            // A filter cannot pass a limit; but the limit's input has filters of its own to push.
            let inner = plan.replacingChildren(plan.children.map { push($0, [], &changed) })
            return applied(inner, predicates)
        }
    }

    private func pushIntoJoin(
        _ left: LogicalPlan, _ right: LogicalPlan, _ kind: JoinKind, _ condition: BoundExpression?,
        _ predicates: [BoundExpression], _ changed: inout Bool
    ) -> LogicalPlan {
        let leftWidth = left.schema.count
        var toLeft: [BoundExpression] = []
        var toRight: [BoundExpression] = []
        var toCondition: [BoundExpression] = []
        var above: [BoundExpression] = []

        func side(_ predicate: BoundExpression) -> (left: Bool, right: Bool) {
            let reads = predicate.referencedColumns
            return (reads.contains { $0 < leftWidth }, reads.contains { $0 >= leftWidth })
        }
        func shifted(_ predicate: BoundExpression) -> BoundExpression {
            predicate.remappingColumns { $0 - leftWidth }
        }

        // Predicates from above the join: they filter the join's output rows.
        for predicate in predicates {
            guard predicate.isDeterministic else {
                above.append(predicate)
                continue
            }
            let (readsLeft, readsRight) = side(predicate)
            switch kind {
            case .inner, .cross:
                if !readsRight {
                    toLeft.append(predicate)
                } else if !readsLeft {
                    toRight.append(shifted(predicate))
                } else {
                    toCondition.append(predicate)
                }
            case .left, .semi, .anti, .nullAwareAnti:
                if !readsRight { toLeft.append(predicate) } else { above.append(predicate) }
            case .right:
                if !readsLeft && readsRight { toRight.append(shifted(predicate)) } else { above.append(predicate) }
            case .full:
                above.append(predicate)
            }
        }

        // Conjuncts of the join's own condition that read one side only can filter that side first,
        // where that side is not preserved by the join.
        var keptCondition: [BoundExpression] = []
        for conjunct in condition?.conjuncts ?? [] {
            let (readsLeft, readsRight) = side(conjunct)
            let pushable = conjunct.isDeterministic
            switch kind {
            case .inner, .cross, .semi:
                if pushable && !readsRight && readsLeft {
                    toLeft.append(conjunct)
                } else if pushable && !readsLeft && readsRight {
                    toRight.append(shifted(conjunct))
                } else {
                    keptCondition.append(conjunct)
                }
            case .left, .anti, .nullAwareAnti:
                if pushable && !readsLeft && readsRight { toRight.append(shifted(conjunct)) } else { keptCondition.append(conjunct) }
            case .right:
                if pushable && !readsRight && readsLeft { toLeft.append(conjunct) } else { keptCondition.append(conjunct) }
            case .full:
                keptCondition.append(conjunct)
            }
        }
        keptCondition += toCondition
        if !toLeft.isEmpty || !toRight.isEmpty || !toCondition.isEmpty { changed = true }

        let newKind: JoinKind = kind == .cross && !keptCondition.isEmpty ? .inner : kind
        let join = LogicalPlan.join(
            push(left, toLeft, &changed), push(right, toRight, &changed), kind: newKind,
            condition: keptCondition.isEmpty ? nil : BoundExpression.conjunction(keptCondition))
        return applied(join, above)
    }

    /// `plan` under a filter of `predicates`, if any remain.
    private func applied(_ plan: LogicalPlan, _ predicates: [BoundExpression]) -> LogicalPlan {
        predicates.isEmpty ? plan : .filter(plan, predicate: BoundExpression.conjunction(predicates))
    }
}
