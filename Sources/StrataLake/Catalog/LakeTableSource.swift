// A table of the lake as the scan sees it: its partition keys and their types, the merged columns of its
// files, and its files — known up front for a table function's paths, listed per scan (level by level,
// pruned on the way) for a partitioned table folder. Listings are kept for the statement, so planning and
// running a query list each folder once.
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner
import StrataStorage

public final class LakeTableSource: TableSource, @unchecked Sendable {
    public let name: String
    public let store: any ObjectStore
    /// Key prefix of the table's folder (empty for a table function's files).
    public let prefix: String
    public let partitionKeys: [String]
    public let partitionTypes: [DataType]
    /// The files' merged columns, before the partition columns.
    public let dataFields: [Field]
    public let readOptions: FileReadOptions
    /// Paths skipped while loading and why.
    public let warnings: [String]
    /// The files, when known without listing (a table function's paths); nil for a table folder,
    /// whose folders are listed by each scan.
    let knownFiles: [DataFile]?
    /// How the table folder is partitioned (nil for a table function's paths).
    let layout: PartitionLayout?
    /// Bytes fetched from the end of a Parquet file to find its footer. On an object store, one read: a
    /// little more than the largest footer seen in the table so far, since a second request costs more than
    /// kilobytes do (but at most four times the average, so one huge footer does not inflate every read; a
    /// file with a larger footer takes a second read). On a local disk, where a read costs microseconds,
    /// the length and magic and then the footer exactly, so that `bytes_read` holds nothing the file's
    /// metadata does not.
    var footerReadSize: Int {
        guard store.isRemote else { return Self.firstFooterReadSize(in: store) }
        return footerSizes.withLock { seen in
            let expected = seen.count > 0 ? min(seen.largest, 4 * seen.total / seen.count) : 0
            return Self.footerReadSize(forFooterLength: expected, floor: seen.floor)
        }
    }
    /// The footer's length and the closing magic: the 8 bytes that say how much more to read.
    static let localFooterReadSize = 8

    /// The read size for the first footer of a table, before any was seen.
    static func firstFooterReadSize(in store: any ObjectStore) -> Int {
        store.isRemote ? ParquetReadOptions().footerReadSize : localFooterReadSize
    }
    /// Footer bytes and footers seen, and the read size to use at least (from the files sampled when loading).
    private let footerSizes: Locked<(total: Int, count: Int, largest: Int, floor: Int)>
    private let listings = Locked<[[BoundExpression]: PartitionListing]>([:])
    /// Parquet files whose footers were read during the statement but not used by a scan yet, by key: the
    /// files sampled for the columns, and those of an aggregate whose footers could not answer it all.
    /// A scan takes them out, so footers are not kept longer than needed.
    private let openedFiles: Locked<[String: ParquetFile]>

    init(
        name: String, store: any ObjectStore, prefix: String, knownFiles: [DataFile]?, layout: PartitionLayout?,
        partitionKeys: [String], partitionTypes: [DataType], dataFields: [Field], readOptions: FileReadOptions,
        warnings: [String], openedFiles: [String: ParquetFile] = [:], footerLengthHint: Int? = nil
    ) {
        self.name = name
        self.store = store
        self.prefix = prefix
        self.knownFiles = knownFiles
        self.layout = layout
        self.partitionKeys = partitionKeys
        self.partitionTypes = partitionTypes
        self.dataFields = dataFields
        self.readOptions = readOptions
        self.warnings = warnings
        footerSizes = Locked((
            openedFiles.values.reduce(0) { $0 + $1.footerLength }, openedFiles.count, openedFiles.values.map(\.footerLength).max() ?? 0,
            footerLengthHint.map { Self.footerReadSize(forFooterLength: $0) } ?? 4096))
        self.openedFiles = Locked(openedFiles)
    }

    public var identity: String { store.location(of: prefix) + "#" + name }

    /// Data columns, then the partition columns (a partition key shadows a file column of its name).
    public var columns: [Field] {
        let keys = Set(partitionKeys.map { $0.lowercased() })
        return dataFields.filter { !keys.contains($0.name.lowercased()) }
            + zip(partitionKeys, partitionTypes).map { Field($0, $1) }
    }

