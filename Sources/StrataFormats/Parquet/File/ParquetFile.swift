// An open Parquet file: its footer (read with one request for the file's tail, a second only when the
// footer is larger), its schema, and ranged reads of the column chunks, page indexes and bloom filter
// headers asked for. What the tail read fetched before the footer (page indexes, the last chunks, all of
// a small file) is kept and served without fetching it again. Immutable once open, so one file can serve
// many readers.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataCore
import StrataStorage

public final class ParquetFile: Sendable {
    public let store: any ObjectStore
    public let key: String
    /// The file as users name it (a path or an `s3://` URI), for messages.
    public let location: String
    public let size: Int
    public let metadata: FileMetaData
    public let schema: ParquetSchema
    /// Bytes of the Thrift-encoded footer.
    public let footerLength: Int
    public let options: ParquetReadOptions

    /// Bytes fetched to open the file (the footer reads).
    public let openBytesRead: Int
    /// Requests made to open the file.
    public let openRequests: Int
    /// The bytes the tail read fetched before the footer, which start at file offset `tailStart`.
    let tailData: [UInt8]
    let tailStart: Int

    /// Where the footer starts; column data must end before it.
    public var footerStart: Int { size - 8 - footerLength }
    public var rowCount: Int { Int(metadata.numRows) }
    public var rowGroups: [RowGroup] { metadata.rowGroups }

    private init(
        store: any ObjectStore, key: String, size: Int, metadata: FileMetaData, schema: ParquetSchema, footerLength: Int,
        options: ParquetReadOptions, openBytesRead: Int, openRequests: Int, tailData: [UInt8]
    ) {
        self.store = store
        self.key = key
        location = store.location(of: key)
        self.size = size
        self.metadata = metadata
        self.schema = schema
        self.footerLength = footerLength
        self.options = options
        self.openBytesRead = openBytesRead
        self.openRequests = openRequests
        self.tailData = tailData
        tailStart = size - 8 - footerLength - tailData.count
    }

    // MARK: Opening

    /// Opens `key` of `store`. With `size` (from a listing) the tail is read by range; without it, with a
    /// suffix read that also tells the size.
    public static func open(
        store: any ObjectStore, key: String, size: Int? = nil, options: ParquetReadOptions = ParquetReadOptions()
    ) throws(ParquetError) -> ParquetFile {
        let location = store.location(of: key)
        do throws(ParquetError) {
            return try open(store: store, key: key, size: size, options: options, location: location)
        } catch {
            throw error.located(file: location)
        }
    }

    /// Opens `key` of `store` (of `size` bytes) from its last `tail.count` bytes, fetched beforehand (the
    /// footers of many files fetched together); reads more only when the footer is longer.
    public static func open(
        store: any ObjectStore, key: String, size: Int, tail: [UInt8], options: ParquetReadOptions = ParquetReadOptions()
    ) throws(ParquetError) -> ParquetFile {
        let location = store.location(of: key)
        do throws(ParquetError) {
            return try open(store: store, key: key, size: size, prefetched: tail, options: options, location: location)
        } catch {
            throw error.located(file: location)
        }
    }

    /// Opens a file on the local disk.
    public static func open(path: String, options: ParquetReadOptions = ParquetReadOptions()) throws(ParquetError) -> ParquetFile {
        let absolute = path.hasPrefix("/") ? path : currentDirectory() + "/" + path
        let slash = absolute.lastIndex(of: "/")!
        let folder = String(absolute[..<slash])
        let name = String(absolute[absolute.index(after: slash)...])
        return try open(store: LocalObjectStore(root: folder.isEmpty ? "/" : folder), key: name, options: options)
    }

