// Reads the files of a table scan, whatever their format. Each file's columns are matched to the table's
// by name: a column the file lacks reads as NULL, a narrower type is widened, partition columns come
// from the file's `key=value` folders. The scan's filters are then applied exactly (by the reader itself
// when it materializes late), and only the requested columns leave. Several of these operators share one
// plan and work queue, one per pipeline; the first to start lists the table.
import StrataCore
import StrataExecution
import StrataPlanner

final class LakeScanOperator: PhysicalOperator, ScanRowFilter {
    let outputTypes: [DataType]
    private let plan: LakeScanPlan
    private let context: ExecutionContext
    private let evaluator: ExpressionEvaluator
    private var current: ScanFileReader?

    init(plan: LakeScanPlan, context: ExecutionContext) {
        self.plan = plan
        self.context = context
        evaluator = ExpressionEvaluator(context: context)
        outputTypes = plan.output.map { plan.tableFields[plan.readColumns[$0]].type }
    }

    func next() throws -> Batch? {
        try plan.prepare(evaluator: evaluator)
        while true {
            try context.checkCancelled()
            let remaining = plan.hasLimit ? plan.remaining.load(ordering: .relaxed) : Int.max
            if remaining <= 0 { return nil }
            if current == nil {
                guard let unit = plan.queue.next() else { return nil }
                current = try open(unit)
                if current == nil { continue }
            }
            let reader = current!
            guard let batch = try reader.next(maxRows: min(context.batchSize, remaining)) else {
                reader.finish(plan.counters)
                current = nil
                continue
            }
            var result = try assemble(batch, sources: reader.sources, fileIndex: reader.fileIndex)
            if !reader.appliesFilter, let filter = plan.filter {
                let rows = try evaluator.selectRows(where: filter, in: result)
                if rows.count < result.count { result = gather(result, rows) }
            }
            if result.count == 0 { continue }
            let output = Batch(columns: plan.output.map { result.columns[$0] }, count: result.count)
            if plan.hasLimit && plan.remaining.subtract(output.count, ordering: .relaxed).newValue <= 0 {
                // The limit above the scan trims what is too much.
                plan.queue.stop()
            }
            return output
        }
    }

    func close() {
        current?.finish(plan.counters)
        current = nil
    }

    /// The reader of a unit of work: the first surviving row group of a file just opened (its other
    /// survivors go back to the queue for any pipeline), a row group, or a text file.
    private func open(_ unit: ScanWorkQueue.Unit) throws -> ScanFileReader? {
        switch unit {
        case .file(let index):
            let file = plan.files[index]
            switch plan.source.readOptions {
            case .parquet:
                let work = try ParquetFileOpener.open(index, plan: plan, evaluator: evaluator)
                guard let first = work.first else { return nil }
                if work.count > 1 { plan.queue.share(work.dropFirst().map { .rowGroup($0) }) }
                return ParquetRowGroupReader(first, plan: plan, filter: self)
            case .csv, .json:
                plan.counters.add(.filesOpened)
                plan.counters.add(.filesScanned)
                return try TextFileReader(file: file, fileIndex: index, options: plan.source.readOptions, plan: plan)
            }
        case .rowGroup(let work):
            return ParquetRowGroupReader(work, plan: plan, filter: self)
        }
    }

    func selectRows(
        where predicate: BoundExpression, in batch: Batch, sources: [(position: Int, type: DataType)?], fileIndex: Int
    ) throws -> [Int32] {
        try evaluator.selectRows(where: predicate, in: try assemble(batch, sources: sources, fileIndex: fileIndex))
    }

    private func gather(_ batch: Batch, _ rows: [Int32]) -> Batch {
        rows.withUnsafeBufferPointer { indices in
            Batch(columns: batch.columns.map { $0.gather(indices) }, count: indices.count)
        }
    }

    /// The batch laid out as the scan's read columns.
    private func assemble(_ batch: Batch, sources: [(position: Int, type: DataType)?], fileIndex: Int) throws -> Batch {
        var columns: [Column] = []
        columns.reserveCapacity(plan.readColumns.count)
        for (slot, column) in plan.readColumns.enumerated() {
            let type = plan.tableFields[column].type
            if column >= plan.partitionStart {
                let value = plan.partitionValues[fileIndex][column - plan.partitionStart]
                columns.append(Column.constant(value, type, count: batch.count))
            } else if let source = sources[slot] {
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
