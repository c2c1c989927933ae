// The rows of a scalar subquery, checked: none or one, never more (SQL's rule for scalar subqueries).
import StrataCore

public final class EnforceSingleRowOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let child: PhysicalOperator
    private let context: ExecutionContext
    private var done = false

    public init(child: PhysicalOperator, context: ExecutionContext) {
        self.child = child
        self.context = context
        outputTypes = child.outputTypes
    }

    public func next() throws -> Batch? {
        guard !done else { return nil }
        done = true
        var found: Batch?
        while let batch = try child.next() {
            try context.checkCancelled()
            guard batch.count > 0 else { continue }
            if found != nil || batch.count > 1 {
                throw ExecutionError(.invalidArgument, "a scalar subquery returned more than one row")
            }
            found = batch
        }
        return found ?? Batch(columns: outputTypes.map { Column.nulls($0, count: 0) }, count: 0)
    }

    public func close() { child.close() }
}
