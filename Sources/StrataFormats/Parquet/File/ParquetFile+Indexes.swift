// Reading the metadata a scan consults before it reads column data: page indexes, bloom filters and
// dictionary pages of many column chunks at once, each kind with one batch of coalesced ranged reads.
import StrataCore
import StrataStorage

/// One column chunk of a file: a row group and a leaf column.
public struct ChunkID: Hashable, Sendable {
    public var rowGroup: Int
    public var column: Int

    public init(rowGroup: Int, column: Int) {
        self.rowGroup = rowGroup
        self.column = column
    }
}

/// Column indexes and offset indexes of some chunks, and what fetching them cost.
public struct PageIndexes: Sendable {
    public var columnIndexes: [ChunkID: ColumnIndex] = [:]
    public var offsetIndexes: [ChunkID: OffsetIndex] = [:]
    public var bytesRead = 0
    public var requests = 0

    public init() {}
}

/// The dictionary pages of some chunks of one row group, read ahead of their data pages.
public struct DictionaryPages: Sendable {
    /// The values of each chunk's dictionary, by leaf column; chunks without one are missing.
    public var dictionaries: [Int: Column] = [:]
    /// The bytes fetched, by leaf column, to hand to `readRowGroup` so they are not fetched again.
    public var segments: [Int: PageSegment] = [:]
    public var bytesRead = 0
    public var requests = 0

    public init() {}
}

extension ParquetFile {
    /// Whether the chunk has a column index and an offset index.
    public func hasPageIndex(_ chunk: ChunkID) -> Bool {
        let columnChunk = columnChunk(rowGroup: chunk.rowGroup, column: chunk.column)
        return columnChunk.columnIndexOffset != nil && columnChunk.offsetIndexOffset != nil
    }

    /// The column indexes of `columnIndexChunks` and offset indexes of `offsetIndexChunks` that the file
    /// has (chunks without one are missing from the result), fetched together.
    public func readPageIndexes(columnIndexes columnIndexChunks: [ChunkID], offsetIndexes offsetIndexChunks: [ChunkID])
        throws(ParquetError) -> PageIndexes
    {
        var requests: [(chunk: ChunkID, isColumnIndex: Bool, range: Range<Int>)] = []
        for chunk in columnIndexChunks {
            let columnChunk = columnChunk(rowGroup: chunk.rowGroup, column: chunk.column)
            guard let offset = columnChunk.columnIndexOffset, let length = columnChunk.columnIndexLength else { continue }
            requests.append((chunk, true, try indexRange(offset, Int64(length), chunk, what: "column index")))
        }
        for chunk in offsetIndexChunks {
            let columnChunk = columnChunk(rowGroup: chunk.rowGroup, column: chunk.column)
            guard let offset = columnChunk.offsetIndexOffset, let length = columnChunk.offsetIndexLength else { continue }
            requests.append((chunk, false, try indexRange(offset, Int64(length), chunk, what: "offset index")))
        }
        var result = PageIndexes()
        guard !requests.isEmpty else { return result }
        // Writers put the indexes of all chunks side by side before the footer: one read at most, none
        // when the tail read fetched them.
        let fetched = try fetchSegments(requests.map(\.range), gap: 64 * 1024)
        result.bytesRead = fetched.bytesRead
        result.requests = fetched.requests
        for (position, request) in requests.enumerated() {
            let segment = fetched.segments[position]
            do throws(ParquetError) {
                try UnsafeBytes.with(segment.bytes) { (raw) throws(ParquetError) in
                    let slice = UnsafeRawBufferPointer(rebasing: raw[segment.range])
                    if request.isColumnIndex {
                        result.columnIndexes[request.chunk] = try ColumnIndex.decode(slice, baseOffset: request.range.lowerBound).0
                    } else {
                        result.offsetIndexes[request.chunk] = try OffsetIndex.decode(slice, baseOffset: request.range.lowerBound).0
                    }
                }
            } catch {
                throw error.located(file: location, rowGroup: request.chunk.rowGroup, column: schema.columns[request.chunk.column].name)
            }
        }
        return result
    }

