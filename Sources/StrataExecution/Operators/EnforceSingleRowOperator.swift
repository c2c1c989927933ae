// Guards a scalar subquery: passes on its one row (or none, which the join above turns into NULL) and
// fails the statement if a second row appears.
import StrataCore

public final class EnforceSingleRowOperator: PhysicalOperator {
    private let child: PhysicalOperator
    private let context: ExecutionContext
    private var finished = false

    public init(child: PhysicalOperator, context: ExecutionContext) {
        self.child = child
        self.context = context
    }

    public var outputTypes: [DataType] { child.outputTypes }

    public func next() throws -> Batch? {
        guard !finished else { return nil }
        finished = true
        var single: Batch?
        while let batch = try child.next() {
            try context.checkCancelled()
            if batch.count == 0 { continue }
            if single != nil || batch.count > 1 {
                child.close()
                throw ExecutionError(.invalidArgument, "a scalar subquery returned more than one row")
            }
            single = batch
        }
        child.close()
        return single
    }

    public func close() { child.close() }
}
