// Builds small Parquet files page by page from the reader's own Thrift writer, encoders and codecs, for
// cases no writer at hand produces: Hadoop-framed LZ4, BYTE_ARRAY decimals, BIT_PACKED levels, wrong
// CRCs, and deliberately broken pages.
import Foundation
import StrataCore
@testable import StrataFormats

struct TestPage {
    var header: PageHeader
    var stored: [UInt8]

    /// A v1 data page of `count` values: `levels` (definition levels, RLE-encoded with their length
    /// prefix, or nil for a required column) then `values`, compressed with `codec`.
    static func data(
        _ values: [UInt8], count: Int, encoding: Encoding = .plain, definitionLevels levels: [UInt32]? = nil,
        codec: CompressionCodec = .uncompressed, crc: Bool = false
    ) throws -> TestPage {
        var payload: [UInt8] = []
        if let levels {
            var encoder = RLEBitPackedEncoder(bitWidth: 1)
            encoder.append(contentsOf: levels)
            let encoded = encoder.finish()
            withUnsafeBytes(of: UInt32(encoded.count).littleEndian) { payload.append(contentsOf: $0) }
            payload += encoded
        }
        payload += values
        let stored = try compress(payload, codec)
        var header = PageHeader(
            type: .dataPage, uncompressedPageSize: Int32(payload.count), compressedPageSize: Int32(stored.count),
            dataPageHeader: DataPageHeader(numValues: Int32(count), encoding: encoding))
        if crc { header.crc = Int32(bitPattern: checksum(stored)) }
        return TestPage(header: header, stored: stored)
    }

    static func dictionary(_ values: [UInt8], count: Int, codec: CompressionCodec = .uncompressed) throws -> TestPage {
        let stored = try compress(values, codec)
        return TestPage(
            header: PageHeader(
                type: .dictionaryPage, uncompressedPageSize: Int32(values.count), compressedPageSize: Int32(stored.count),
                dictionaryPageHeader: DictionaryPageHeader(numValues: Int32(count))),
            stored: stored)
    }

    static func compress(_ bytes: [UInt8], _ codec: CompressionCodec) throws -> [UInt8] {
        guard let codec = try codec.makeCodec() else { return bytes }
        return try bytes.withUnsafeBytes { raw in try codec.compress(raw) }
    }

    /// CRC-32 with the gzip polynomial, bit by bit (slow and independent of zlib).
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}

struct TestColumn {
    var element: SchemaElement
    var codec: CompressionCodec = .uncompressed
    var pages: [TestPage]
}

enum TestParquetWriter {
    /// A file of one row group with `rows` rows and the given columns.
    static func file(_ columns: [TestColumn], rows: Int) -> [UInt8] {
        var bytes = Array("PAR1".utf8)
        var chunks: [ColumnChunk] = []
        for column in columns {
            let start = bytes.count
            var dictionaryOffset: Int64?
            var dataOffset: Int64?
            var values: Int64 = 0
            for page in column.pages {
                if page.header.type == .dictionaryPage { dictionaryOffset = Int64(bytes.count) } else if dataOffset == nil {
                    dataOffset = Int64(bytes.count)
                }
                values += Int64(page.header.dataPageHeader?.numValues ?? 0)
                bytes += page.header.encoded()
                bytes += page.stored
            }
            var metaData = ColumnMetaData(
                type: column.element.type!, encodings: [.plain, .rle], pathInSchema: [column.element.name],
                codec: column.codec, numValues: values, totalUncompressedSize: Int64(bytes.count - start),
                totalCompressedSize: Int64(bytes.count - start), dataPageOffset: dataOffset ?? Int64(start))
            metaData.dictionaryPageOffset = dictionaryOffset
            chunks.append(ColumnChunk(metaData: metaData, fileOffset: Int64(start)))
        }
        let schema = [SchemaElement(name: "schema", numChildren: Int32(columns.count))] + columns.map(\.element)
        let metadata = FileMetaData(
            version: 1, schema: schema, numRows: Int64(rows),
            rowGroups: [RowGroup(columns: chunks, totalByteSize: Int64(bytes.count), numRows: Int64(rows))],
            createdBy: "strata tests")
        let footer = metadata.encoded()
        bytes += footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += Array("PAR1".utf8)
        return bytes
    }

    /// PLAIN bytes of fixed-width values.
    static func plain<T: BitwiseCopyable>(_ values: [T]) -> [UInt8] {
        values.withUnsafeBytes { Array($0) }
    }

    /// PLAIN bytes of byte arrays.
    static func plain(byteArrays values: [[UInt8]]) -> [UInt8] {
        var encoder = PlainEncoder()
        for value in values { value.withUnsafeBytes { encoder.append(byteArray: $0) } }
        return encoder.bytes
    }

    /// RLE_DICTIONARY data: the bit width, then the indices.
    static func dictionaryIndices(_ indices: [UInt32], bitWidth: Int) -> [UInt8] {
        var encoder = RLEBitPackedEncoder(bitWidth: bitWidth)
        encoder.append(contentsOf: indices)
        return [UInt8(bitWidth)] + encoder.finish()
    }
}

extension ParquetFile {
    /// Opens bytes written to a fresh file in `folder`.
    static func open(bytes: [UInt8], in folder: String, name: String = "test.parquet", options: ParquetReadOptions = ParquetReadOptions()) throws -> ParquetFile {
        let path = folder + "/" + name
        try bytes.withUnsafeBytes { raw in
            guard let handle = fopen(path, "wb") else { throw ParquetError(.io, "cannot write \(path)") }
            defer { fclose(handle) }
            _ = fwrite(raw.baseAddress, 1, raw.count, handle)
        }
        return try ParquetFile.open(path: path, options: options)
    }
}
