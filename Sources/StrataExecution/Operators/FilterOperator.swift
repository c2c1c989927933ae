// WHERE and HAVING: keeps the rows where the predicate is TRUE, compacting them with a gather.
import StrataCore
import StrataPlanner

public final class FilterOperator: PhysicalOperator {
    private let child: PhysicalOperator
    private let predicate: BoundExpression
    private let context: ExecutionContext
    private let evaluator: ExpressionEvaluator

    public init(child: PhysicalOperator, predicate: BoundExpression, context: ExecutionContext) {
        self.child = child
        self.predicate = predicate
        self.context = context
        evaluator = ExpressionEvaluator(context: context)
    }

    public var outputTypes: [DataType] { child.outputTypes }

    public func next() throws -> Batch? {
        while true {
            try context.checkCancelled()
            guard let batch = try child.next() else { return nil }
            let rows = try evaluator.selectRows(where: predicate, in: batch)
            if rows.count == batch.count { return batch }
            if rows.isEmpty { continue }
            return batch.gather(rows)
        }
    }

    public func close() { child.close() }
}
