// Turns an optimized logical plan into a tree of physical operators: joins with equality keys become hash
// joins, others nested loops; scans split into several pipelines (files and row groups) that run on all
// cores, with aggregations over them split into per-pipeline partial aggregates and one final merge.
import StrataCore
import StrataPlanner

/// Makes the operators that read a table; the lake provides it.
public protocol ScanProvider {
    /// Operators that together produce the rows of `scan`, each independently (one per group of files or
    /// row groups), so they can run in parallel. At least one.
    func makeScan(_ scan: TableScan, context: ExecutionContext) throws -> [PhysicalOperator]
}

public struct PhysicalPlanner {
    public let context: ExecutionContext
    public let scans: any ScanProvider

    public init(context: ExecutionContext, scans: any ScanProvider) {
        self.context = context
        self.scans = scans
    }

    public func makeOperator(_ plan: LogicalPlan) throws -> PhysicalOperator {
        if let pipelines = try parallelPipelines(plan) {
            return pipelines.count == 1 ? pipelines[0] : try ParallelUnionOperator(children: pipelines, context: context)
        }
        switch plan {
        case .scan:
            preconditionFailure("scans are planned as pipelines")
        case .values(let rows, let schema):
            return try ValuesOperator(rows: rows, types: schema.map(\.type), context: context)
        case .filter(let input, let predicate):
            return FilterOperator(child: try makeOperator(input), predicate: predicate, context: context)
        case .project(let input, let expressions, _):
            return ProjectionOperator(child: try makeOperator(input), expressions: expressions, context: context)
        case .aggregate(let input, let groupBy, let aggregates, _):
            return try makeAggregate(input, groupBy: groupBy, aggregates: aggregates)
        case .join(let left, let right, let kind, let condition):
            return try makeJoin(left, right, kind: kind, condition: condition)
        case .window(let input, let calls, _):
            return try WindowOperator(child: try makeOperator(input), calls: calls, context: context)
        case .sort(let input, let keys):
            return SortOperator(child: try makeOperator(input), keys: keys, context: context)
        case .topN(let input, let keys, let limit, let offset):
            return try TopNOperator(child: try makeOperator(input), keys: keys, limit: limit, offset: offset, context: context)
        case .limit(let input, let limit, let offset):
            return try LimitOperator(child: try makeOperator(input), limit: limit, offset: offset, context: context)
        case .setOperation(let kind, let all, let left, let right):
            return try SetOperationOperator(
                left: try makeOperator(left), right: try makeOperator(right), kind: kind, all: all, context: context)
        case .rename(let input, _):
            return try makeOperator(input)
        case .enforceSingleRow(let input):
            return EnforceSingleRowOperator(child: try makeOperator(input), context: context)
        }
    }

    /// Independent copies of a scan → filter/project chain, one per scan part; nil when `plan` is not such
    /// a chain.
    private func parallelPipelines(_ plan: LogicalPlan) throws -> [PhysicalOperator]? {
        switch plan {
        case .scan(let scan):
            return try scans.makeScan(scan, context: context)
        case .filter(let input, let predicate):
            return try parallelPipelines(input)?.map { FilterOperator(child: $0, predicate: predicate, context: context) }
        case .project(let input, let expressions, _):
            return try parallelPipelines(input)?.map { ProjectionOperator(child: $0, expressions: expressions, context: context) }
        case .rename(let input, _):
            return try parallelPipelines(input)
        default:
            return nil
        }
    }

    /// A complete aggregation, or partial aggregations on each pipeline merged by a final one.
    private func makeAggregate(_ input: LogicalPlan, groupBy: [BoundExpression], aggregates: [BoundAggregate]) throws -> PhysicalOperator {
        let pipelines = try parallelPipelines(input)
        if !aggregates.contains(where: \.isDistinct), let pipelines, pipelines.count > 1 {
            let partials = try pipelines.map {
                try HashAggregateOperator(child: $0, groupBy: groupBy, aggregates: aggregates, mode: .partial, context: context)
            }
            let merged = try ParallelUnionOperator(children: partials, context: context)
            let keys = groupBy.enumerated().map { BoundExpression.column($0, $1.type) }
            return try HashAggregateOperator(child: merged, groupBy: keys, aggregates: aggregates, mode: .final, context: context)
        }
        let child: PhysicalOperator
        if let pipelines {
            child = pipelines.count == 1 ? pipelines[0] : try ParallelUnionOperator(children: pipelines, context: context)
        } else {
            child = try makeOperator(input)
        }
        return try HashAggregateOperator(child: child, groupBy: groupBy, aggregates: aggregates, mode: .complete, context: context)
    }

    /// A hash join on the condition's equalities between the two sides (the rest is a residual), or a
    /// nested-loop join when there are none.
    private func makeJoin(_ left: LogicalPlan, _ right: LogicalPlan, kind: JoinKind, condition: BoundExpression?) throws -> PhysicalOperator {
        let leftWidth = left.schema.count
        var probeKeys: [BoundExpression] = []
        var buildKeys: [BoundExpression] = []
        var residual: [BoundExpression] = []
        for conjunct in condition?.conjuncts ?? [] {
            if case .comparison(.equal, let a, let b) = conjunct {
                let aLeft = a.referencedColumns.allSatisfy { $0 < leftWidth } && !a.referencedColumns.isEmpty
                let bRight = b.referencedColumns.allSatisfy { $0 >= leftWidth } && !b.referencedColumns.isEmpty
                let aRight = a.referencedColumns.allSatisfy { $0 >= leftWidth } && !a.referencedColumns.isEmpty
                let bLeft = b.referencedColumns.allSatisfy { $0 < leftWidth } && !b.referencedColumns.isEmpty
                if aLeft && bRight {
                    probeKeys.append(a)
                    buildKeys.append(b.remappingColumns { $0 - leftWidth })
                    continue
                }
                if aRight && bLeft {
                    probeKeys.append(b)
                    buildKeys.append(a.remappingColumns { $0 - leftWidth })
                    continue
                }
            }
            residual.append(conjunct)
        }
        let physicalKind: JoinKind
        switch kind {
        case .inner, .cross: physicalKind = .inner
        case .left: physicalKind = .left
        case .right: physicalKind = .right
        case .full: physicalKind = .full
        case .semi: physicalKind = .semi
        case .anti: physicalKind = .anti
        case .nullAwareAnti: physicalKind = .nullAwareAnti
        }
        let probe = try makeOperator(left)
        let build = try makeOperator(right)
        let residualCondition = residual.isEmpty ? nil : BoundExpression.conjunction(residual)
        if !probeKeys.isEmpty {
            return try HashJoinOperator(
                probe: probe, build: build, kind: physicalKind, probeKeys: probeKeys, buildKeys: buildKeys,
                residual: residualCondition, context: context)
        }
        guard physicalKind != .nullAwareAnti else {
            throw ExecutionError(.notSupported, "NOT IN needs an equality between the value and the subquery's column")
        }
        return try NestedLoopJoinOperator(left: probe, right: build, kind: physicalKind, condition: residualCondition, context: context)
    }
}
