// Batches of rows from chosen columns of one row group, whose bytes were fetched when it was made. Only
// the selected rows are produced (all of them unless page pruning said otherwise); rows between selected
// ranges are skipped, whole pages undecoded.
import StrataCore

public final class RowGroupReader {
    public let rowGroup: Int
    public let rowCount: Int
    /// The row the next batch starts at (or past the last selected row when done).
    public private(set) var rowsRead = 0
    /// The first row of the batch `next` returned last; its rows are consecutive from there.
    public private(set) var batchStart = 0
    public let columns: [ColumnChunkReader]
    public let selection: RowSelection
    /// Bytes and requests spent fetching the chunks.
    public let bytesRead: Int
    public let requests: Int
    public let batchSize: Int
    private var rangeIndex = 0

    init(
        rowGroup: Int, rowCount: Int, readers: [ColumnChunkReader], selection: RowSelection, bytesRead: Int, requests: Int,
        batchSize: Int
    ) {
        self.rowGroup = rowGroup
        self.rowCount = rowCount
        columns = readers
        self.selection = selection
        self.bytesRead = bytesRead
        self.requests = requests
        self.batchSize = Swift.max(1, batchSize)
    }

    /// The engine schema of the batches.
    public var schema: Schema {
        Schema(columns.map { Field($0.column.path[0], $0.type, isNullable: $0.column.isNullable) })
    }

    /// Pages read so far, over all columns (dictionary pages included).
    public var pagesRead: Int { columns.reduce(0) { $0 + $1.pagesRead } }

    /// Data pages decoded so far, over all columns.
    public var dataPagesDecoded: Int { columns.reduce(0) { $0 + $1.dataPagesDecoded } }

    /// The next batch of at most `maxRows` consecutive selected rows (the reader's batch size by
    /// default), starting at `batchStart`; nil when done.
    public func next(maxRows: Int? = nil) throws(ParquetError) -> Batch? {
        let ranges = selection.ranges
        while rangeIndex < ranges.count && ranges[rangeIndex].upperBound <= rowsRead { rangeIndex += 1 }
        guard rangeIndex < ranges.count else { return nil }
        let range = ranges[rangeIndex]
        let start = Swift.max(rowsRead, range.lowerBound)
        let count = Swift.min(maxRows ?? batchSize, range.upperBound - start)
        guard count > 0 else { return nil }
        var batchColumns: [Column] = []
        batchColumns.reserveCapacity(columns.count)
        for reader in columns {
            if reader.rowPosition < start { try reader.skip(rows: start - reader.rowPosition) }
            batchColumns.append(try reader.read(rows: count))
        }
        batchStart = start
        rowsRead = start + count
        if rowsRead == rowCount { try checkEnd() }
        return batchColumns.isEmpty ? Batch(count: count) : Batch(columns: batchColumns, count: count)
    }

    /// The values of the given rows (ascending, none before rows already read) of every column:
    /// what late materialization reads once the filter columns chose the rows.
    public func read(selected rows: [Int32]) throws(ParquetError) -> Batch {
        var batchColumns: [Column] = []
        batchColumns.reserveCapacity(columns.count)
        try rows.withUnsafeBufferPointer { (rows) throws(ParquetError) in
            for reader in columns { batchColumns.append(try reader.read(selected: rows)) }
        }
        if let last = rows.last { rowsRead = Swift.max(rowsRead, Int(last) + 1) }
        if rows.last.map({ Int($0) + 1 }) == rowCount { try checkEnd() }
        return batchColumns.isEmpty ? Batch(count: rows.count) : Batch(columns: batchColumns, count: rows.count)
    }

    /// Two readers of the same row group over the first `count` columns and the rest, sharing the bytes
    /// already fetched (counted with the first): late materialization decodes one group before the other.
    public func split(at count: Int) -> (RowGroupReader, RowGroupReader) {
        let first = RowGroupReader(
            rowGroup: rowGroup, rowCount: rowCount, readers: Array(columns.prefix(count)), selection: selection,
            bytesRead: bytesRead, requests: requests, batchSize: batchSize)
        let second = RowGroupReader(
            rowGroup: rowGroup, rowCount: rowCount, readers: Array(columns.dropFirst(count)), selection: selection,
            bytesRead: 0, requests: 0, batchSize: batchSize)
        return (first, second)
    }

    /// The last row read: no column may hold more values.
    private func checkEnd() throws(ParquetError) {
        for reader in columns { try reader.checkEnd(rowCount: rowCount) }
    }

    /// Passes over `rows` rows without returning them.
    public func skip(rows: Int) throws(ParquetError) {
        let count = Swift.min(rows, rowCount - rowsRead)
        guard count > 0 else { return }
        for reader in columns where reader.rowPosition < rowsRead + count {
            try reader.skip(rows: rowsRead + count - reader.rowPosition)
        }
        rowsRead += count
    }
}
