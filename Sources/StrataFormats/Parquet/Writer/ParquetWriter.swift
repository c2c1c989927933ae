// Writes a Parquet file from batches, streaming: rows are buffered as encoded, compressed pages per
// column for one row group at a time, and each row group goes to the object writer when its buffered
// size (or row count) reaches the target. Closing writes the page indexes (all column indexes, then all
// offset indexes, after the row groups as the spec places them), the footer, and publishes the object
// atomically; any failure aborts the object, so a failed write leaves nothing behind.
import StrataCore
import StrataStorage

public final class ParquetWriter {
    public let schema: Schema
    public let options: ParquetWriterOptions
    /// The file as users name it, for messages.
    public let location: String

    private let columns: [ParquetColumnType]
    private let writers: [ColumnChunkWriter]
    private let sortChecker: SortOrderChecker?
    private let output: any ObjectWriter
    private var state = State.open
    private var position = 0
    private var rowGroups: [RowGroup] = []
    /// Per row group, per column: the page index, written at close.
    private var pageIndexes: [[(columnIndex: ColumnIndex?, offsetIndex: OffsetIndex)]] = []
    private var rowGroupRows = 0
    private var totalRows = 0
    /// Small pieces (page headers, small pages) gathered into larger writes.
    private var pending: [UInt8] = []
    static let writeSize = 1 << 20

    private enum State {
        case open
        case closed
        case failed
    }

    /// Rows handed to the column writers at a time (and how far past a row group's target size it may go).
    static let sliceRows = 65_536

    /// A writer of `key` in `store`. The schema and options are checked before anything is created.
    public convenience init(store: any ObjectStore, key: String, schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        let location = store.location(of: key)
        let columns = try Self.columnTypes(schema, options, location: location)
        let output: any ObjectWriter
        do {
            output = try store.makeWriter(key)
        } catch {
            throw ParquetError(.io, error.description, file: location)
        }
        try self.init(output: output, columns: columns, schema: schema, location: location, options: options)
    }

    /// A writer into `output`, which it owns: it finishes it on `close()` and aborts it on any failure.
    public convenience init(
        output: any ObjectWriter, schema: Schema, location: String = "", options: ParquetWriterOptions = ParquetWriterOptions()
    ) throws(ParquetError) {
        let columns: [ParquetColumnType]
        do {
            columns = try Self.columnTypes(schema, options, location: location)
        } catch {
            output.abort()
            throw error
        }
        try self.init(output: output, columns: columns, schema: schema, location: location, options: options)
    }

    private init(
        output: any ObjectWriter, columns: [ParquetColumnType], schema: Schema, location: String, options: ParquetWriterOptions
    ) throws(ParquetError) {
        self.output = output
        self.columns = columns
        self.schema = schema
        self.location = location
        self.options = options
        do {
            writers = try columns.map { (column) throws(ParquetError) in try ColumnChunkWriter(column: column, options: options) }
        } catch {
            output.abort()
            throw error.located(file: location)
        }
        if options.sortedBy.isEmpty {
            sortChecker = nil
        } else {
            sortChecker = SortOrderChecker(keys: options.sortedBy.map { key in
                SortOrderChecker.Key(
                    column: columns.firstIndex { $0.name == key.column }!, descending: key.descending, nullsFirst: key.nullsFirst)
            })
        }
        state = .failed
        try writeOutput(Self.magic)
        state = .open
    }

    deinit {
        if state == .open { output.abort() }
    }

    private static let magic = Array("PAR1".utf8)

    private static func columnTypes(_ schema: Schema, _ options: ParquetWriterOptions, location: String) throws(ParquetError) -> [ParquetColumnType] {
        do throws(ParquetError) {
            guard !schema.fields.isEmpty else { throw ParquetError(.unsupported, "a Parquet file needs at least one column") }
            var names = Set<String>()
            for field in schema.fields where !names.insert(field.name).inserted {
                throw ParquetError(.unsupported, "column name '\(field.name)' appears twice", column: field.name)
            }
            let columns = try schema.fields.map { (field) throws(ParquetError) in
                try ParquetColumnType(field: field, timestampsAdjustedToUTC: options.timestampsAdjustedToUTC)
            }
            try options.validate(against: columns)
            return columns
        } catch {
            throw error.located(file: location)
        }
    }