    /// The split-block bloom filter of each chunk, nil where it has none (or one of a kind the spec does
    /// not define), with what fetching them cost.
    public func readBloomFilters(_ chunks: [ChunkID]) throws(ParquetError) -> (filters: [SplitBlockBloomFilter?], bytesRead: Int, requests: Int) {
        var filters = [SplitBlockBloomFilter?](repeating: nil, count: chunks.count)
        var bytesRead = 0
        var requests = 0
        // First reads: the whole filter where its length is known, else enough for any header.
        var first: [(position: Int, range: Range<Int>, whole: Bool)] = []
        for (position, chunk) in chunks.enumerated() {
            guard let metaData = columnChunk(rowGroup: chunk.rowGroup, column: chunk.column).metaData,
                let offset = metaData.bloomFilterOffset
            else { continue }
            let length = metaData.bloomFilterLength.map(Int64.init)
            let name = schema.columns[chunk.column].name
            guard offset >= 4, offset < Int64(footerStart), length.map({ $0 > 0 && $0 <= Int64(footerStart) - offset }) ?? true else {
                throw ParquetError(
                    .corrupt, "bloom filter at \(offset) lies outside the file's data", file: location, rowGroup: chunk.rowGroup, column: name)
            }
            let end = length.map { offset + $0 } ?? Swift.min(offset + 256, Int64(footerStart))
            first.append((position, Int(offset)..<Int(end), length != nil))
        }
        guard !first.isEmpty else { return (filters, 0, 0) }
        let fetched = try fetchSegments(first.map(\.range), gap: 64 * 1024)
        bytesRead += fetched.bytesRead
        requests += fetched.requests
        for (index, request) in first.enumerated() {
            let chunk = chunks[request.position]
            let name = schema.columns[chunk.column].name
            let segment = fetched.segments[index]
            let bytes = Array(segment.bytes[segment.range])
            do throws(ParquetError) {
                let (header, headerLength) = try UnsafeBytes.with(bytes) { (raw) throws(ParquetError) in
                    try BloomFilterHeader.decode(raw, baseOffset: request.range.lowerBound)
                }
                guard header.isStandard, header.numBytes > 0 else { continue }
                let bitsetStart = request.range.lowerBound + headerLength
                let bitsetEnd = bitsetStart + Int(header.numBytes)
                guard bitsetEnd <= footerStart else {
                    throw ParquetError(.corrupt, "bloom filter of \(header.numBytes) bytes runs past the file's data", offset: request.range.lowerBound)
                }
                var bitset: [UInt8]
                if bitsetEnd <= request.range.upperBound {
                    bitset = Array(bytes[headerLength..<(headerLength + Int(header.numBytes))])
                } else {
                    let rest = try fetchSegments([bitsetStart..<bitsetEnd], gap: 0)
                    bitset = Array(rest.segments[0].bytes[rest.segments[0].range])
                    bytesRead += rest.bytesRead
                    requests += rest.requests
                }
                filters[request.position] = try SplitBlockBloomFilter(bitset: bitset)
            } catch {
                throw error.located(file: location, rowGroup: chunk.rowGroup, column: name)
            }
        }
        return (filters, bytesRead, requests)
    }

    /// The dictionary pages of the given leaf columns of one row group (those chunks that start with
    /// one), fetched together and decoded to engine values.
    public func readDictionaryPages(rowGroup: Int, columns: [Int]) throws(ParquetError) -> DictionaryPages {
        var result = DictionaryPages()
        var wanted: [(column: Int, range: Range<Int>, chunk: Range<Int>)] = []
        for column in columns where schema.columns[column].dataType != nil {
            let metaData = try columnMetaData(rowGroup: rowGroup, column: column)
            let chunk = try chunkRange(rowGroup: rowGroup, column: column)
            guard let dictionaryOffset = metaData.dictionaryPageOffset, dictionaryOffset > 0,
                dictionaryOffset < metaData.dataPageOffset, Int(dictionaryOffset) == chunk.lowerBound,
                Int(metaData.dataPageOffset) <= chunk.upperBound
            else { continue }
            wanted.append((column, chunk.lowerBound..<Int(metaData.dataPageOffset), chunk))
        }
        guard !wanted.isEmpty else { return result }
        let fetched = try fetchSegments(wanted.map(\.range), gap: options.coalesceGap)
        result.bytesRead = fetched.bytesRead
        result.requests = fetched.requests
        for (index, entry) in wanted.enumerated() {
            let segment = fetched.segments[index]
            let codec = try columnMetaData(rowGroup: rowGroup, column: entry.column).codec
            let reader = try ColumnChunkReader(
                column: schema.columns[entry.column], codec: codec, pages: PageReader(segments: [segment], chunk: entry.range),
                file: location, rowGroup: rowGroup, options: options)
            if let dictionary = try reader.readDictionaryPage() {
                result.dictionaries[entry.column] = dictionary
                result.segments[entry.column] = segment
            }
        }
        return result
    }

    private func indexRange(_ offset: Int64, _ length: Int64, _ chunk: ChunkID, what: String) throws(ParquetError) -> Range<Int> {
        guard offset >= 0, length > 0, offset <= Int64(size), length <= Int64(size) - offset else {
            throw ParquetError(
                .corrupt, "\(what) at \(offset) of \(length) bytes lies outside the file", file: location,
                rowGroup: chunk.rowGroup, column: schema.columns[chunk.column].name, offset: Int(clamping: offset))
        }
        return Int(offset)..<Int(offset + length)
    }
}
