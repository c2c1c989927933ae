// What every operator of one statement shares: cancellation, the statement's clock, its memory budget,
// and settings.
import StrataCore
import Synchronization

public final class ExecutionContext: Sendable {
    /// Rows per batch that sources aim for.
    public let batchSize: Int
    /// Threads a statement may use.
    public let parallelism: Int
    /// `current_timestamp` for the whole statement, in microseconds since the epoch (UTC).
    public let statementTimestamp: Int64
    /// What the statement's operators may hold in memory together (`SET memory_limit`).
    public let memory: MemoryBudget
    /// Where sorts and aggregations spill (`SET temp_directory`); the system's temporary folder when nil.
    public let spillDirectory: String?
    private let cancelled = Atomic<Bool>(false)

    public init(
        batchSize: Int = 8192, parallelism: Int = 2, statementTimestamp: Int64,
        memory: MemoryBudget = MemoryBudget(), spillDirectory: String? = nil
    ) {
        self.batchSize = batchSize
        self.parallelism = parallelism
        self.statementTimestamp = statementTimestamp
        self.memory = memory
        self.spillDirectory = spillDirectory
    }

    /// A reservation in the statement's memory budget for an operator's state.
    func reserveMemory(for holder: String) -> MemoryReservation {
        MemoryReservation(budget: memory, holder: holder)
    }

    /// Asks the statement to stop; operators notice at their next batch.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Throws if the statement was cancelled; operators call it once per batch.
    public func checkCancelled() throws {
        if isCancelled { throw ExecutionError(.cancelled, "query cancelled") }
    }
}