    // MARK: Writing

    /// Rows written so far (including those still buffered).
    public var rowCount: Int { totalRows }

    /// Bytes buffered for the current row group: what flushing it would release.
    public var bufferedBytes: Int { writers.reduce(0) { $0 + $1.bufferedBytes } }

    /// Bytes sent to the object writer so far.
    public var bytesWritten: Int { position }

    /// The size of the file if it were closed now (before the footer): what a writer cutting files at
    /// a size compares, where `bufferedBytes` counts memory, dictionary hash tables and all.
    public var estimatedFileBytes: Int { position + writers.reduce(0) { $0 + $1.estimatedBytes } }

    /// Adds the rows of `batch`, whose columns must match the schema in number, order and type.
    public func write(_ batch: Batch) throws(ParquetError) {
        try checkOpen()
        do throws(ParquetError) {
            guard batch.columns.count == columns.count else {
                throw ParquetError(.unsupported, "batch has \(batch.columns.count) columns where the file has \(columns.count)")
            }
            var prepared = batch.columns
            for (index, column) in batch.columns.enumerated() {
                let field = columns[index].field
                // A bare NULL column (type UNKNOWN) fits any nullable column.
                if column.type == .unknown && field.type != .unknown && field.isNullable {
                    prepared[index] = Column.nulls(field.type, count: column.count).flattened()
                    continue
                }
                guard column.type == field.type else {
                    throw ParquetError(
                        .unsupported, "column '\(columns[index].name)' is \(columns[index].field.type) but the batch holds \(column.type)",
                        column: columns[index].name)
                }
                if case .constant = column.storage, column.type != .unknown { prepared[index] = column.flattened() }
            }
            var start = 0
            while start < batch.count {
                var take = Swift.min(batch.count - start, Self.sliceRows)
                if let limit = options.maxRowGroupRows { take = Swift.min(take, limit - rowGroupRows) }
                let rows = start..<(start + take)
                for (index, writer) in writers.enumerated() {
                    do throws(ParquetError) {
                        try writer.append(prepared[index], rows: rows)
                    } catch {
                        throw error.located(column: columns[index].name)
                    }
                }
                sortChecker?.check(prepared, rows: rows)
                rowGroupRows += take
                totalRows += take
                start += take
                if rowGroupRows >= (options.maxRowGroupRows ?? Int.max) || bufferedBytes >= options.rowGroupSize {
                    try writeRowGroup()
                }
            }
        } catch {
            fail()
            throw error.located(file: location)
        }
    }

    /// Ends the current row group now (when it has rows), writing it out and releasing its memory.
    public func flushRowGroup() throws(ParquetError) {
        try checkOpen()
        do throws(ParquetError) {
            try writeRowGroup()
        } catch {
            fail()
            throw error.located(file: location)
        }
    }

    private func writeRowGroup() throws(ParquetError) {
        guard rowGroupRows > 0 else { return }
        let start = position
        var chunks: [ColumnChunk] = []
        var indexes: [(columnIndex: ColumnIndex?, offsetIndex: OffsetIndex)] = []
        var filters: [(column: Int, filter: SplitBlockBloomFilter)] = []
        var uncompressed: Int64 = 0
        for (index, writer) in writers.enumerated() {
            let chunkStart = position
            let chunk: FinishedColumnChunk
            do throws(ParquetError) {
                chunk = try writer.finishChunk(fileOffset: chunkStart)
            } catch {
                throw error.located(rowGroup: rowGroups.count, column: columns[index].name)
            }
            for part in chunk.parts { try writeOutput(part) }
            chunks.append(ColumnChunk(metaData: chunk.metaData, fileOffset: Int64(chunkStart)))
            indexes.append((chunk.columnIndex, chunk.offsetIndex))
            if let filter = chunk.bloomFilter { filters.append((index, filter)) }
            uncompressed += chunk.metaData.totalUncompressedSize
        }
        let compressed = Int64(position - start)
        // Bloom filters follow their row group, so none is held past it.
        for (column, filter) in filters {
            let bytes = BloomFilterHeader(numBytes: Int32(filter.byteCount)).encoded() + filter.bitset
            chunks[column].metaData?.bloomFilterOffset = Int64(position)
            chunks[column].metaData?.bloomFilterLength = Int32(bytes.count)
            try writeOutput(bytes)
        }
        var group = RowGroup(
            columns: chunks, totalByteSize: uncompressed, numRows: Int64(rowGroupRows), fileOffset: Int64(start),
            totalCompressedSize: compressed, ordinal: rowGroups.count <= Int(Int16.max) ? Int16(rowGroups.count) : nil)
        if let sortChecker {
            if sortChecker.isSorted {
                group.sortingColumns = sortChecker.keys.map {
                    SortingColumn(columnIndex: Int32($0.column), descending: $0.descending, nullsFirst: $0.nullsFirst)
                }
            }
            sortChecker.reset()
        }
        rowGroups.append(group)
        pageIndexes.append(indexes)
        rowGroupRows = 0
    }

