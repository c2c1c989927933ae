// The scan statistics of one statement, with exactly the keys of the design contract's `--stats-json`.
import StrataStorage

public struct QueryStatistics: Sendable, Hashable {
    public var filesListed = 0
    public var filesOpened = 0
    public var filesScanned = 0
    public var rowGroupsTotal = 0
    public var rowGroupsScanned = 0
    public var pagesTotal = 0
    public var pagesScanned = 0
    public var bytesRead = 0
    public var requests = 0
    public var rowsScanned = 0
    public var elapsedMilliseconds = 0
    public var partitionsTotal = 0
    public var partitionsScanned = 0
    /// Folders skipped while listing, and why.
    public var warnings: [String] = []

    public init() {}

    init(metrics: ScanMetrics, storage: StorageStatistics.Snapshot, elapsedMilliseconds: Int) {
        filesListed = metrics[.filesListed]
        filesOpened = metrics[.filesOpened]
        filesScanned = metrics[.filesScanned]
        rowGroupsTotal = metrics[.rowGroupsTotal]
        rowGroupsScanned = metrics[.rowGroupsScanned]
        pagesTotal = metrics[.pagesTotal]
        pagesScanned = metrics[.pagesScanned]
        rowsScanned = metrics[.rowsScanned]
        partitionsTotal = metrics[.partitionsTotal]
        partitionsScanned = metrics[.partitionsScanned]
        warnings = metrics.warnings
        bytesRead = storage.bytesRead
        requests = storage.requests
        self.elapsedMilliseconds = elapsedMilliseconds
    }

    /// The `--stats-json` object: one line, keys in the contract's order.
    public var json: String {
        let pairs: [(String, Int)] = [
            ("files_listed", filesListed), ("files_opened", filesOpened), ("files_scanned", filesScanned),
            ("row_groups_total", rowGroupsTotal), ("row_groups_scanned", rowGroupsScanned),
            ("pages_total", pagesTotal), ("pages_scanned", pagesScanned), ("bytes_read", bytesRead),
            ("requests", requests), ("rows_scanned", rowsScanned), ("elapsed_ms", elapsedMilliseconds),
        ]
        return "{" + pairs.map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}"
    }

    /// What the bytes read would cost on Athena: $5 per TB scanned, at least 10 MB per query.
    public var athenaCostDollars: Double {
        QueryStatistics.athenaCost(bytes: bytesRead)
    }

    /// Athena's price for scanning `bytes`.
    public static func athenaCost(bytes: Int) -> Double {
        Double(max(bytes, 10 * 1_000_000)) / 1e12 * 5
    }
}
