// Batches of chosen columns over several row groups of a file, one row group's chunks in memory at a time.
import StrataCore

public final class ParquetBatchReader {
    public let file: ParquetFile
    public let columns: [Int]
    public let rowGroups: [Int]
    public let batchSize: Int
    private var nextRowGroup = 0
    private var current: RowGroupReader?
    /// Totals over the row groups read so far.
    public private(set) var bytesRead = 0
    public private(set) var requests = 0
    public private(set) var rowGroupsRead = 0
    private var finishedPages = 0

    init(file: ParquetFile, columns: [Int], rowGroups: [Int], batchSize: Int) {
        self.file = file
        self.columns = columns
        self.rowGroups = rowGroups
        self.batchSize = Swift.max(1, batchSize)
    }

    public var schema: Schema {
        Schema(columns.map { index in
            let column = file.schema.columns[index]
            return Field(column.path[0], column.dataType ?? .unknown, isNullable: column.isNullable)
        })
    }

    public var pagesRead: Int { finishedPages + (current?.pagesRead ?? 0) }

    /// The next batch, or nil after the last row group.
    public func next() throws(ParquetError) -> Batch? {
        while true {
            if let current, let batch = try current.next(maxRows: batchSize) { return batch }
            if let current { finishedPages += current.pagesRead }
            current = nil
            guard nextRowGroup < rowGroups.count else { return nil }
            let reader = try file.readRowGroup(rowGroups[nextRowGroup], columns: columns)
            nextRowGroup += 1
            rowGroupsRead += 1
            bytesRead += reader.bytesRead
            requests += reader.requests
            current = reader
        }
    }
}
