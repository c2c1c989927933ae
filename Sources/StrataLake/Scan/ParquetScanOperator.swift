// Reads the Parquet files of a table scan. Each file's columns are matched to the table's by name: a
// column the file lacks reads as NULL, a narrower type is widened, partition columns come from the file's
// `key=value` folders. The scan's filters are then applied exactly, and only the requested columns leave.
// Several of these operators share one work queue, one per pipeline.
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner
import StrataStorage
import Synchronization

/// What every pipeline of one scan shares: the files, the columns to read, the filter, the counters.
final class ParquetScanPlan: @unchecked Sendable {
    let source: LakeTableSource
    /// The files that survived partition pruning (indices into `source.files`).
    let files: [Int]
    /// Table column positions read, ascending: the output columns and those the filter needs.
    let readColumns: [Int]
    let tableFields: [Field]
    /// The filter over `readColumns` positions.
    let filter: BoundExpression?
    /// Positions in `readColumns` of the output, in output order.
    let output: [Int]
    /// Each partition key's typed value per file of `source.files`.
    let partitionValues: [[Value]]
    let queue: ScanWorkQueue
    let metrics: ScanMetrics
    /// Rows still wanted when the scan has a LIMIT.
    let remaining: Atomic<Int>
    let hasLimit: Bool

    init(source: LakeTableSource, files: [Int], scan: TableScan, partitionValues: [[Value]], metrics: ScanMetrics) {
        self.source = source
        self.files = files
        tableFields = scan.table.columns
        let filterColumns = scan.filters.reduce(into: Set<Int>()) { $0.formUnion($1.referencedColumns) }
        readColumns = Array(Set(scan.columns).union(filterColumns)).sorted()
        let position = Dictionary(uniqueKeysWithValues: readColumns.enumerated().map { ($1, $0) })
        filter = scan.filters.isEmpty ? nil : BoundExpression.conjunction(scan.filters).remappingColumns { position[$0]! }
        output = scan.columns.map { position[$0]! }
        self.partitionValues = partitionValues
        queue = ScanWorkQueue(fileCount: files.count)
        self.metrics = metrics
        remaining = Atomic(scan.limit ?? Int.max)
        hasLimit = scan.limit != nil
    }
}

final class ParquetScanOperator: PhysicalOperator {
    let outputTypes: [DataType]
    private let plan: ParquetScanPlan
    private let context: ExecutionContext
    private let evaluator: ExpressionEvaluator
    private var current: OpenRowGroup?

    /// A row group being read, and how its file's columns map onto the scan's.
    private struct OpenRowGroup {
        let reader: RowGroupReader
        let fileIndex: Int
        /// For each read column: the position in the reader's batches (with the file's type), or nil when
        /// the file lacks the column or it is a partition column.
        let sources: [(position: Int, type: DataType)?]
    }

    init(plan: ParquetScanPlan, context: ExecutionContext) {
        self.plan = plan
        self.context = context
        evaluator = ExpressionEvaluator(context: context)
        outputTypes = plan.output.map { plan.tableFields[plan.readColumns[$0]].type }
    }

    func next() throws -> Batch? {
        while true {
            try context.checkCancelled()
            if plan.hasLimit && plan.remaining.load(ordering: .relaxed) <= 0 { return nil }
            if current == nil {
                guard let unit = plan.queue.next() else { return nil }
                current = try open(unit)
                if current == nil { continue }
            }
            let open = current!
            let batch: Batch?
            do {
                batch = try open.reader.next(maxRows: context.batchSize)
            } catch {
                throw error.located(file: plan.source.store.location(of: plan.source.files[open.fileIndex].key))
            }
            guard let batch else {
                plan.metrics.add(.pagesScanned, open.reader.pagesRead)
                plan.metrics.add(.pagesTotal, open.reader.pagesRead)
                current = nil
                continue
            }
            plan.metrics.add(.rowsScanned, batch.count)
            var result = try assemble(batch, open)
            if let filter = plan.filter {
                let rows = try evaluator.selectRows(where: filter, in: result)
                if rows.count < result.count {
                    result = rows.withUnsafeBufferPointer { indices in
                        Batch(columns: result.columns.map { $0.gather(indices) }, count: indices.count)
                    }
                }
            }
            if result.count == 0 { continue }
            let output = Batch(columns: plan.output.map { result.columns[$0] }, count: result.count)
            if plan.hasLimit {
                let left = plan.remaining.subtract(output.count, ordering: .relaxed).newValue
                if left <= 0 { plan.queue.stop() }
            }
            return output
        }
    }

