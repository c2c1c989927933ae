// Temporary Parquet files on the local disk for rows that do not fit in memory: sorted runs of a sort,
// hash partitions of an aggregation, partitions of a write beyond the open-file limit. Written fast (LZ4,
// no page index) into a private folder, read back once, and deleted with the area.
import StrataCore
import StrataFormats
import StrataStorage

#if canImport(Glibc)
import Glibc
#endif

public final class SpillArea {
    public let schema: Schema
    /// The schema of the files: as `schema`, but INTERVAL (which Parquet cannot hold) as 16 raw bytes.
    private let diskSchema: Schema
    /// Private to the user (0700), made here and nowhere else: spilled rows are the lake's data.
    public let folder: String
    private let store: LocalObjectStore
    private var writers: [ParquetWriter?] = []
    private let options: ParquetWriterOptions

    /// An area for rows of `schema`, in files of row groups of about `rowGroupBytes`, under `directory`
    /// (the system's temporary folder, `$TMPDIR` or /tmp, when nil).
    public init(schema: Schema, rowGroupBytes: Int, directory: String? = nil) throws {
        self.schema = schema
        diskSchema = Schema(schema.fields.map { Field($0.name, SpillArea.diskType($0.type)) })
        let temporary = directory ?? getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        folder = temporary + "/strata-spill-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        // Made new (an existing folder of that name is not reused) and readable by this user only.
        guard mkdir(folder, 0o700) == 0 else {
            throw ExecutionError(
                .resourceExhausted,
                "cannot create the spill folder \(folder): \(String(cString: strerror(errno))); spill elsewhere with SET temp_directory")
        }
        store = LocalObjectStore(root: folder)
        var options = ParquetWriterOptions(compression: .lz4Raw)
        options.writePageIndex = false
        options.statisticsTruncateLength = 16
        options.rowGroupSize = rowGroupBytes
        // Read back once, in order: dictionaries would cost memory for nothing, and every open file keeps a
        // page per column in memory, so pages stay small next to the row group.
        options.dictionary = .never
        options.pageSize = min(max(rowGroupBytes / 8, 8 << 10), 1 << 20)
        self.options = options
    }

    deinit { remove() }

    /// Row groups small enough that `openFiles` files, each buffering one while written or holding one
    /// while read back, take about a quarter of `budget`; between 64 KB and 8 MB.
    public static func rowGroupBytes(budget: Int, openFiles: Int) -> Int {
        min(max(budget / (4 * max(openFiles, 1)), 64 << 10), 8 << 20)
    }

    /// Files the area has numbers for (some may hold nothing).
    public var fileCount: Int { writers.count }

    /// Rows buffered in memory, not yet in a row group on disk.
    public var bufferedBytes: Int { writers.reduce(0) { $0 + ($1?.bufferedBytes ?? 0) } }

    /// Adds rows (every column) to file `file`, which need not exist yet.
    public func write(_ batch: Batch, file: Int) throws {
        if file >= writers.count { writers += Array(repeating: nil, count: file + 1 - writers.count) }
        if writers[file] == nil {
            writers[file] = try ParquetWriter(store: store, key: Self.key(file), schema: diskSchema, options: options)
        }
        do {
            try writers[file]!.write(Batch(columns: batch.columns.map(SpillArea.toDisk), count: batch.count))
        } catch {
            throw spillFailed(error)
        }
    }

    /// Writes out every buffered row group.
    public func flush() throws {
        do {
            for writer in writers { try writer?.flushRowGroup() }
        } catch {
            throw spillFailed(error)
        }
    }

    /// Closes file `file` and reads it back; nil when nothing was written there.
    public func reader(_ file: Int) throws -> SpillReader? {
        guard file < writers.count, let writer = writers[file] else { return nil }
        writers[file] = nil
        do {
            let result = try writer.close()
            let parquet = try ParquetFile.open(store: store, key: Self.key(file), size: result.fileSize)
            return SpillReader(file: parquet, types: schema.fields.map(\.type))
        } catch {
            throw spillFailed(error)
        }
    }

    /// Deletes every spill file and the folder.
    public func remove() {
        for writer in writers { writer?.abort() }
        for file in writers.indices { unlink(folder + "/" + Self.key(file)) }
        writers = []
        rmdir(folder)
    }

    private static func key(_ file: Int) -> String { "spill-\(file).parquet" }

    static func diskType(_ type: DataType) -> DataType { type == .interval ? .varbinary : type }

    /// An INTERVAL column as VARBINARY of its 16-byte values; other columns as they are.
    static func toDisk(_ column: Column) -> Column {
        guard column.type == .interval else { return column }
        let plain = column.flattened()
        guard case .fixedWidth(let values) = plain.storage else { return plain }
        let width = MemoryLayout<Interval>.stride
        let offsets = Buffer((0...plain.count).map { Int64($0 * width) })
        let bytes = Buffer(copying: UnsafeRawBufferPointer(start: values.baseAddress, count: plain.count * width))
        return Column(type: .varbinary, count: plain.count, offsets: offsets, bytes: bytes, validity: plain.validity)
    }

    /// A column read back, as `type`: VARBINARY holding INTERVAL values turned back into them.
    static func fromDisk(_ column: Column, as type: DataType) -> Column {
        guard type == .interval, column.type == .varbinary else { return column }
        let view = ColumnView(column)
        let width = MemoryLayout<Interval>.stride
        let values = Buffer(zeroedCount: view.count * width)
        for row in 0..<view.count where !view.isNull(row) {
            let bytes = view.bytes(at: row)
            if bytes.count == width { (values.baseAddress + row * width).copyMemory(from: bytes.baseAddress!, byteCount: width) }
        }
        return Column(type: .interval, count: view.count, values: values, validity: view.validity)
    }

    /// A failure to write or read back spilled rows, most often a full disk, named as such.
    private func spillFailed(_ error: Error) -> Error {
        if error is ExecutionError { return error }
        let advice = error is StorageError ? "; free disk space there, or spill elsewhere with SET temp_directory" : ""
        return ExecutionError(.resourceExhausted, "cannot spill to \(folder): \(error)\(advice)")
    }
}

/// The batches of one spill file, row group after row group, in the order they were written.
public final class SpillReader: PhysicalOperator {
    public let outputTypes: [DataType]
    private let file: ParquetFile
    private var rowGroup = 0
    private var current: RowGroupReader?

    init(file: ParquetFile, types: [DataType]) {
        self.file = file
        outputTypes = types
    }

    public func next() throws -> Batch? {
        while true {
            if let current, let batch = try current.next() {
                let columns = zip(batch.columns, outputTypes).map { SpillArea.fromDisk($0, as: $1) }
                return Batch(columns: columns, count: batch.count)
            }
            guard rowGroup < file.rowGroups.count else { return nil }
            current = try file.readRowGroup(rowGroup, columns: file.schema.readableColumnIndices)
            rowGroup += 1
        }
    }

    public func close() { current = nil }
}
