// What every pipeline of one scan shares: the columns to read, the filter and what it was rewritten into
// for each pruning layer, the files (listed once, by the first pipeline to start, so a join's build side
// can hand its keys over first), the work queue and the counters.
import StrataCore
import StrataExecution
import StrataPlanner
import Synchronization

final class LakeScanPlan: @unchecked Sendable {
    let source: LakeTableSource
    let scan: TableScan
    let options: PruningOptions
    let counters: ScanCounters
    /// Table column positions read, ascending: the output columns and those the filter needs.
    let readColumns: [Int]
    let tableFields: [Field]
    /// The filter over `readColumns` positions.
    let filter: BoundExpression?
    /// Positions in `readColumns` the filter reads.
    let filterSlots: Set<Int>
    /// Whether the filter reads a column of the files (not only partition columns).
    var filterReadsData: Bool { filterSlots.contains { readColumns[$0] < partitionStart } }
    /// Positions in `readColumns` of the output, in output order.
    let output: [Int]
    /// The filters rewritten over row group and page statistics (nil when none can be).
    let pruning: PruningPredicate?
    /// Conjuncts bloom filters and dictionaries can rule row groups out for.
    let equalities: [EqualityConjunct]
    /// Join keys that arrive once the join's build side is built.
    let dynamicFilters: [DynamicFilter]
    let queue: ScanWorkQueue
    /// Rows still wanted when the scan has a LIMIT.
    let remaining: Atomic<Int>
    let hasLimit: Bool
    /// Column chunks closer than this are fetched in one read: far on S3, where a request costs as
    /// much as a megabyte of transfer; near on a local disk, where reading a gap only costs its bytes.
    let coalesceGap: Int
    /// How the filter has fared in the row groups it ran on first (late materialization): whether waiting
    /// for it before fetching the other columns is likely to skip their chunks.
    let filterYield = FilterYield()
    /// Position in `readColumns` of each table column read.
    private let slots: [Int: Int]
    /// Fetches footers many at a time, on object stores.
    let footers: FooterPrefetcher?

    private let prepared = Locked<Bool>(false)
    /// The files that survived partition pruning, and their typed partition values (set by `prepare`).
    private(set) var files: [DataFile] = []
    private(set) var partitionValues: [[Value]] = []

    init(
        source: LakeTableSource, scan: TableScan, options: PruningOptions, counters: ScanCounters,
        dynamicFilters: [DynamicFilter]
    ) {
        self.source = source
        self.scan = scan
        self.options = options
        self.counters = counters
        self.dynamicFilters = dynamicFilters
        tableFields = scan.table.columns
        let filterColumns = scan.filters.reduce(into: Set<Int>()) { $0.formUnion($1.referencedColumns) }
        readColumns = Array(Set(scan.columns).union(filterColumns)).sorted()
        let position = Dictionary(uniqueKeysWithValues: readColumns.enumerated().map { ($1, $0) })
        slots = position
        let remote = source.store.isRemote
        coalesceGap = remote ? 1 << 20 : 32 << 10
        if case .parquet = source.readOptions, remote { footers = FooterPrefetcher() } else { footers = nil }
        filter = scan.filters.isEmpty ? nil : BoundExpression.conjunction(scan.filters).remappingColumns { position[$0]! }
        filterSlots = Set(filterColumns.map { position[$0]! })
        output = scan.columns.map { position[$0]! }
        let partitionStart = scan.table.columns.count - source.partitionKeys.count
        pruning = PruningPredicate(filters: scan.filters, table: scan.table.columns)
        equalities = EqualityConjunct.find(in: scan.filters, partitionStart: partitionStart)
        queue = ScanWorkQueue()
        remaining = Atomic(scan.limit ?? Int.max)
        hasLimit = scan.limit != nil
    }

    var partitionStart: Int { tableFields.count - source.partitionKeys.count }

    /// Position in `readColumns` of table column `column`, if it is read.
    func slot(of column: Int) -> Int? { slots[column] }

    /// `expression` over table columns as one over read-column positions.
    func overSlots(_ expression: BoundExpression) -> BoundExpression {
        expression.remappingColumns { slots[$0]! }
    }

    /// Lists the table (pruning partitions by the scan's conjuncts and the dynamic filters' keys) and
    /// fills the work queue; the first pipeline to start does it, the others wait.
    func prepare(evaluator: ExpressionEvaluator) throws {
        try prepared.withLock { done in
            guard !done else { return }
            defer { done = true }
            var conjuncts = scan.filters
            for dynamic in dynamicFilters {
                if let conjunct = try dynamic.conjunct(type: tableFields[dynamic.column].type) { conjuncts.append(conjunct) }
            }
            let filter = options.partition
                ? PartitionFilter(filters: conjuncts, tableFields: tableFields, levels: source.partitionKeys.count) : nil
            let listing = try counters.timed(.listingNanoseconds) {
                try source.listing(filter: filter?.isEmpty == false ? filter : nil, evaluator: evaluator)
            }
            counters.record(listing: listing)
            files = listing.files
            partitionValues = listing.values
            queue.fill(fileCount: files.count)
        }
    }

    /// Where each read column comes from in a file with `fileSchema` (whose leaf column `i` is
    /// `leaves[i]`): the leaf and its type there, nil for a partition column or one the file lacks.
    /// The file's type must widen to the table's.
    func columnSources(fileSchema: Schema, leaves: [Int]?, location: String) throws -> [FileColumn?] {
        try readColumns.map { column -> FileColumn? in
            guard column < partitionStart, let index = fileSchema.index(of: tableFields[column].name) else { return nil }
            let fileType = fileSchema.fields[index].type
            let tableType = tableFields[column].type
            let widens = SchemaMerger.widen(fileType, tableType) == tableType || tableType == .varchar && source.readOptions.format != .parquet
            if fileType != tableType && fileType != .unknown && !widens {
                throw LakeError(
                    "\(location): column \(tableFields[column].name) is \(fileType) here but \(tableType) in the table's other files")
            }
            return FileColumn(position: index, leaf: leaves?[index] ?? index, type: fileType)
        }
    }
}

/// A read column as one file holds it.
struct FileColumn {
    /// Position in the file's engine schema.
    let position: Int
    /// The Parquet leaf column (the position, for text files).
    let leaf: Int
    /// Its type in the file.
    let type: DataType
}

/// Row groups where a scan's filter ran before the other columns were read, and how many of them it left
/// without a row. The other columns' chunks are fetched after the filter — one more request per row
/// group — when their pages can be picked by an offset index, or when the filter often passes nothing,
/// so their whole chunks are skipped; a filter that passes something everywhere has them fetched along
/// with its own columns.
final class FilterYield: Sendable {
    private let filtered = Atomic<Int>(0)
    private let empty = Atomic<Int>(0)

    /// Row groups seen before the share of empty ones is trusted.
    static let warmUp = 4

    func record(passedRows: Bool) {
        filtered.add(1, ordering: .relaxed)
        if !passedRows { empty.add(1, ordering: .relaxed) }
    }

    /// Whether waiting for the filter is likely to skip whole chunks: it left at least one row group in
    /// four without a row so far, or has not run on enough row groups to tell.
    var oftenEmpty: Bool {
        let filtered = filtered.load(ordering: .relaxed)
        return filtered < Self.warmUp || empty.load(ordering: .relaxed) * 4 >= filtered
    }
}
