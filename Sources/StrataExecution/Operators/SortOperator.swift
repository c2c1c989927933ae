// ORDER BY: gathers the whole input, sorts row numbers by normalized keys (stable; strings by bytes;
// NULLS FIRST/LAST per key), then emits the rows in order a batch at a time.
import StrataCore
import StrataPlanner

public final class SortOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let child: PhysicalOperator
    private let keys: SortKeyEvaluator
    private let context: ExecutionContext
    private var sorted: Batch?
    private var order: [Int32] = []
    private var position = 0

    public init(child: PhysicalOperator, keys: [SortKey], context: ExecutionContext) {
        self.child = child
        self.context = context
        outputTypes = child.outputTypes
        self.keys = SortKeyEvaluator(keys: keys, inputTypes: child.outputTypes, context: context)
    }

    public func next() throws -> Batch? {
        if sorted == nil {
            var batches: [Batch] = []
            while let batch = try child.next() {
                try context.checkCancelled()
                if batch.count > 0 { batches.append(try keys.extend(batch)) }
            }
            child.close()
            let all = Batch.concatenate(batches, types: keys.extendedTypes(outputTypes))
            order = keys.order(all)
            sorted = keys.strip(all)
        }
        guard let sorted, position < order.count else { return nil }
        try context.checkCancelled()
        let end = min(position + context.batchSize, order.count)
        defer { position = end }
        return sorted.gather(Array(order[position..<end]))
    }

    public func close() {
        child.close()
        sorted = nil
        order = []
    }
}
