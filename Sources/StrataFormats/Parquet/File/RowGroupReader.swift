// Batches of rows from chosen columns of one row group, whose chunks were fetched when it was made.
import StrataCore

public final class RowGroupReader {
    public let rowGroup: Int
    public let rowCount: Int
    public private(set) var rowsRead = 0
    public let columns: [ColumnChunkReader]
    /// Bytes and requests spent fetching the chunks.
    public let bytesRead: Int
    public let requests: Int
    public let batchSize: Int

    init(rowGroup: Int, rowCount: Int, readers: [ColumnChunkReader], bytesRead: Int, requests: Int, batchSize: Int) {
        self.rowGroup = rowGroup
        self.rowCount = rowCount
        columns = readers
        self.bytesRead = bytesRead
        self.requests = requests
        self.batchSize = Swift.max(1, batchSize)
    }

    /// The engine schema of the batches.
    public var schema: Schema {
        Schema(columns.map { Field($0.column.path[0], $0.type, isNullable: $0.column.isNullable) })
    }

    /// Pages decoded so far, over all columns.
    public var pagesRead: Int { columns.reduce(0) { $0 + $1.pagesRead } }

    /// The next batch of at most `maxRows` rows (the reader's batch size by default); nil when done.
    public func next(maxRows: Int? = nil) throws(ParquetError) -> Batch? {
        let count = Swift.min(maxRows ?? batchSize, rowCount - rowsRead)
        guard count > 0 else { return nil }
        var batchColumns: [Column] = []
        batchColumns.reserveCapacity(columns.count)
        for reader in columns { batchColumns.append(try reader.read(rows: count)) }
        rowsRead += count
        return batchColumns.isEmpty ? Batch(count: count) : Batch(columns: batchColumns, count: count)
    }

    /// Passes over `rows` rows without returning them.
    public func skip(rows: Int) throws(ParquetError) {
        let count = Swift.min(rows, rowCount - rowsRead)
        guard count > 0 else { return }
        for reader in columns { try reader.skip(rows: count) }
        rowsRead += count
    }
}
