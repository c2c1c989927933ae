// Turns an optimized logical plan into a tree of physical operators: joins with equality keys become hash
// joins, others nested loops; scans split into several pipelines (files and row groups) that run on all
// cores, with aggregations over them split into per-pipeline partial aggregates and one final merge.
// A hash join's build keys reach the scan on its probe side as a dynamic filter (partition pruning), and
// COUNT/MIN/MAX without GROUP BY are answered from the scan's metadata where the provider can.
import StrataCore
import StrataPlanner

/// Makes the operators that read a table; the lake provides it.
public protocol ScanProvider {
    /// Operators that together produce the rows of `scan`, each independently (one per group of files or
    /// row groups), so they can run in parallel. At least one. `dynamicFilters` are join keys the scan
    /// may prune with once it starts.
    func makeScan(_ scan: TableScan, context: ExecutionContext, dynamicFilters: [DynamicFilter]) throws -> [PhysicalOperator]

    /// The values of `aggregates` (COUNT(*), COUNT(c), MIN(c), MAX(c) over bare table columns) over all
    /// rows of `scan`, from metadata alone: one per aggregate, nil where metadata cannot say exactly;
    /// nil altogether when it cannot say anything.
    func aggregatesFromMetadata(_ scan: TableScan, aggregates: [BoundAggregate], context: ExecutionContext) throws -> [Value?]?
}

extension ScanProvider {
    public func makeScan(_ scan: TableScan, context: ExecutionContext) throws -> [PhysicalOperator] {
        try makeScan(scan, context: context, dynamicFilters: [])
    }

    public func aggregatesFromMetadata(_ scan: TableScan, aggregates: [BoundAggregate], context: ExecutionContext) throws -> [Value?]? {
        nil
    }
}

public struct PhysicalPlanner {
    public let context: ExecutionContext
    public let scans: any ScanProvider

    public init(context: ExecutionContext, scans: any ScanProvider) {
        self.context = context
        self.scans = scans
    }

    public func makeOperator(_ plan: LogicalPlan) throws -> PhysicalOperator {
        try makeOperator(plan, dynamicFilters: [])
    }

