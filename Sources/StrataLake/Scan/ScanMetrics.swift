// The pruning funnel of a statement, summed over its scans: what `--stats-json` and EXPLAIN ANALYZE
// report. Scans on several threads add to it at once.
import Synchronization

public final class ScanMetrics: Sendable {
    public enum Counter: Int, CaseIterable, Sendable {
        case partitionsTotal, partitionsScanned
        case filesListed, filesOpened, filesScanned
        case rowGroupsTotal, rowGroupsScanned
        case pagesTotal, pagesScanned
        case rowsScanned
        case bytesScanned
        /// Sizes of every listed file (before pruning), and the files left to open after partition pruning.
        case bytesListed, filesToOpen
    }

    // Updated per file, row group or batch, never per row, so a lock costs nothing measurable.
    private let counters = Mutex([Int](repeating: 0, count: Counter.allCases.count))

    public init() {}

    public func add(_ counter: Counter, _ amount: Int = 1) {
        guard amount != 0 else { return }
        counters.withLock { $0[counter.rawValue] += amount }
    }

    public subscript(_ counter: Counter) -> Int {
        counters.withLock { $0[counter.rawValue] }
    }
}
