// Writes one column's chunk of the current row group: splits incoming rows into pages (by encoded size and
// row count), keeps each page's definition levels, has the value encoder encode its values, compresses
// the page and appends it with its header to the chunk's buffer. When the row group ends it hands back
// the chunk's bytes (dictionary page first), its metadata and statistics, its page index and bloom filter.
import CZlib
import StrataCore

final class ColumnChunkWriter {
    let column: ParquetColumnType
    private let options: ParquetWriterOptions
    private let values: any ColumnValueEncoder
    private let codec: (any Codec)?
    /// An UNKNOWN column: every row is null whatever its storage says.
    private let isAllNull: Bool
    private let isUTF8: Bool

    // The page being written.
    private var levels = DefinitionLevelBuffer()
    private var pageRows = 0
    private var pageNulls = 0
    private var pageScratch: [UInt8] = []

    // The chunk being written: data page headers and pages, kept as written (no buffer to grow and copy),
    // offsets relative to the first one.
    private var chunkParts: [[UInt8]] = []
    private var chunkByteCount = 0
    private var chunkRows = 0
    private var chunkNulls = 0
    private var uncompressedBytes = 0
    private var index = ColumnIndexBuilder()
    private var pageEncodings: [PageEncodingStats] = []

    init(column: ParquetColumnType, options: ParquetWriterOptions) throws(ParquetError) {
        self.column = column
        self.options = options
        let plan = ValueEncodingPlan(column: column, options: options)
        let bloom = options.bloomFilterColumns.contains(column.name)
        switch column.physicalType {
        case .boolean: values = FixedWidthValueEncoder<UInt8>(column: column, plan: plan, bloomFilter: false)
        case .int32: values = FixedWidthValueEncoder<Int32>(column: column, plan: plan, bloomFilter: bloom)
        case .int64: values = FixedWidthValueEncoder<Int64>(column: column, plan: plan, bloomFilter: bloom)
        case .float: values = FixedWidthValueEncoder<Float>(column: column, plan: plan, bloomFilter: bloom)
        case .double: values = FixedWidthValueEncoder<Double>(column: column, plan: plan, bloomFilter: bloom)
        case .fixedLenByteArray: values = FixedWidthValueEncoder<Int128>(column: column, plan: plan, bloomFilter: bloom)
        case .byteArray: values = ByteArrayValueEncoder(column: column, plan: plan, bloomFilter: bloom)
        case .int96: throw ParquetError(.unsupported, "INT96 is not written", column: column.name)
        }
        codec = try options.compression.makeCodec(level: options.compressionLevel)
        isAllNull = column.field.type == .unknown
        isUTF8 = column.field.type == .varchar
    }

    /// Bytes held for the row group: encoded pages, the open page, dictionary and bloom hashes.
    var bufferedBytes: Int {
        chunkByteCount + values.bufferedBytes + levels.memoryBytes + index.memoryBytes
    }

    /// Bytes the chunk will add to the file, as far as it is known: its finished pages, and the open page
    /// and dictionary encoded but not compressed.
    var estimatedBytes: Int { chunkByteCount + values.encodedBytes }

    // MARK: Rows

    /// Adds rows `rows` of `column` (plain or dictionary storage, of this column's type).
    func append(_ column: Column, rows: Range<Int>) throws(ParquetError) {
        var start = rows.lowerBound
        while start < rows.upperBound {
            let budget = Swift.max(0, options.pageSize - values.estimatedPageBytes - levels.estimatedBytes)
            var take = Swift.min(rows.upperBound - start, options.maxPageRows - pageRows)
            if !isAllNull { take = values.rowsFitting(column, from: start, maxRows: take, budget: budget) }
            let present: Int
            if isAllNull {
                levels.appendRun(false, take)
                present = 0
            } else if self.column.isOptional {
                present = levels.append(column.validity, from: start, count: take)
            } else {
                present = take
                if let validity = column.validity, let row = (start..<(start + take)).first(where: { !validity.isSet($0) }) {
                    throw ParquetError(
                        .unsupported, "column '\(self.column.name)' is NOT NULL but row \(row) of the batch is NULL",
                        column: self.column.name)
                }
            }
            if present > 0 { try values.append(column, rows: start..<(start + take)) }
            pageNulls += take - present
            pageRows += take
            start += take
            if values.dictionaryIsFull {
                try finishPage()
                values.stopDictionary()
            } else if pageRows >= options.maxPageRows || values.estimatedPageBytes + levels.estimatedBytes >= options.pageSize {
                try finishPage()
            }
        }
    }