    /// `dynamicFilters` go to the scan at the bottom of `plan` when it is a scan → filter/project chain.
    private func makeOperator(_ plan: LogicalPlan, dynamicFilters: [DynamicFilter]) throws -> PhysicalOperator {
        if let pipelines = try parallelPipelines(plan, dynamicFilters: dynamicFilters) {
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
    private func parallelPipelines(_ plan: LogicalPlan, dynamicFilters: [DynamicFilter] = []) throws -> [PhysicalOperator]? {
        switch plan {
        case .scan(let scan):
            return try scans.makeScan(scan, context: context, dynamicFilters: dynamicFilters)
        case .filter(let input, let predicate):
            return try parallelPipelines(input, dynamicFilters: dynamicFilters)?.map {
                FilterOperator(child: $0, predicate: predicate, context: context)
            }
        case .project(let input, let expressions, _):
            return try parallelPipelines(input, dynamicFilters: dynamicFilters)?.map {
                ProjectionOperator(child: $0, expressions: expressions, context: context)
            }
        case .rename(let input, _):
            return try parallelPipelines(input, dynamicFilters: dynamicFilters)
        default:
            return nil
        }
    }

    /// A complete aggregation, or partial aggregations on each pipeline merged by a final one.
    private func makeAggregate(
        _ input: LogicalPlan, groupBy: [BoundExpression], aggregates: [BoundAggregate], fromMetadata: Bool = true
    ) throws -> PhysicalOperator {
        if fromMetadata && groupBy.isEmpty, let answer = try aggregateFromMetadata(input, aggregates) { return answer }
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

    /// COUNT/MIN/MAX over a scan (through a projection of its columns) answered from metadata: a single row
    /// of constants, or constants next to the aggregates metadata could not answer, computed by a scan of
    /// just their columns.
    private func aggregateFromMetadata(_ input: LogicalPlan, _ aggregates: [BoundAggregate]) throws -> PhysicalOperator? {
        var scan: TableScan
        var columns: [Int]
        switch input {
        case .scan(let bare):
            scan = bare
            columns = bare.columns
        case .project(.scan(let bare), let expressions, _):
            var mapped: [Int] = []
            for expression in expressions {
                guard case .column(let index, _) = expression else { return nil }
                mapped.append(bare.columns[index])
            }
            scan = bare
            columns = mapped
        default:
            return nil
        }
        guard scan.limit == nil, !aggregates.isEmpty else { return nil }
        var tableAggregates: [BoundAggregate] = []
        for aggregate in aggregates {
            guard aggregate.filter == nil else { return nil }
            var mapped = aggregate
            switch aggregate.function {
            case .countStar:
                guard !aggregate.isDistinct else { return nil }
            case .count, .min, .max:
                guard aggregate.arguments.count == 1, case .column(let index, let type) = aggregate.arguments[0] else { return nil }
                guard aggregate.function != .count || !aggregate.isDistinct else { return nil }
                mapped.arguments = [.column(columns[index], type)]
            default:
                return nil
            }
            tableAggregates.append(mapped)
        }
        guard let values = try scans.aggregatesFromMetadata(scan, aggregates: tableAggregates, context: context) else { return nil }
        let types = aggregates.map(\.type)
        let remaining = values.indices.filter { values[$0] == nil }
        if remaining.isEmpty {
            return try ValuesOperator(rows: [zip(values, types).map { .literal($0!, $1) }], types: types, context: context)
        }
        // The rest from a scan of only the columns they read.
        let needed = Array(Set(remaining.flatMap { tableAggregates[$0].arguments.flatMap(\.referencedColumns) })).sorted()
        scan.columns = needed
        let position = Dictionary(uniqueKeysWithValues: needed.enumerated().map { ($1, $0) })
        let rest = remaining.map { index -> BoundAggregate in
            var aggregate = tableAggregates[index]
            aggregate.arguments = aggregate.arguments.map { $0.remappingColumns { position[$0]! } }
            return aggregate
        }
        let child = try makeAggregate(.scan(scan), groupBy: [], aggregates: rest, fromMetadata: false)
        var expressions: [BoundExpression] = []
        var next = 0
        for (index, value) in values.enumerated() {
            if let value {
                expressions.append(.literal(value, types[index]))
            } else {
                expressions.append(.column(next, types[index]))
                next += 1
            }
        }
        return ProjectionOperator(child: child, expressions: expressions, context: context)
    }

    /// Dynamic filters for the scan below a join's probe side: one per join key that is a partition
    /// column of that scan, for joins that drop probe rows without a match.
    private func dynamicFilters(_ probe: LogicalPlan, keys: [BoundExpression], kind: JoinKind) -> [DynamicFilter] {
        guard kind == .inner || kind == .semi || kind == .right else { return [] }
        var filters: [DynamicFilter] = []
        for (index, key) in keys.enumerated() {
            guard case .column(let column, _) = key, let (scan, tableColumn) = Self.scanColumn(probe, column),
                scan.table.partitionColumns.contains(tableColumn)
            else { continue }
            filters.append(DynamicFilter(column: tableColumn, keyIndex: index))
        }
        return filters
    }

    /// The scan at the bottom of a scan → filter/project chain and the table column that output
    /// column `column` of the chain is; nil when the chain computes it.
    private static func scanColumn(_ plan: LogicalPlan, _ column: Int) -> (TableScan, Int)? {
        switch plan {
        case .scan(let scan): return (scan, scan.columns[column])
        case .filter(let input, _), .rename(let input, _): return scanColumn(input, column)
        case .project(let input, let expressions, _):
            guard case .column(let inner, _) = expressions[column] else { return nil }
            return scanColumn(input, inner)
        default: return nil
        }
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
        let dynamic = probeKeys.isEmpty ? [] : dynamicFilters(left, keys: probeKeys, kind: physicalKind)
        let probe = try makeOperator(left, dynamicFilters: dynamic)
        let build = try makeOperator(right)
        let residualCondition = residual.isEmpty ? nil : BoundExpression.conjunction(residual)
        if !probeKeys.isEmpty {
            let join = try HashJoinOperator(
                probe: probe, build: build, kind: physicalKind, probeKeys: probeKeys, buildKeys: buildKeys,
                residual: residualCondition, context: context)
            // The join builds its table before it pulls its probe side, so the scan finds it built.
            for filter in dynamic {
                filter.table = { [weak join] in try join?.buildTable() }
            }
            return join
        }
        guard physicalKind != .nullAwareAnti else {
            throw ExecutionError(.notSupported, "NOT IN needs an equality between the value and the subquery's column")
        }
        return try NestedLoopJoinOperator(left: probe, right: build, kind: physicalKind, condition: residualCondition, context: context)
    }
}
