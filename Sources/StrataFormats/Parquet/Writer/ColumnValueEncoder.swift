// The typed half of a column chunk writer: buffers the non-null values of the page being written (as
// dictionary indices or plain values), tracks their bounds, and encodes them when the page ends. One
// implementation for fixed-width values (specialized per physical value) and one for byte arrays; the
// chunk writer calls them once per slice of rows or per page, never per value.
import StrataCore

protocol ColumnValueEncoder: AnyObject {
    /// How many rows from `start` (at most `maxRows`, at least 1) fit in `budget` more page bytes.
    func rowsFitting(_ column: Column, from start: Int, maxRows: Int, budget: Int) -> Int
    /// Buffers the non-null values of `rows` of `column`.
    func append(_ column: Column, rows: Range<Int>) throws(ParquetError)
    /// Encoded bytes of the values buffered for the page.
    var estimatedPageBytes: Int { get }
    /// Whether the dictionary passed its limit: the page should end and the chunk continue without it.
    var dictionaryIsFull: Bool { get }
    /// Appends the page's encoded values to `bytes` and starts a new page.
    func finishPage(into bytes: inout [UInt8]) throws(ParquetError) -> EncodedPageValues
    /// Writes the rest of the chunk without the dictionary (which earlier pages still use).
    func stopDictionary()
    /// Appends the dictionary page's PLAIN values when the chunk's pages use a dictionary; returns its size.
    func dictionaryPage(into bytes: inout [UInt8]) -> Int?
    /// The chunk's min and max (PLAIN bytes, whole), nil when it has no ordered value.
    var chunkBounds: (min: [UInt8], max: [UInt8])? { get }
    /// The column's statistics order on PLAIN bytes.
    func isLess(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool
    /// The bloom filter of the chunk's values, when the column has one.
    func bloomFilter(falsePositiveRate: Double, maximumBytes: Int) -> SplitBlockBloomFilter?
    /// Forgets the chunk (dictionary, bounds, bloom hashes) for the next row group.
    func resetChunk()
    /// Bytes held for the chunk and page.
    var bufferedBytes: Int { get }
    /// Bytes the open page and the dictionary page will take encoded, before compression: what a file
    /// grows by when they are written (the hash tables behind `bufferedBytes` are not written).
    var encodedBytes: Int { get }
}

/// Bytes of `count` dictionary indices bit-packed for a dictionary of `entries` values.
func packedIndexBytes(count: Int, entries: Int) -> Int {
    let bitWidth = entries <= 1 ? 1 : Int.bitWidth - (entries - 1).leadingZeroBitCount
    return (count * bitWidth + 7) / 8
}

/// A finished page's values.
struct EncodedPageValues {
    var encoding: Encoding
    var valueCount: Int
    /// The page's min and max (PLAIN bytes, whole); nil when it has no ordered value.
    var bounds: (min: [UInt8], max: [UInt8])?
}

/// How a column chunk starts out encoding its values.
struct ValueEncodingPlan {
    /// Begin each chunk dictionary-encoded.
    var startsWithDictionary: Bool
    /// Drop the dictionary after the first page when it does not make that page smaller.
    var dictionaryMustPay: Bool
    var dictionaryLimit: Int
    /// The encoding of pages without dictionary.
    var fallbackEncoding: Encoding

    init(column: ParquetColumnType, options: ParquetWriterOptions) {
        dictionaryLimit = options.dictionaryPageSizeLimit
        let canUseDictionary = column.physicalType != .boolean && column.field.type != .unknown
        switch options.columnEncodings[column.name] {
        case .rleDictionary?, .plainDictionary?:
            startsWithDictionary = canUseDictionary
            dictionaryMustPay = false
            fallbackEncoding = .plain
        case let encoding?:
            startsWithDictionary = false
            dictionaryMustPay = false
            fallbackEncoding = encoding
        case nil:
            startsWithDictionary = canUseDictionary && options.dictionary != .never
            dictionaryMustPay = options.dictionary == .automatic
            fallbackEncoding = .plain
        }
    }

    /// Bits per dictionary index for a dictionary of `count` entries.
    static func indexBitWidth(_ count: Int) -> Int {
        Swift.max(1, BitPacking.width(UInt64(Swift.max(count, 1) - 1)))
    }

    /// A dictionary-encoded page's values: the index bit width, then the indices RLE/bit-packed.
    static func appendDictionaryIndices(_ indices: Buffer, count: Int, dictionaryCount: Int, into bytes: inout [UInt8]) {
        let width = indexBitWidth(dictionaryCount)
        bytes.append(UInt8(width))
        RLEBitPackedEncoder.encode(
            UnsafeBufferPointer(start: indices.baseAddress.assumingMemoryBound(to: UInt32.self), count: count),
            bitWidth: width, into: &bytes)
    }

    /// Rows per slice while a dictionary grows, so it passes its limit by little.
    static let dictionarySliceRows = 8192
}
