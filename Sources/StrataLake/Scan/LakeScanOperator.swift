// Reads the files of a table scan, whatever their format. Each file's columns are matched to the table's
// by name: a column the file lacks reads as NULL, a narrower type is widened, partition columns come
// from the file's `key=value` folders. The scan's filters are then applied exactly, and only the
// requested columns leave. Several of these operators share one work queue, one per pipeline.
import StrataCore
import StrataExecution
import StrataPlanner

final class LakeScanOperator: PhysicalOperator {
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
        while true {
            try context.checkCancelled()
            if plan.hasLimit && plan.remaining.load(ordering: .relaxed) <= 0 { return nil }
            if current == nil {
                guard let unit = plan.queue.next() else { return nil }
                current = try ScanFileOpener.open(unit, plan: plan)
                if current == nil { continue }
            }
            let reader = current!
            guard let batch = try reader.next(maxRows: context.batchSize) else {
                reader.finish(plan.metrics)
                current = nil
                continue
            }
            plan.metrics.add(.rowsScanned, batch.count)
            var result = try assemble(batch, reader)
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

    func close() {
        current = nil
    }

    /// The batch laid out as the scan's read columns.
    private func assemble(_ batch: Batch, _ reader: ScanFileReader) throws -> Batch {
        var columns: [Column] = []
        columns.reserveCapacity(plan.readColumns.count)
        for (slot, column) in plan.readColumns.enumerated() {
            let type = plan.tableFields[column].type
            if column >= plan.partitionStart {
                let value = plan.partitionValues[reader.fileIndex][column - plan.partitionStart]
                columns.append(Column.constant(value, type, count: batch.count))
            } else if let source = reader.sources[slot] {
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
