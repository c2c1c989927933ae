// Counters of storage traffic, shared by every scan of a query; `--stats-json` reports their change over
// a statement.
import Synchronization

public final class StorageStatistics: Sendable {
    private let requestCount = Atomic<Int>(0)
    private let bytesReadCount = Atomic<Int>(0)
    private let bytesWrittenCount = Atomic<Int>(0)

    public init() {}

    /// Reads, lists and heads made against storage.
    public var requests: Int { requestCount.load(ordering: .relaxed) }
    /// Bytes fetched from storage.
    public var bytesRead: Int { bytesReadCount.load(ordering: .relaxed) }
    public var bytesWritten: Int { bytesWrittenCount.load(ordering: .relaxed) }

    public func recordRequest(bytesRead: Int = 0, bytesWritten: Int = 0) {
        requestCount.add(1, ordering: .relaxed)
        if bytesRead > 0 { bytesReadCount.add(bytesRead, ordering: .relaxed) }
        if bytesWritten > 0 { bytesWrittenCount.add(bytesWritten, ordering: .relaxed) }
    }

    public struct Snapshot: Sendable, Hashable {
        public var requests: Int
        public var bytesRead: Int
        public var bytesWritten: Int

        public static func - (lhs: Snapshot, rhs: Snapshot) -> Snapshot {
            Snapshot(
                requests: lhs.requests - rhs.requests, bytesRead: lhs.bytesRead - rhs.bytesRead,
                bytesWritten: lhs.bytesWritten - rhs.bytesWritten)
        }
    }

    public func snapshot() -> Snapshot {
        Snapshot(requests: requests, bytesRead: bytesRead, bytesWritten: bytesWritten)
    }
}
