// What every operator of one statement shares: cancellation, the statement's clock, and settings.
import StrataCore
import Synchronization

public final class ExecutionContext: Sendable {
    /// Rows per batch that sources aim for.
    public let batchSize: Int
    /// Threads a statement may use.
    public let parallelism: Int
    /// `current_timestamp` for the whole statement, in microseconds since the epoch (UTC).
    public let statementTimestamp: Int64
    private let cancelled = Atomic<Bool>(false)

    public init(batchSize: Int = 8192, parallelism: Int = 2, statementTimestamp: Int64) {
        self.batchSize = batchSize
        self.parallelism = parallelism
        self.statementTimestamp = statementTimestamp
    }

    /// Asks the statement to stop; operators notice at their next batch.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Throws if the statement was cancelled; operators call it once per batch.
    public func checkCancelled() throws {
        if isCancelled { throw ExecutionError(.cancelled, "query cancelled") }
    }
}