    public var handle: TableHandle {
        let columns = self.columns
        let first = columns.count - partitionKeys.count
        return TableHandle(name: name, columns: columns, partitionColumns: Array(first..<columns.count), source: self)
    }

    /// The files whose partition values pass `filter` (every file without one), listed once per
    /// statement for each filter.
    func listing(filter: PartitionFilter?, evaluator: ExpressionEvaluator) throws -> PartitionListing {
        let key = filter?.conjuncts ?? []
        if var cached = listings.withLock({ $0[key] }) {
            cached.requests = 0
            return cached
        }
        let listing: PartitionListing
        if let knownFiles {
            listing = try filterKnownFiles(knownFiles, filter: filter, evaluator: evaluator)
        } else {
            let lister = PartitionLister(
                store: store, table: name, prefix: prefix, keys: partitionKeys, types: partitionTypes,
                rootListing: layout?.rootListing, format: readOptions.format)
            listing = try lister.list(filter: filter, evaluator: evaluator)
        }
        listings.withLock { $0[key] = listing }
        return listing
    }

    /// Every file of the table.
    func allFiles(evaluator: ExpressionEvaluator) throws -> PartitionListing {
        try listing(filter: nil, evaluator: evaluator)
    }

    /// Known files filtered by their partition values, all in one batch (the DataFusion way).
    private func filterKnownFiles(_ files: [DataFile], filter: PartitionFilter?, evaluator: ExpressionEvaluator) throws -> PartitionListing {
        var values: [[Value]] = []
        values.reserveCapacity(files.count)
        for file in files {
            var row: [Value] = []
            for (level, type) in partitionTypes.enumerated() {
                guard let value = PartitionValueType.value(file.partitionValues[level], as: type) else {
                    throw LakeError(
                        "\(store.location(of: file.key)): partition value '\(file.partitionValues[level] ?? "")' of \(partitionKeys[level]) is not a \(type.sqlName)")
                }
                row.append(value)
            }
            values.append(row)
        }
        let kept = try filter?.select(values, known: partitionKeys.count, evaluator: evaluator) ?? Array(files.indices)
        var levels: [PartitionListing.Level] = []
        if let key = partitionKeys.last {
            let partitions = Set(files.map(\.partitionValues))
            let keptPartitions = Set(kept.map { files[$0].partitionValues })
            levels = [PartitionListing.Level(key: key, listed: partitions.count, kept: keptPartitions.count)]
        }
        return PartitionListing(
            files: kept.map { files[$0] }, values: kept.map { values[$0] }, filesListed: files.count, levels: levels, warnings: [])
    }

    /// The open Parquet file `file`, and whether this call read its footer (false when it was read
    /// earlier in the statement).
    /// `prefetched` gives the file's tail when it was fetched with others'.
    func openParquet(_ file: DataFile, options: ParquetReadOptions, prefetched: () throws -> [UInt8]? = { nil }) throws
        -> (ParquetFile, opened: Bool)
    {
        if let kept = openedFiles.withLock({ $0.removeValue(forKey: file.key) }) { return (kept, false) }
        var options = options
        options.footerReadSize = footerReadSize
        let parquet: ParquetFile
        if let tail = try prefetched() {
            parquet = try ParquetFile.open(store: store, key: file.key, size: file.size, tail: tail, options: options)
        } else {
            parquet = try ParquetFile.open(store: store, key: file.key, size: file.size, options: options)
        }
        sawFooter(length: parquet.footerLength)
        return (parquet, true)
    }

    /// Keeps open files for a later scan of the statement.
    func keep(_ files: [ParquetFile]) {
        openedFiles.withLock { kept in
            for file in files { kept[file.key] = file }
        }
    }

    /// Notes the footer length of a file just opened, so later files are opened with one read.
    func sawFooter(length: Int) {
        footerSizes.withLock {
            $0.total += length
            $0.count += 1
            $0.largest = max($0.largest, length)
        }
    }

    /// Enough of a file's end for a footer of `length` bytes and some to spare.
    static func footerReadSize(forFooterLength length: Int, floor: Int = 4096) -> Int {
        let padded = (length + 8) + (length + 8) / 4 + 1024
        return min(max(padded, floor), 16 << 20)
    }
}
