// The pruning funnel of a statement: one set of counters per scan (partitions → files → row groups →
// pages → bytes, what each pruning layer removed, and the time spent in each layer), summed for
// `--stats-json` and shown per scan by EXPLAIN ANALYZE. Pipelines on several threads add at once.
import StrataCore

public final class ScanMetrics: Sendable {
    private let scans = Locked<[ScanCounters]>([])

    public init() {}

    /// Counters for one more scan of the statement.
    public func newScan(table: String) -> ScanCounters {
        let counters = ScanCounters(table: table)
        scans.withLock { $0.append(counters) }
        return counters
    }

    /// Every scan's counters, in the order the scans were planned.
    public var perScan: [ScanCounters] { scans.withLock { $0 } }

    /// A counter summed over the statement's scans.
    public subscript(_ counter: ScanCounters.Counter) -> Int {
        perScan.reduce(0) { $0 + $1[counter] }
    }

    /// Warnings of every scan (folders skipped while listing), without repeats.
    public var warnings: [String] {
        var seen = Set<String>()
        return perScan.flatMap(\.warnings).filter { seen.insert($0).inserted }
    }
}

public final class ScanCounters: Sendable {
    public enum Counter: Int, CaseIterable, Sendable {
        case partitionsTotal, partitionsScanned
        case filesListed, filesOpened, filesScanned
        /// Files whose footers answered the query (COUNT/MIN/MAX) without reading data.
        case filesAnsweredFromMetadata
        case rowGroupsTotal, rowGroupsScanned
        case rowGroupsPrunedByStatistics, rowGroupsPrunedByBloomFilter, rowGroupsPrunedByPageIndex
        case rowGroupsPrunedByDictionary
        case pagesTotal, pagesScanned
        case rowsScanned
        /// Storage traffic this scan caused (listings, footers, indexes, column data), and the listings.
        case bytesRead, requests, listRequests
        /// Time in each layer, in nanoseconds, summed over the threads that did the work.
        case listingNanoseconds, footerNanoseconds, statisticsNanoseconds, bloomNanoseconds
        case pageIndexNanoseconds, dictionaryNanoseconds, fetchNanoseconds, decodeNanoseconds
        /// Bytes of the data files the listing left after partition pruning (the REPL's "read X of Y").
        case bytesListed
    }

    /// The table scanned, for EXPLAIN ANALYZE.
    public let table: String
    // Updated per file, row group or batch, never per row, so a lock costs nothing measurable.
    private let counters = Locked([Int](repeating: 0, count: Counter.allCases.count))
    private let details = Locked<(levels: [PartitionListing.Level], warnings: [String], predicates: [String], listed: Bool)>(
        ([], [], [], false))

    /// Files whose footers the scan has used (read now or earlier in the statement).
    private let footersUsed = Locked<Set<String>>([])

    init(table: String) {
        self.table = table
    }

    /// Counts a file whose footer the scan uses — as opened, with its row groups — the first time only.
    func usedFooter(of key: String, rowGroups: Int) {
        guard footersUsed.withLock({ $0.insert(key).inserted }) else { return }
        add(.filesOpened)
        add(.rowGroupsTotal, rowGroups)
    }

    public func add(_ counter: Counter, _ amount: Int = 1) {
        guard amount != 0 else { return }
        counters.withLock { $0[counter.rawValue] += amount }
    }

    public subscript(_ counter: Counter) -> Int {
        counters.withLock { $0[counter.rawValue] }
    }

    /// Runs `body`, adding its wall time to `counter`.
    func timed<T>(_ counter: Counter, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer {
            let elapsed = clock.now - start
            add(counter, Int(elapsed.components.seconds) * 1_000_000_000 + Int(elapsed.components.attoseconds / 1_000_000_000))
        }
        return try body()
    }

    /// Folders listed and kept at each partition level.
    public var levels: [PartitionListing.Level] { details.withLock { $0.levels } }
    public var warnings: [String] { details.withLock { $0.warnings } }
    /// The scan's pushed predicates, as EXPLAIN shows them.
    public var predicates: [String] { details.withLock { $0.predicates } }

    /// The scan's listing (once: the part of an aggregate its footers could not answer is scanned with
    /// the same counters and the same listing).
    func record(listing: PartitionListing) {
        let first = details.withLock { details -> Bool in
            guard !details.listed else { return false }
            details.listed = true
            details.levels = listing.levels
            details.warnings += listing.warnings
            return true
        }
        guard first else { return }
        add(.filesListed, listing.filesListed)
        add(.bytesListed, listing.bytes)
        add(.requests, listing.requests)
        add(.listRequests, listing.requests)
        add(.partitionsTotal, listing.partitionsListed)
        add(.partitionsScanned, listing.partitionsKept)
    }

    func record(predicates: [String]) {
        details.withLock { $0.predicates = predicates }
    }
}