    /// Opens the next unit of work: a file (sharing its other row groups) or one row group.
    private func open(_ unit: ScanWorkQueue.Unit) throws -> OpenRowGroup? {
        let source = plan.source
        switch unit {
        case .file(let index):
            let fileIndex = plan.files[index]
            let file = source.files[fileIndex]
            let parquet: ParquetFile
            do {
                parquet = try ParquetFile.open(store: source.store, key: file.key, size: file.size)
            } catch {
                throw error.located(file: source.store.location(of: file.key))
            }
            plan.metrics.add(.filesOpened)
            plan.metrics.add(.rowGroupsTotal, parquet.rowGroups.count)
            guard !parquet.rowGroups.isEmpty else { return nil }
            plan.metrics.add(.filesScanned)
            if parquet.rowGroups.count > 1 {
                plan.queue.share((1..<parquet.rowGroups.count).map { .rowGroup(file: fileIndex, parquet: parquet, rowGroup: $0) })
            }
            return try openRowGroup(parquet, 0, fileIndex: fileIndex)
        case .rowGroup(let fileIndex, let parquet, let rowGroup):
            return try openRowGroup(parquet, rowGroup, fileIndex: fileIndex)
        }
    }

    private func openRowGroup(_ parquet: ParquetFile, _ rowGroup: Int, fileIndex: Int) throws -> OpenRowGroup {
        let schema = parquet.schema.engineSchema
        let leafIndices = parquet.schema.readableColumnIndices
        let partitionStart = plan.tableFields.count - plan.source.partitionKeys.count
        var fileColumns: [Int] = []
        var sources: [(position: Int, type: DataType)?] = []
        for column in plan.readColumns {
            guard column < partitionStart, let index = schema.index(of: plan.tableFields[column].name) else {
                sources.append(nil)
                continue
            }
            let fileType = schema.fields[index].type
            let tableType = plan.tableFields[column].type
            if fileType != tableType && fileType != .unknown && SchemaMerger.widen(fileType, tableType) != tableType {
                throw LakeError(
                    "\(plan.source.store.location(of: parquet.key)): column \(plan.tableFields[column].name) is \(fileType) here but \(tableType) in the table's other files")
            }
            sources.append((fileColumns.count, fileType))
            fileColumns.append(leafIndices[index])
        }
        plan.metrics.add(.rowGroupsScanned)
        do {
            let reader = try parquet.readRowGroup(rowGroup, columns: fileColumns)
            return OpenRowGroup(reader: reader, fileIndex: fileIndex, sources: sources)
        } catch {
            throw error.located(file: parquet.location)
        }
    }

    /// The batch laid out as the scan's read columns.
    private func assemble(_ batch: Batch, _ open: OpenRowGroup) throws -> Batch {
        let partitionStart = plan.tableFields.count - plan.source.partitionKeys.count
        var columns: [Column] = []
        columns.reserveCapacity(plan.readColumns.count)
        for (slot, column) in plan.readColumns.enumerated() {
            let type = plan.tableFields[column].type
            if column >= partitionStart {
                let value = plan.partitionValues[open.fileIndex][column - partitionStart]
                columns.append(Column.constant(value, type, count: batch.count))
            } else if let source = open.sources[slot] {
                let values = batch.columns[source.position]
                if source.type == type {
                    columns.append(values)
                } else if source.type == .unknown {
                    columns.append(Column.nulls(type, count: batch.count))
                } else {
                    let single = Batch(columns: [values], count: batch.count)
                    columns.append(try evaluator.evaluate(.cast(.column(0, source.type), to: type, isTry: false), on: single))
                }
            } else {
                columns.append(Column.nulls(type, count: batch.count))
            }
        }
        return Batch(columns: columns, count: batch.count)
    }
}
