// SELECT lists and computed columns: one output column per expression, evaluated over each batch.
import StrataCore
import StrataPlanner

public final class ProjectionOperator: PhysicalOperator {
    private let child: PhysicalOperator
    private let expressions: [BoundExpression]
    private let context: ExecutionContext
    private let evaluator: ExpressionEvaluator
    public let outputTypes: [DataType]

    public init(child: PhysicalOperator, expressions: [BoundExpression], context: ExecutionContext) {
        self.child = child
        self.expressions = expressions
        self.context = context
        evaluator = ExpressionEvaluator(context: context)
        outputTypes = expressions.map(\.type)
    }

    public func next() throws -> Batch? {
        try context.checkCancelled()
        guard let batch = try child.next() else { return nil }
        if expressions.isEmpty { return Batch(count: batch.count) }
        let columns = try expressions.map { try evaluator.evaluate($0, on: batch) }
        return Batch(columns: columns, count: batch.count)
    }

    public func close() { child.close() }
}