    // MARK: Pages

    private func finishPage() throws(ParquetError) {
        guard pageRows > 0 else { return }
        pageScratch.removeAll(keepingCapacity: true)
        let isV2 = options.dataPageVersion == .v2
        if column.isOptional {
            if isV2 {
                levels.encode(into: &pageScratch)
            } else {
                pageScratch.append(contentsOf: [0, 0, 0, 0])
                levels.encode(into: &pageScratch)
                let length = UInt32(pageScratch.count - 4)
                for byte in 0..<4 { pageScratch[byte] = UInt8(truncatingIfNeeded: length >> UInt32(byte * 8)) }
            }
        }
        let levelBytes = pageScratch.count
        let encoded = try values.finishPage(into: &pageScratch)
        guard pageScratch.count <= Int(Int32.max) else {
            throw ParquetError(.unsupported, "a page of column '\(column.name)' would exceed 2 GB", column: column.name)
        }
        var stored: [UInt8]
        let header: PageHeader
        let pageType: PageType
        if isV2 {
            stored = Array(pageScratch[..<levelBytes])
            if let codec {
                stored += try UnsafeBytes.with(pageScratch) { (raw) throws(ParquetError) in
                    try codec.compress(UnsafeRawBufferPointer(rebasing: raw[levelBytes...]))
                }
            } else {
                stored += pageScratch[levelBytes...]
            }
            pageType = .dataPageV2
            header = PageHeader(
                type: .dataPageV2, uncompressedPageSize: Int32(pageScratch.count), compressedPageSize: Int32(stored.count),
                crc: checksum(stored),
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: Int32(pageRows), numNulls: Int32(pageNulls), numRows: Int32(pageRows), encoding: encoded.encoding,
                    definitionLevelsByteLength: Int32(levelBytes), repetitionLevelsByteLength: 0, isCompressed: codec != nil))
        } else {
            if let codec {
                stored = try UnsafeBytes.with(pageScratch) { (raw) throws(ParquetError) in try codec.compress(raw) }
            } else {
                stored = pageScratch
            }
            pageType = .dataPage
            header = PageHeader(
                type: .dataPage, uncompressedPageSize: Int32(pageScratch.count), compressedPageSize: Int32(stored.count),
                crc: checksum(stored), dataPageHeader: DataPageHeader(numValues: Int32(pageRows), encoding: encoded.encoding))
        }
        let headerBytes = header.encoded()
        let location = PageLocation(
            offset: Int64(chunkByteCount), compressedPageSize: Int32(headerBytes.count + stored.count),
            firstRowIndex: Int64(chunkRows))
        chunkByteCount += headerBytes.count + stored.count
        chunkParts.append(headerBytes)
        chunkParts.append(stored)
        uncompressedBytes += headerBytes.count + pageScratch.count
        index.addPage(
            valueCount: encoded.valueCount, nullCount: pageNulls, bounds: encoded.bounds.map(indexBounds), location: location,
            isLess: values.isLess)
        count(pageType, encoded.encoding)
        chunkRows += pageRows
        chunkNulls += pageNulls
        pageRows = 0
        pageNulls = 0
        levels.removeAll()
    }

    /// Page bounds as the column index stores them: long byte arrays truncated.
    private func indexBounds(_ bounds: (min: [UInt8], max: [UInt8])) -> (min: [UInt8], max: [UInt8]) {
        guard column.physicalType == .byteArray else { return bounds }
        let limit = options.columnIndexTruncateLength
        return (
            StatisticsTruncation.minimum(bounds.min, limit: limit, isUTF8: isUTF8).bytes,
            StatisticsTruncation.maximum(bounds.max, limit: limit, isUTF8: isUTF8).bytes
        )
    }

    private func checksum(_ bytes: [UInt8]) -> Int32? {
        guard options.pageChecksums else { return nil }
        let crc = bytes.withUnsafeBytes { raw in
            crc32(0, raw.baseAddress?.assumingMemoryBound(to: Bytef.self), uInt(raw.count))
        }
        return Int32(bitPattern: UInt32(truncatingIfNeeded: crc))
    }

    private func count(_ type: PageType, _ encoding: Encoding) {
        if let position = pageEncodings.firstIndex(where: { $0.pageType == type && $0.encoding == encoding }) {
            pageEncodings[position].count += 1
        } else {
            pageEncodings.append(PageEncodingStats(pageType: type, encoding: encoding, count: 1))
        }
    }

    // MARK: Chunk

    /// The finished chunk of the row group, to be written at `fileOffset`; the writer starts a new chunk.
    func finishChunk(fileOffset: Int) throws(ParquetError) -> FinishedColumnChunk {
        try finishPage()
        defer { resetChunk() }
        var dictionaryBytes: [UInt8] = []
        var dictionaryUncompressed = 0
        pageScratch.removeAll(keepingCapacity: true)
        if let entries = values.dictionaryPage(into: &pageScratch) {
            let stored: [UInt8]
            if let codec {
                stored = try UnsafeBytes.with(pageScratch) { (raw) throws(ParquetError) in try codec.compress(raw) }
            } else {
                stored = pageScratch
            }
            let header = PageHeader(
                type: .dictionaryPage, uncompressedPageSize: Int32(pageScratch.count), compressedPageSize: Int32(stored.count),
                crc: checksum(stored), dictionaryPageHeader: DictionaryPageHeader(numValues: Int32(entries), encoding: .plain))
            dictionaryBytes = header.encoded() + stored
            dictionaryUncompressed = dictionaryBytes.count - stored.count + pageScratch.count
        }
        let dataStart = Int64(fileOffset + dictionaryBytes.count)
        var encodings: Set<Encoding> = Set(pageEncodings.map(\.encoding))
        if column.isOptional { encodings.insert(.rle) }
        var encodingStats = pageEncodings
        if !dictionaryBytes.isEmpty {
            encodings.insert(.plain)
            encodingStats.insert(PageEncodingStats(pageType: .dictionaryPage, encoding: .plain, count: 1), at: 0)
        }
        var metaData = ColumnMetaData(
            type: column.physicalType, encodings: encodings.sorted { $0.rawValue < $1.rawValue }, pathInSchema: [column.name],
            codec: options.compression, numValues: Int64(chunkRows),
            totalUncompressedSize: Int64(uncompressedBytes + dictionaryUncompressed),
            totalCompressedSize: Int64(chunkByteCount + dictionaryBytes.count), dataPageOffset: dataStart)
        if !dictionaryBytes.isEmpty { metaData.dictionaryPageOffset = Int64(fileOffset) }
        metaData.statistics = statistics()
        metaData.encodingStats = encodingStats
        let bloomFilter = values.bloomFilter(
            falsePositiveRate: options.bloomFilterFalsePositiveRate, maximumBytes: options.bloomFilterMaximumBytes)
        return FinishedColumnChunk(
            parts: dictionaryBytes.isEmpty ? chunkParts : [dictionaryBytes] + chunkParts, metaData: metaData,
            rowCount: chunkRows, columnIndex: index.columnIndex, offsetIndex: index.offsetIndex(base: dataStart),
            bloomFilter: bloomFilter)
    }

    private func statistics() -> Statistics {
        var statistics = Statistics(nullCount: Int64(chunkNulls))
        guard let bounds = values.chunkBounds else { return statistics }
        if column.physicalType == .byteArray {
            let limit = options.statisticsTruncateLength
            let minimum = StatisticsTruncation.minimum(bounds.min, limit: limit, isUTF8: isUTF8)
            let maximum = StatisticsTruncation.maximum(bounds.max, limit: limit, isUTF8: isUTF8)
            statistics.minValue = minimum.bytes
            statistics.maxValue = maximum.bytes
            statistics.isMinValueExact = minimum.isExact
            statistics.isMaxValueExact = maximum.isExact
        } else {
            statistics.minValue = bounds.min
            statistics.maxValue = bounds.max
            statistics.isMinValueExact = true
            statistics.isMaxValueExact = true
        }
        if column.writesDeprecatedStatistics {
            statistics.min = bounds.min
            statistics.max = bounds.max
        }
        return statistics
    }

    private func resetChunk() {
        values.resetChunk()
        chunkParts = []
        chunkByteCount = 0
        chunkRows = 0
        chunkNulls = 0
        uncompressedBytes = 0
        index = ColumnIndexBuilder()
        pageEncodings = []
        pageScratch = []
        levels = DefinitionLevelBuffer()
    }
}

/// A column chunk ready to be written: its bytes in order, and what the footer and page index say of it.
struct FinishedColumnChunk {
    var parts: [[UInt8]]
    var metaData: ColumnMetaData
    var rowCount: Int
    var columnIndex: ColumnIndex?
    var offsetIndex: OffsetIndex
    var bloomFilter: SplitBlockBloomFilter?
}