    // MARK: Finishing

    /// Writes the last row group, the page indexes and the footer, and publishes the file.
    @discardableResult
    public func close() throws(ParquetError) -> ParquetWriteResult {
        try checkOpen()
        do throws(ParquetError) {
            try writeRowGroup()
            if options.writePageIndex { try writePageIndexes() }
            let metadata = FileMetaData(
                version: 2, schema: [SchemaElement(name: "schema", numChildren: Int32(columns.count))] + columns.map(\.element),
                numRows: Int64(totalRows), rowGroups: rowGroups,
                keyValueMetadata: [KeyValue(key: "writer.model.name", value: ParquetWriterOptions.writerName.lowercased())]
                    + options.keyValueMetadata,
                createdBy: options.createdBy, columnOrders: columns.map { _ in .typeDefined })
            let footer = metadata.encoded()
            try writeOutput(footer)
            var tail = [UInt8](repeating: 0, count: 4)
            for byte in 0..<4 { tail[byte] = UInt8(truncatingIfNeeded: UInt32(footer.count) >> UInt32(byte * 8)) }
            try writeOutput(tail + Self.magic)
            try flushOutput()
            do {
                try output.finish()
            } catch {
                throw ParquetError(.io, error.description)
            }
            state = .closed
            return ParquetWriteResult(location: location, fileSize: position, rowCount: totalRows, metadata: metadata)
        } catch {
            fail()
            throw error.located(file: location)
        }
    }

    private func writePageIndexes() throws(ParquetError) {
        for group in rowGroups.indices {
            for column in columns.indices {
                guard let index = pageIndexes[group][column].columnIndex else { continue }
                let bytes = index.encoded()
                rowGroups[group].columns[column].columnIndexOffset = Int64(position)
                rowGroups[group].columns[column].columnIndexLength = Int32(bytes.count)
                try writeOutput(bytes)
            }
        }
        for group in rowGroups.indices {
            for column in columns.indices {
                let bytes = pageIndexes[group][column].offsetIndex.encoded()
                rowGroups[group].columns[column].offsetIndexOffset = Int64(position)
                rowGroups[group].columns[column].offsetIndexLength = Int32(bytes.count)
                try writeOutput(bytes)
            }
        }
    }

    /// Abandons the file: nothing is published, and the writer cannot be used again.
    public func abort() {
        guard state == .open else { return }
        fail()
    }

    private func fail() {
        guard state != .failed else { return }
        state = .failed
        output.abort()
    }

    private func checkOpen() throws(ParquetError) {
        switch state {
        case .open: return
        case .closed: throw ParquetError(.unsupported, "the Parquet writer is already closed", file: location)
        case .failed: throw ParquetError(.unsupported, "the Parquet writer failed or was aborted earlier", file: location)
        }
    }

    /// Sends `bytes` after everything before it: gathered while small, passed through when large.
    private func writeOutput(_ bytes: [UInt8]) throws(ParquetError) {
        position += bytes.count
        if pending.count + bytes.count <= Self.writeSize {
            pending += bytes
            return
        }
        try flushOutput()
        if bytes.count >= Self.writeSize / 2 {
            try send(bytes)
        } else {
            pending = bytes
        }
    }

    private func flushOutput() throws(ParquetError) {
        guard !pending.isEmpty else { return }
        try send(pending)
        pending.removeAll(keepingCapacity: true)
    }

    private func send(_ bytes: [UInt8]) throws(ParquetError) {
        do {
            try output.write(bytes: bytes)
        } catch {
            throw ParquetError(.io, error.description)
        }
    }
}