    private static func open(
        store: any ObjectStore, key: String, size knownSize: Int?, prefetched: [UInt8]? = nil, options: ParquetReadOptions,
        location: String
    ) throws(ParquetError) -> ParquetFile {
        var tail: [UInt8]
        let size: Int
        var requests = 1
        if let prefetched, let knownSize {
            guard prefetched.count <= knownSize else {
                throw ParquetError(.corrupt, "\(prefetched.count) bytes of tail for a file of \(knownSize)")
            }
            tail = prefetched
            size = knownSize
            requests = 0
        } else if let knownSize {
            guard knownSize >= 0 else { throw ParquetError(.corrupt, "negative file size \(knownSize)") }
            let length = Swift.min(knownSize, options.footerReadSize)
            tail = try storage { () throws(StorageError) in try store.read(key, range: (knownSize - length)..<knownSize) }
            size = knownSize
        } else {
            (tail, size) = try storage { () throws(StorageError) in try store.readSuffix(key, length: options.footerReadSize) }
        }
        guard size >= 12 else {
            throw ParquetError(.corrupt, "file of \(size) bytes is too small to be Parquet (it needs at least 12)", offset: 0)
        }
        guard tail.count >= 8 else { throw ParquetError(.corrupt, "short read of the file's tail", offset: size - tail.count) }
        let magic = Array(tail[(tail.count - 4)...])
        if magic == Array("PARE".utf8) {
            throw ParquetError(.unsupported, "encrypted Parquet files are not supported", offset: size - 4)
        }
        guard magic == Array("PAR1".utf8) else {
            let shown = magic.map { String($0, radix: 16, uppercase: true) }.joined(separator: " ")
            throw ParquetError(.corrupt, "not a Parquet file: it does not end with PAR1 (found \(shown))", offset: size - 4)
        }
        let footerLength = Int(tail.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: tail.count - 8, as: UInt32.self)) })
        guard footerLength <= size - 12 else {
            throw ParquetError(
                .corrupt, "footer length \(footerLength) runs past the start of the \(size)-byte file", offset: size - 8)
        }
        let footerStart = size - 8 - footerLength
        if footerLength + 8 > tail.count {
            let missing = try storage { () throws(StorageError) in try store.read(key, range: footerStart..<(size - tail.count)) }
            tail = missing + tail
            requests += 1
        }
        if tail.count == size && Array(tail[0..<4]) != Array("PAR1".utf8) {
            throw ParquetError(.corrupt, "not a Parquet file: it does not start with PAR1", offset: 0)
        }
        let footerIndex = tail.count - 8 - footerLength
        let metadata = try UnsafeBytes.with(tail) { (raw) throws(ParquetError) in
            var reader = ThriftCompactReader(UnsafeRawBufferPointer(rebasing: raw[footerIndex..<(tail.count - 8)]), baseOffset: footerStart)
            return try FileMetaData(from: &reader)
        }
        if metadata.isEncrypted {
            throw ParquetError(.unsupported, "encrypted Parquet files are not supported", offset: footerStart)
        }
        let schema = try ParquetSchema(elements: metadata.schema)
        var groupRows: Int64 = 0
        for (index, group) in metadata.rowGroups.enumerated() {
            guard group.columns.count == schema.columns.count else {
                throw ParquetError(
                    .corrupt, "row group has \(group.columns.count) column chunks but the schema has \(schema.columns.count) leaf columns",
                    rowGroup: index, offset: footerStart)
            }
            guard group.numRows >= 0 else {
                throw ParquetError(.corrupt, "row group claims \(group.numRows) rows", rowGroup: index, offset: footerStart)
            }
            groupRows = groupRows.addingReportingOverflow(group.numRows).partialValue
        }
        // Scans count rows from the footer (and plan from the count): it must be what the row groups hold.
        guard metadata.numRows == groupRows, metadata.numRows >= 0 else {
            throw ParquetError(
                .corrupt, "the footer claims \(metadata.numRows) rows but its row groups hold \(groupRows)", offset: footerStart)
        }
        return ParquetFile(
            store: store, key: key, size: size, metadata: metadata, schema: schema, footerLength: footerLength,
            options: options, openBytesRead: prefetched == nil ? tail.count : tail.count - prefetched!.count, openRequests: requests,
            tailData: Array(tail[0..<footerIndex]))
    }

    // MARK: Column chunks

    /// The chunk of leaf column `column` in row group `rowGroup`.
    public func columnChunk(rowGroup: Int, column: Int) -> ColumnChunk {
        metadata.rowGroups[rowGroup].columns[column]
    }

    /// The metadata of a chunk, checked to be readable from this file.
    public func columnMetaData(rowGroup: Int, column: Int) throws(ParquetError) -> ColumnMetaData {
        let descriptor = schema.columns[column]
        let chunk = columnChunk(rowGroup: rowGroup, column: column)
        func fail(_ code: ParquetError.Code, _ message: String) -> ParquetError {
            ParquetError(code, message, file: location, rowGroup: rowGroup, column: descriptor.name)
        }
        guard !chunk.isEncrypted else { throw fail(.unsupported, "encrypted columns are not supported") }
        guard chunk.filePath == nil else {
            throw fail(.unsupported, "column chunk stored in another file (\(chunk.filePath!)) is not supported")
        }
        guard let metaData = chunk.metaData else { throw fail(.corrupt, "column chunk without metadata") }
        guard metaData.type == descriptor.physicalType else {
            throw fail(.corrupt, "column chunk of type \(metaData.type.name) where the schema says \(descriptor.physicalType.name)")
        }
        return metaData
    }

    /// The bytes of a chunk in the file: from its dictionary page (if any) or first data page, for its
    /// compressed size; checked to lie between the leading magic and the footer.
    public func chunkRange(rowGroup: Int, column: Int) throws(ParquetError) -> Range<Int> {
        let metaData = try columnMetaData(rowGroup: rowGroup, column: column)
        var start = metaData.dataPageOffset
        // Some writers store 0 when there is no dictionary page; a dictionary page always comes first.
        if let dictionary = metaData.dictionaryPageOffset, dictionary > 0, dictionary < start { start = dictionary }
        let length = metaData.totalCompressedSize
        guard start >= 4, length >= 0, start <= Int64(footerStart), length <= Int64(footerStart) - start else {
            throw ParquetError(
                .corrupt, "column chunk claims bytes \(start)..<\(start &+ length), outside the file's data (4..<\(footerStart))",
                file: location, rowGroup: rowGroup, column: schema.columns[column].name, offset: Int(clamping: start))
        }
        return Int(start)..<Int(start + length)
    }

    /// A reader of leaf columns `columns` (indices into `schema.columns`) of row group `rowGroup`, their
    /// bytes fetched now with one batch of coalesced ranged reads. With a `selection` and a column's
    /// offset index, only the pages holding selected rows (and the dictionary page) are fetched;
    /// `prefetched` bytes (dictionary pages read earlier) are not fetched again.
    public func readRowGroup(
        _ rowGroup: Int, columns: [Int], selection: RowSelection? = nil, offsetIndexes: [OffsetIndex?]? = nil,
        prefetched: [Int: PageSegment] = [:]
    ) throws(ParquetError) -> RowGroupReader {
        guard rowGroup >= 0, rowGroup < metadata.rowGroups.count else {
            throw ParquetError(.corrupt, "no row group \(rowGroup) (the file has \(metadata.rowGroups.count))", file: location)
        }
        for column in columns {
            guard column >= 0, column < schema.columns.count else {
                throw ParquetError(.corrupt, "no leaf column \(column) (the file has \(schema.columns.count))", file: location)
            }
            let descriptor = schema.columns[column]
            guard descriptor.dataType != nil else {
                throw ParquetError(
                    .unsupported, descriptor.unsupportedReason ?? "column cannot be read", file: location, column: descriptor.name)
            }
        }
        let rowCount = Int(metadata.rowGroups[rowGroup].numRows)
        let selection = selection ?? RowSelection.all(rowCount)
        guard rowCount > 0, !selection.isEmpty else {
            // An empty row group (writers leave its chunks' offsets at 0) or nothing selected: nothing to read.
            let readers = try columns.map { (column) throws(ParquetError) in
                try ColumnChunkReader(
                    column: schema.columns[column], codec: .uncompressed,
                    pages: PageReader(bytes: [], range: 0..<0, fileOffset: 0), file: location, rowGroup: rowGroup,
                    options: options)
            }
            return RowGroupReader(
                rowGroup: rowGroup, rowCount: rowCount, readers: readers, selection: RowSelection(ranges: []), bytesRead: 0,
                requests: 0, batchSize: options.batchSize)
        }
        // The file ranges each column needs.
        var chunks: [Range<Int>] = []
        var codecs: [CompressionCodec] = []
        var needed: [[Range<Int>]] = []
        var usedIndexes: [OffsetIndex?] = []
        for (position, column) in columns.enumerated() {
            let chunk = try chunkRange(rowGroup: rowGroup, column: column)
            chunks.append(chunk)
            codecs.append(try columnMetaData(rowGroup: rowGroup, column: column).codec)
            var ranges = [chunk]
            var used: OffsetIndex?
            if let index = offsetIndexes?[position] ?? nil, selection.rowCount < rowCount {
                ranges = try pageRanges(index, chunk: chunk, selection: selection, rowCount: rowCount, rowGroup: rowGroup, column: column)
                used = index
            }
            if let segment = prefetched[column] {
                ranges = ranges.flatMap { Self.subtracting(segment.fileRange, from: $0) }
            }
            needed.append(ranges)
            usedIndexes.append(used)
        }
        let flat = needed.flatMap { $0 }
        let fetched = try fetchSegments(flat, gap: options.coalesceGap)
        var readers: [ColumnChunkReader] = []
        var flatIndex = 0
        for (position, column) in columns.enumerated() {
            var segments: [PageSegment] = []
            for _ in needed[position] {
                segments.append(fetched.segments[flatIndex])
                flatIndex += 1
            }
            if let segment = prefetched[column] { segments.append(segment) }
            readers.append(try ColumnChunkReader(
                column: schema.columns[column], codec: codecs[position], pages: PageReader(segments: segments, chunk: chunks[position]),
                file: location, rowGroup: rowGroup, options: options, offsetIndex: usedIndexes[position]))
        }
        return RowGroupReader(
            rowGroup: rowGroup, rowCount: rowCount, readers: readers, selection: selection,
            bytesRead: fetched.bytesRead, requests: fetched.requests, batchSize: options.batchSize)
    }

    /// The bytes of `ranges`, one segment each, fetched with one batch of reads of the ranges merged
    /// where they are closer than `gap`; ranges within the bytes the tail read fetched cost nothing.
    func fetchSegments(_ ranges: [Range<Int>], gap: Int) throws(ParquetError) -> (segments: [PageSegment], bytesRead: Int, requests: Int) {
        let tailRange = tailStart..<(tailStart + tailData.count)
        var outside: [Int] = []
        var segments = [PageSegment?](repeating: nil, count: ranges.count)
        for (index, range) in ranges.enumerated() {
            if !range.isEmpty && range.lowerBound >= tailRange.lowerBound && range.upperBound <= tailRange.upperBound {
                segments[index] = PageSegment(
                    bytes: tailData, range: (range.lowerBound - tailStart)..<(range.upperBound - tailStart), fileOffset: range.lowerBound)
            } else {
                outside.append(index)
            }
        }
        let plan = CoalescedReads(outside.map { ranges[$0] }, gap: gap)
        let fetched = try storage { () throws(StorageError) in
            try store.read(plan.merged.map { RangeRead(key: key, range: $0) })
        }
        for (range, bytes) in zip(plan.merged, fetched) where bytes.count != range.count {
            throw ParquetError(.io, "short read: \(bytes.count) bytes where \(range.count) were asked for", file: location, offset: range.lowerBound)
        }
        for (position, index) in outside.enumerated() {
            let part = plan.part[position]
            let start = plan.merged[part].lowerBound
            let range = ranges[index]
            segments[index] = PageSegment(
                bytes: fetched[part], range: (range.lowerBound - start)..<(range.upperBound - start), fileOffset: range.lowerBound)
        }
        return (segments.map { $0! }, fetched.reduce(0) { $0 + $1.count }, fetched.count)
    }

    /// The byte ranges of a chunk that hold its dictionary page and the data pages with selected rows,
    /// checked against the chunk.
    private func pageRanges(
        _ index: OffsetIndex, chunk: Range<Int>, selection: RowSelection, rowCount: Int, rowGroup: Int, column: Int
    ) throws(ParquetError) -> [Range<Int>] {
        let locations = index.pageLocations
        guard let first = locations.first else { return [chunk] }
        var ranges: [Range<Int>] = []
        if Int(first.offset) > chunk.lowerBound { ranges.append(chunk.lowerBound..<Int(first.offset)) }
        var previousRow: Int64 = -1
        var previousEnd = chunk.lowerBound
        for (page, entry) in locations.enumerated() {
            let start = Int(entry.offset)
            let end = start + Int(entry.compressedPageSize)
            let firstRow = Int(entry.firstRowIndex)
            let nextRow = page + 1 < locations.count ? Int(locations[page + 1].firstRowIndex) : rowCount
            guard entry.firstRowIndex > previousRow, start >= previousEnd, entry.compressedPageSize > 0, end <= chunk.upperBound,
                firstRow < nextRow, nextRow <= rowCount, page > 0 || firstRow == 0
            else {
                throw ParquetError(
                    .corrupt, "offset index entry \(page) (offset \(start), \(entry.compressedPageSize) bytes, first row \(firstRow)) does not fit the column chunk \(chunk.lowerBound)..<\(chunk.upperBound) of \(rowCount) rows",
                    file: location, rowGroup: rowGroup, column: schema.columns[column].name)
            }
            previousRow = entry.firstRowIndex
            previousEnd = end
            if selection.intersects(firstRow..<nextRow) { ranges.append(start..<end) }
        }
        return ranges
    }

    /// `range` without the part `hole` covers (zero, one or two ranges).
    static func subtracting(_ hole: Range<Int>, from range: Range<Int>) -> [Range<Int>] {
        guard hole.overlaps(range) else { return [range] }
        var parts: [Range<Int>] = []
        if range.lowerBound < hole.lowerBound { parts.append(range.lowerBound..<hole.lowerBound) }
        if hole.upperBound < range.upperBound { parts.append(hole.upperBound..<range.upperBound) }
        return parts
    }

    /// Batches of the given leaf columns over the given row groups (all by default), in file order.
    public func makeBatchReader(columns: [Int], rowGroups: [Int]? = nil, batchSize: Int? = nil) -> ParquetBatchReader {
        ParquetBatchReader(
            file: self, columns: columns, rowGroups: rowGroups ?? Array(metadata.rowGroups.indices),
            batchSize: batchSize ?? options.batchSize)
    }

    // MARK: Page index and bloom filters

    /// The column index of a chunk, when the file has one.
    public func readColumnIndex(rowGroup: Int, column: Int) throws(ParquetError) -> ColumnIndex? {
        let chunk = columnChunk(rowGroup: rowGroup, column: column)
        guard let offset = chunk.columnIndexOffset, let length = chunk.columnIndexLength else { return nil }
        return try readStruct(ColumnIndex.self, offset: offset, length: Int64(length), rowGroup: rowGroup, column: column)
    }

    /// The offset index of a chunk, when the file has one.
    public func readOffsetIndex(rowGroup: Int, column: Int) throws(ParquetError) -> OffsetIndex? {
        let chunk = columnChunk(rowGroup: rowGroup, column: column)
        guard let offset = chunk.offsetIndexOffset, let length = chunk.offsetIndexLength else { return nil }
        return try readStruct(OffsetIndex.self, offset: offset, length: Int64(length), rowGroup: rowGroup, column: column)
    }

    /// The bloom filter header of a chunk and where its bitset is in the file, when it has one.
    public func readBloomFilterHeader(rowGroup: Int, column: Int) throws(ParquetError) -> (header: BloomFilterHeader, bitset: Range<Int>)? {
        guard let metaData = columnChunk(rowGroup: rowGroup, column: column).metaData,
            let offset = metaData.bloomFilterOffset
        else { return nil }
        // Without a stored length, fetch enough for any header (they are a few dozen bytes).
        let length = Int64(metaData.bloomFilterLength ?? 256)
        let available = Swift.min(length, Int64(footerStart) - offset)
        let name = schema.columns[column].name
        guard offset >= 4, available > 0 else {
            throw ParquetError(.corrupt, "bloom filter offset \(offset) is outside the file's data", file: location, rowGroup: rowGroup, column: name)
        }
        let bytes = try storage { () throws(StorageError) in try store.read(key, range: Int(offset)..<Int(offset + available)) }
        do throws(ParquetError) {
            let (header, headerLength) = try UnsafeBytes.with(bytes) { (raw) throws(ParquetError) in
                try BloomFilterHeader.decode(raw, baseOffset: Int(offset))
            }
            let start = Int(offset) + headerLength
            guard Int(header.numBytes) <= footerStart - start else {
                throw ParquetError(.corrupt, "bloom filter of \(header.numBytes) bytes runs past the file's data", offset: Int(offset))
            }
            return (header, start..<(start + Int(header.numBytes)))
        } catch {
            throw error.located(file: location, rowGroup: rowGroup, column: name)
        }
    }

    private func readStruct<T: ThriftCodable>(_ type: T.Type, offset: Int64, length: Int64, rowGroup: Int, column: Int) throws(ParquetError) -> T {
        let name = schema.columns[column].name
        guard offset >= 0, length >= 0, offset <= Int64(size), length <= Int64(size) - offset else {
            throw ParquetError(
                .corrupt, "\(T.self) at \(offset) of \(length) bytes lies outside the file", file: location, rowGroup: rowGroup,
                column: name, offset: Int(clamping: offset))
        }
        let bytes = try storage { () throws(StorageError) in try store.read(key, range: Int(offset)..<Int(offset + length)) }
        do throws(ParquetError) {
            return try T.decode(bytes, baseOffset: Int(offset))
        } catch {
            throw error.located(file: location, rowGroup: rowGroup, column: name)
        }
    }

    // MARK: Storage

    private func storage<R>(_ body: () throws(StorageError) -> R) throws(ParquetError) -> R {
        do {
            return try body()
        } catch {
            throw ParquetError(.io, error.description, file: location)
        }
    }

    private static func storage<R>(_ body: () throws(StorageError) -> R) throws(ParquetError) -> R {
        do {
            return try body()
        } catch {
            throw ParquetError(.io, error.description)
        }
    }

    private static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Byte ranges merged into fewer reads: ranges closer than `gap` share one read.
struct CoalescedReads {
    /// The reads to make, in file order.
    let merged: [Range<Int>]
    /// For each input range, the index of the read that holds it.
    let part: [Int]

    init(_ ranges: [Range<Int>], gap: Int) {
        let order = ranges.indices.sorted { ranges[$0].lowerBound < ranges[$1].lowerBound }
        var merged: [Range<Int>] = []
        var part = [Int](repeating: 0, count: ranges.count)
        for index in order {
            let range = ranges[index]
            if let last = merged.last, range.lowerBound <= last.upperBound + gap {
                merged[merged.count - 1] = last.lowerBound..<Swift.max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
            part[index] = merged.count - 1
        }
        self.merged = merged
        self.part = part
    }
}
