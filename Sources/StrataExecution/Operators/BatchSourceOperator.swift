// Batches already in memory, handed out one by one: for tests, and for inputs the planner has computed
// (a materialized CTE, a VALUES list folded to constants).
import StrataCore

public final class BatchSourceOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private var batches: [Batch]
    private var position = 0

    public init(types: [DataType], batches: [Batch]) throws {
        for batch in batches {
            guard batch.columns.map(\.type) == types else {
                throw ExecutionError(
                    .internal, "a source batch has columns \(batch.columns.map(\.type)), expected \(types)")
            }
        }
        outputTypes = types
        self.batches = batches
    }

    public func next() throws -> Batch? {
        guard position < batches.count else { return nil }
        defer { position += 1 }
        return batches[position]
    }

    public func close() {
        batches = []
        position = 0
    }
}
