// Removes columns nobody reads: scans then fetch only the column chunks the query needs, and unused
// projections, aggregates and window calls are not computed.
import StrataCore

public struct PruneColumns: OptimizerRule {
    public let name = "prune columns"

    public init() {}

    public func rewrite(_ plan: LogicalPlan) throws -> LogicalPlan? {
        var changed = false
        let all = Set(0..<plan.schema.count)
        let (pruned, _) = prune(plan, all, &changed)
        return changed ? pruned : nil
    }

    /// `plan` producing at least `required` of its columns; the mapping says where each kept old column
    /// now is.
    private func prune(_ plan: LogicalPlan, _ required: Set<Int>, _ changed: inout Bool) -> (LogicalPlan, [Int: Int]) {
        switch plan {
        case .scan(var scan):
            let kept = scan.columns.indices.filter { required.contains($0) }
            if kept.count != scan.columns.count { changed = true }
            scan.columns = kept.map { scan.columns[$0] }
            return (.scan(scan), mapping(kept))

        case .values:
            return (plan, identity(plan.schema.count))

        case .filter(let input, let predicate):
            let (child, map) = prune(input, required.union(predicate.referencedColumns), &changed)
            return (.filter(child, predicate: predicate.remappingColumns { map[$0]! }), map)

        case .project(let input, let expressions, let names):
            let kept = expressions.indices.filter { required.contains($0) }
            if kept.count != expressions.count { changed = true }
            let reads = kept.reduce(into: Set<Int>()) { $0.formUnion(expressions[$1].referencedColumns) }
            let (child, map) = prune(input, reads, &changed)
            let newExpressions = kept.map { expressions[$0].remappingColumns { map[$0]! } }
            return (.project(child, expressions: newExpressions, names: kept.map { names[$0] }), mapping(kept))

        case .aggregate(let input, let groupBy, let aggregates, let names):
            let keptAggregates = aggregates.indices.filter { required.contains(groupBy.count + $0) }
            if keptAggregates.count != aggregates.count { changed = true }
            var reads = groupBy.reduce(into: Set<Int>()) { $0.formUnion($1.referencedColumns) }
            for index in keptAggregates {
                for argument in aggregates[index].arguments { reads.formUnion(argument.referencedColumns) }
                if let filter = aggregates[index].filter { reads.formUnion(filter.referencedColumns) }
            }
            let (child, map) = prune(input, reads, &changed)
            let remap: (BoundExpression) -> BoundExpression = { $0.remappingColumns { map[$0]! } }
            let newAggregates = keptAggregates.map { index -> BoundAggregate in
                var aggregate = aggregates[index]
                aggregate.arguments = aggregate.arguments.map(remap)
                aggregate.filter = aggregate.filter.map(remap)
                return aggregate
            }
            let keptOutputs = Array(0..<groupBy.count) + keptAggregates.map { groupBy.count + $0 }
            return (
                .aggregate(
                    child, groupBy: groupBy.map(remap), aggregates: newAggregates, names: keptOutputs.map { names[$0] }),
                mapping(keptOutputs)
            )

        case .join(let left, let right, let kind, let condition):
            let leftWidth = left.schema.count
            var reads = required
            if let condition { reads.formUnion(condition.referencedColumns) }
            let (newLeft, leftMap) = prune(left, reads.filter { $0 < leftWidth }, &changed)
            let (newRight, rightMap) = prune(right, Set(reads.filter { $0 >= leftWidth }.map { $0 - leftWidth }), &changed)
            let newLeftWidth = newLeft.schema.count
            var combined = leftMap
            for (old, new) in rightMap { combined[old + leftWidth] = new + newLeftWidth }
            let newCondition = condition?.remappingColumns { combined[$0]! }
            let join = LogicalPlan.join(newLeft, newRight, kind: kind, condition: newCondition)
            switch kind {
            case .semi, .anti, .nullAwareAnti: return (join, leftMap)
            default: return (join, combined)
            }

        case .window(let input, let calls, let names):
            let inputWidth = input.schema.count
            let keptCalls = calls.indices.filter { required.contains(inputWidth + $0) }
            if keptCalls.count != calls.count { changed = true }
            var reads = required.filter { $0 < inputWidth }
            for index in keptCalls {
                let call = calls[index]
                for expression in call.arguments + call.partitionBy + call.orderBy.map(\.expression) {
                    reads.formUnion(expression.referencedColumns)
                }
            }
            let (child, map) = prune(input, reads, &changed)
            let remap: (BoundExpression) -> BoundExpression = { $0.remappingColumns { map[$0]! } }
            let newCalls = keptCalls.map { index -> BoundWindowCall in
                var call = calls[index]
                call.arguments = call.arguments.map(remap)
                call.partitionBy = call.partitionBy.map(remap)
                call.orderBy = call.orderBy.map { SortKey(remap($0.expression), ascending: $0.ascending, nullsFirst: $0.nullsFirst) }
                return call
            }
            var outputMap = map
            let newInputWidth = child.schema.count
            for (position, index) in keptCalls.enumerated() { outputMap[inputWidth + index] = newInputWidth + position }
            return (.window(child, calls: newCalls, names: keptCalls.map { names[$0] }), outputMap)

        case .sort(let input, let keys):
            let (child, map) = prune(input, required.union(keys.flatMap { $0.expression.referencedColumns }), &changed)
            return (.sort(child, keys: remapKeys(keys, map)), map)

        case .topN(let input, let keys, let limit, let offset):
            let (child, map) = prune(input, required.union(keys.flatMap { $0.expression.referencedColumns }), &changed)
            return (.topN(child, keys: remapKeys(keys, map), limit: limit, offset: offset), map)

        case .enforceSingleRow(let input):
            let (child, map) = prune(input, required, &changed)
            return (.enforceSingleRow(child), map)

        case .limit(let input, let limit, let offset):
            let (child, map) = prune(input, required, &changed)
            return (.limit(child, limit: limit, offset: offset), map)

        case .rename(let input, let names):
            let (child, map) = prune(input, required, &changed)
            var newNames = [String](repeating: "", count: child.schema.count)
            for (old, new) in map { newNames[new] = names[old] }
            return (.rename(child, names: newNames), map)

        case .setOperation(let kind, let all, let left, let right):
            // Set semantics compare whole rows: every column matters. Each side may still prune below.
            let (newLeft, _) = prune(left, Set(0..<left.schema.count), &changed)
            let (newRight, _) = prune(right, Set(0..<right.schema.count), &changed)
            return (.setOperation(kind, all: all, newLeft, newRight), identity(plan.schema.count))
        }
    }

    private func remapKeys(_ keys: [SortKey], _ map: [Int: Int]) -> [SortKey] {
        keys.map { SortKey($0.expression.remappingColumns { map[$0]! }, ascending: $0.ascending, nullsFirst: $0.nullsFirst) }
    }

    private func mapping(_ kept: [Int]) -> [Int: Int] {
        Dictionary(uniqueKeysWithValues: kept.enumerated().map { ($1, $0) })
    }

    private func identity(_ count: Int) -> [Int: Int] {
        mapping(Array(0..<count))
    }
}
