// The shape of every physical operator: a pull-based iterator of batches (Volcano, vectorized).
// Parallelism comes from running several copies of a pipeline on threads and combining them with an
// exchange, so an operator instance itself is only ever driven by one thread at a time.
import StrataCore

public protocol PhysicalOperator: AnyObject {
    /// The types of the columns of every batch this operator produces.
    var outputTypes: [DataType] { get }

    /// The next batch of rows, or nil when there are no more. Batches may be empty.
    func next() throws -> Batch?

    /// Releases what the operator holds (threads, buffers) when the consumer stops early, as LIMIT does.
    func close()
}

extension PhysicalOperator {
    public func close() {}

    /// Every remaining batch, for tests and for operators that must see all their input.
    public func drain() throws -> [Batch] {
        var batches: [Batch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }
}
