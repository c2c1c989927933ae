// Plans the reading of lake tables: prunes files by their partition values first (the scan's filters
// on partition columns, evaluated by the ordinary evaluator over a batch of every file's values), then
// splits the surviving files among as many pipelines as the statement may use.
import StrataCore
import StrataExecution
import StrataPlanner

public final class LakeScanProvider: ScanProvider {
    public let metrics: ScanMetrics

    public init(metrics: ScanMetrics) {
        self.metrics = metrics
    }

    public func makeScan(_ scan: TableScan, context: ExecutionContext) throws -> [PhysicalOperator] {
        guard let source = scan.table.source as? LakeTableSource else {
            throw LakeError("table \(scan.table.name) is not a lake table")
        }
        let pruned = try prune(scan, source: source, context: context)
        metrics.add(.filesListed, source.files.count)
        metrics.add(.bytesListed, source.files.reduce(0) { $0 + $1.size })
        metrics.add(.filesToOpen, pruned.files.count)
        metrics.add(.partitionsTotal, pruned.partitionsTotal)
        metrics.add(.partitionsScanned, pruned.partitionsScanned)
        let plan = LakeScanPlan(
            source: source, files: pruned.files, scan: scan, partitionValues: pruned.values, metrics: metrics)
        let pipelines = max(1, min(context.parallelism, pruned.files.count))
        return (0..<pipelines).map { _ in LakeScanOperator(plan: plan, context: context) }
    }

    /// The files of `source` whose partition values can satisfy the scan's filters.
    public struct PrunedFiles {
        public var files: [Int]
        /// Typed partition values per file of the source.
        public var values: [[Value]]
        public var partitionsTotal: Int
        public var partitionsScanned: Int
        public var bytes: Int
    }

    public func prune(_ scan: TableScan, source: LakeTableSource, context: ExecutionContext) throws -> PrunedFiles {
        let keys = source.partitionKeys
        var values: [[Value]] = []
        values.reserveCapacity(source.files.count)
        for file in source.files {
            var row: [Value] = []
            for (level, type) in source.partitionTypes.enumerated() {
                guard let value = PartitionValueType.value(file.partitionValues[level], as: type) else {
                    throw LakeError(
                        "\(source.store.location(of: file.key)): partition value '\(file.partitionValues[level] ?? "")' of \(keys[level]) is not a \(type)")
                }
                row.append(value)
            }
            values.append(row)
        }
        let partitionStart = scan.table.columns.count - keys.count
        let partitionFilters = scan.filters.filter { filter in
            let reads = filter.referencedColumns
            return !reads.isEmpty && reads.allSatisfy { $0 >= partitionStart }
        }
        var surviving = Array(source.files.indices)
        if !partitionFilters.isEmpty && !source.files.isEmpty {
            // One row per file: the data columns are never read by these filters.
            let count = source.files.count
            var columns: [Column] = scan.table.columns.prefix(partitionStart).map { Column.nulls($0.type, count: count) }
            for (level, type) in source.partitionTypes.enumerated() {
                columns.append(Column.build(type, values.map { $0[level] }))
            }
            let batch = Batch(columns: columns, count: count)
            let evaluator = ExpressionEvaluator(context: context)
            surviving = try evaluator.selectRows(where: BoundExpression.conjunction(partitionFilters), in: batch).map(Int.init)
        }
        let partitions = Set(source.files.map(\.partitionValues))
        let survivingPartitions = Set(surviving.map { source.files[$0].partitionValues })
        return PrunedFiles(
            files: surviving, values: values, partitionsTotal: keys.isEmpty ? 0 : partitions.count,
            partitionsScanned: keys.isEmpty ? 0 : survivingPartitions.count,
            bytes: surviving.reduce(0) { $0 + source.files[$1].size })
    }
}
