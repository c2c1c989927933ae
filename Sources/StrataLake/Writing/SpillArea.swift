// Temporary Parquet files on the local disk holding the rows of partitions beyond the open-file limit,
// spread over a few files by partition (every row of one partition lands in the same file). Written fast
// (LZ4, no page index) and deleted when read back.
import StrataCore
import StrataFormats
import StrataStorage

#if canImport(Glibc)
import Glibc
#endif

final class SpillArea {
    let schema: Schema
    let fileCount: Int
    /// Private to the user (0700), made here and nowhere else: spilled rows are the lake's data.
    let folder: String
    private let store: LocalObjectStore
    private var writers: [ParquetWriter?]
    private let options: ParquetWriterOptions

    init(schema: Schema, files: Int, rowGroupBytes: Int) throws {
        self.schema = schema
        fileCount = files
        let temporary = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        folder = temporary + "/strata-spill-\(getpid())-\(String(UInt64.random(in: 0...UInt64.max), radix: 16))"
        // Made new (an existing folder of that name is not reused) and readable by this user only.
        guard mkdir(folder, 0o700) == 0 else {
            throw LakeError("cannot create the spill folder \(folder): \(String(cString: strerror(errno))); set TMPDIR to a writable folder")
        }
        store = LocalObjectStore(root: folder)
        writers = Array(repeating: nil, count: files)
        var options = ParquetWriterOptions(compression: .lz4Raw)
        options.writePageIndex = false
        options.statisticsTruncateLength = 16
        options.rowGroupSize = rowGroupBytes
        self.options = options
    }

    var bufferedBytes: Int { writers.reduce(0) { $0 + ($1?.bufferedBytes ?? 0) } }

    /// Adds rows (every column) of one partition, numbered `partition`.
    func write(_ batch: Batch, partition: Int) throws {
        let index = partition % fileCount
        if writers[index] == nil {
            writers[index] = try ParquetWriter(store: store, key: "spill-\(index).parquet", schema: schema, options: options)
        }
        try writers[index]!.write(batch)
    }

    /// Writes out every buffered row group.
    func flush() throws {
        for writer in writers { try writer?.flushRowGroup() }
    }

    /// Closes spill file `index` and reads it back; nil when nothing was spilled there.
    func reader(_ index: Int) throws -> SpillReader? {
        guard let writer = writers[index] else { return nil }
        writers[index] = nil
        let result = try writer.close()
        let file = try ParquetFile.open(store: store, key: "spill-\(index).parquet", size: result.fileSize)
        return SpillReader(file: file, types: schema.fields.map(\.type))
    }

    /// Deletes every spill file.
    func remove() {
        for writer in writers { writer?.abort() }
        writers = Array(repeating: nil, count: fileCount)
        try? LocalFiles.removeTree(folder)
    }
}

/// The batches of one spill file, row group after row group.
final class SpillReader {
    private let file: ParquetFile
    private var rowGroup = 0
    private var current: RowGroupReader?

    init(file: ParquetFile, types: [DataType]) {
        self.file = file
    }

    func next() throws -> Batch? {
        while true {
            if let current, let batch = try current.next() { return batch }
            guard rowGroup < file.rowGroups.count else { return nil }
            current = try file.readRowGroup(rowGroup, columns: file.schema.readableColumnIndices)
            rowGroup += 1
        }
    }
}
