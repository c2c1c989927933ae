// Where the rows of one output file go: a Parquet writer or a text writer. The partitioned writer holds
// many at once and drives their memory through `bufferedBytes` and `flush()`.
import StrataCore

protocol FileSink: AnyObject {
    /// Adds rows; the batch has the file's columns.
    func write(_ batch: Batch) throws
    /// Bytes held in memory, which `flush()` would release.
    var bufferedBytes: Int { get }
    /// Bytes sent to storage so far.
    var bytesWritten: Int { get }
    /// The file's size if it were closed now: where files are cut at `maxFileBytes`.
    var estimatedFileBytes: Int { get }
    /// Writes out what is buffered (a Parquet row group), releasing its memory.
    func flush() throws
    /// Finishes and publishes the file: rows, bytes and NULLs per column.
    func close() throws -> (rows: Int, bytes: Int, nullCounts: [Int])
    /// Abandons the file; nothing is left behind.
    func abort()
}

extension Batch {
    /// About how many bytes the batch's columns hold.
    var estimatedBytes: Int {
        columns.reduce(0) { $0 + $1.estimatedBytes }
    }
}

extension Column {
    var estimatedBytes: Int {
        var total = (validity != nil ? (count + 7) / 8 : 0)
        switch storage {
        case .fixedWidth: total += count * (type.byteWidth ?? 0)
        case .variableWidth(let offsets, let bytes): total += offsets.count + bytes.count
        case .dictionary(_, let dictionary): total += count * 4 + dictionary.estimatedBytes
        case .constant(let single): total += single.estimatedBytes
        }
        return total
    }
}
