// VALUES (...), (...): rows of constant expressions, evaluated once and emitted in batches.
import StrataCore
import StrataPlanner

public final class ValuesOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let rows: [[BoundExpression]]
    private let context: ExecutionContext
    private var output: Batch?
    private var position = 0

    /// `rows` all have one expression per column of `types`, of that type; they may not refer to columns.
    public init(rows: [[BoundExpression]], types: [DataType], context: ExecutionContext) throws {
        for (index, row) in rows.enumerated() {
            guard row.map(\.type) == types else {
                throw ExecutionError(
                    .internal, "VALUES row \(index + 1) has types \(row.map(\.type)), expected \(types)")
            }
        }
        outputTypes = types
        self.rows = rows
        self.context = context
    }

    public func next() throws -> Batch? {
        try context.checkCancelled()
        if output == nil {
            let evaluator = ExpressionEvaluator(context: context)
            let single = Batch(count: 1)
            var columns: [[Column]] = Array(repeating: [], count: outputTypes.count)
            for row in rows {
                for (index, expression) in row.enumerated() {
                    columns[index].append(try evaluator.evaluate(expression, on: single))
                }
            }
            output = Batch(
                columns: outputTypes.enumerated().map { Column.concatenate(columns[$0.offset], type: $0.element) },
                count: rows.count)
        }
        guard let output, position < output.count else { return nil }
        let end = min(position + context.batchSize, output.count)
        defer { position = end }
        return output.slice(position..<end)
    }

    public func close() { output = nil }
}
