// Plans the reading of lake tables: one shared plan per scan (listing happens when the scan starts, pruned
// by its partition conjuncts and any join keys handed over), split among as many pipelines as the
// statement may use. Also answers what a scan would read before it runs (EXPLAIN, join ordering) and
// COUNT/MIN/MAX from footers.
import StrataCore
import StrataExecution
import StrataPlanner

public final class LakeScanProvider: ScanProvider {
    public let metrics: ScanMetrics
    public let options: PruningOptions
    /// Counters of scans whose footers answered some of an aggregate: the scan for the rest counts with
    /// them, so the statement shows one scan of the table.
    private var answeredScans: [String: ScanCounters] = [:]

    public init(metrics: ScanMetrics, options: PruningOptions = PruningOptions()) {
        self.metrics = metrics
        self.options = options
    }

    public func makeScan(_ scan: TableScan, context: ExecutionContext, dynamicFilters: [DynamicFilter]) throws -> [PhysicalOperator] {
        let source = try lakeSource(scan)
        let counters = answeredScans.removeValue(forKey: Self.key(scan)) ?? metrics.newScan(table: scan.table.name)
        counters.record(predicates: Self.describe(scan))
        let plan = LakeScanPlan(source: source, scan: scan, options: options, counters: counters, dynamicFilters: dynamicFilters)
        return (0..<max(1, context.parallelism)).map { _ in LakeScanOperator(plan: plan, context: context) }
    }

    /// What partition pruning leaves of the scan's table, listing only the folders it must.
    public func listing(_ scan: TableScan, context: ExecutionContext) throws -> PartitionListing {
        let source = try lakeSource(scan)
        let filter = options.partition
            ? PartitionFilter(filters: scan.filters, tableFields: scan.table.columns, levels: source.partitionKeys.count) : nil
        return try source.listing(filter: filter?.isEmpty == false ? filter : nil, evaluator: ExpressionEvaluator(context: context))
    }

    public func aggregatesFromMetadata(_ scan: TableScan, aggregates: [BoundAggregate], context: ExecutionContext) throws -> [Value?]? {
        guard options.metadata else { return nil }
        let source = try lakeSource(scan)
        guard case .parquet = source.readOptions else { return nil }
        // Only conjuncts that partition pruning applies, exactly, to whole files.
        let exact = PartitionFilter(filters: scan.filters, tableFields: scan.table.columns, levels: source.partitionKeys.count)
        guard scan.filters.isEmpty || options.partition && exact.conjuncts.count == scan.filters.count else { return nil }
        let counters = metrics.newScan(table: scan.table.name)
        counters.record(predicates: Self.describe(scan))
        let plan = LakeScanPlan(source: source, scan: scan, options: options, counters: counters, dynamicFilters: [])
        let evaluator = ExpressionEvaluator(context: context)
        try plan.prepare(evaluator: evaluator)
        let values = try MetadataAggregates.compute(aggregates, plan: plan, evaluator: evaluator)
        if values?.contains(where: { $0 == nil }) == true { answeredScans[Self.key(scan)] = counters }
        return values
    }

    private static func key(_ scan: TableScan) -> String {
        scan.table.source.identity + "|" + scan.filters.map { "\($0)" }.joined(separator: "|")
    }

    private func lakeSource(_ scan: TableScan) throws -> LakeTableSource {
        guard let source = scan.table.source as? LakeTableSource else {
            throw LakeError("table \(scan.table.name) is not a lake table")
        }
        return source
    }

    /// The scan's pushed predicates as EXPLAIN shows them, each with the layers that use it.
    static func describe(_ scan: TableScan) -> [String] {
        let names = scan.table.columns.map(\.name)
        let partitionStart = scan.table.columns.count - scan.table.partitionColumns.count
        let equalities = Set(EqualityConjunct.find(in: scan.filters, partitionStart: partitionStart).map(\.conjunct))
        return scan.filters.map { filter in
            let reads = filter.referencedColumns
            var layers: [String] = []
            if !reads.isEmpty && reads.allSatisfy({ $0 >= partitionStart }) {
                layers.append("partition")
            } else {
                if PruningPredicate(filters: [filter], table: scan.table.columns) != nil { layers += ["statistics", "page index"] }
                if equalities.contains(filter) { layers += ["bloom", "dictionary"] }
            }
            layers.append("rows")
            return filter.text(names) + " (" + layers.joined(separator: ", ") + ")"
        }
    }
}
