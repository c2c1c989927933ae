// Page decoding for every encoding and codec, through the real reader: the input is one column chunk (page
// headers and pages) that this target wraps in a valid footer, so mutations land in pages instead of
// breaking the footer. Input layout: byte 0 picks the column's shape (`shapes`, bit 7 makes it REQUIRED),
// byte 1 the codec, byte 2 read options; the rest is the chunk. `Fuzz/make_parquet_seeds.py` writes seeds
// in this layout from pyarrow files and must list the same shapes in the same order.
import StrataFormats

enum ParquetPageFuzzer: FuzzTarget {
    static let name = "parquet-page"

    /// Column shapes: one per physical type, plus the logical types whose values the reader converts.
    static let shapes: [SchemaElement] = [
        SchemaElement(name: "c", type: .boolean),
        SchemaElement(name: "c", type: .int32),
        SchemaElement(name: "c", type: .int64),
        SchemaElement(name: "c", type: .int96),
        SchemaElement(name: "c", type: .float),
        SchemaElement(name: "c", type: .double),
        SchemaElement(name: "c", type: .byteArray, convertedType: .utf8, logicalType: .string),
        SchemaElement(name: "c", type: .byteArray),
        SchemaElement(name: "c", type: .fixedLenByteArray, typeLength: 16),
        SchemaElement(name: "c", type: .int32, convertedType: .date, logicalType: .date),
        SchemaElement(name: "c", type: .int64, logicalType: .timestamp(isAdjustedToUTC: false, unit: .microseconds)),
        SchemaElement(
            name: "c", type: .fixedLenByteArray, typeLength: 9, convertedType: .decimal, scale: 2, precision: 20,
            logicalType: .decimal(precision: 20, scale: 2)),
        SchemaElement(name: "c", type: .int32, convertedType: .int16, logicalType: .integer(bitWidth: 16, isSigned: true)),
        SchemaElement(name: "c", type: .int64, logicalType: .timestamp(isAdjustedToUTC: true, unit: .nanoseconds)),
    ]

    static func run(_ input: UnsafeRawBufferPointer) {
        guard input.count >= 3 else { return }
        var element = shapes[Int(input[0] & 0x7F) % shapes.count]
        element.repetition = input[0] & 0x80 != 0 ? .required : .optional
        let codec = CompressionCodec(rawValue: Int32(input[1] % 8)) ?? .uncompressed
        let chunk = Array(input[3...])
        let bytes = file(element: element, codec: codec, chunk: chunk)
        var options = ParquetReadOptions()
        options.verifyChecksums = input[2] & 1 != 0
        options.batchSize = [65_536, 1, 7, 100][Int(input[2] >> 1) % 4]
        let store = MemoryObjectStore(key: "page.parquet", bytes: bytes)
        let opened: ParquetFile
        do {
            opened = try ParquetFile.open(store: store, key: store.key, size: bytes.count, options: options)
        } catch {
            preconditionFailure("the wrapping footer does not open: \(error)")
        }
        ParquetReadCheck.run(opened, batchSize: options.batchSize)
    }

    /// A file of one row group holding `chunk` as the only column, as many rows as its page headers say.
    static func file(element: SchemaElement, codec: CompressionCodec, chunk: [UInt8]) -> [UInt8] {
        let start: Int64 = 4
        var rows: Int64 = 0
        var dataPageOffset = start
        var dictionaryPageOffset: Int64?
        chunk.withUnsafeBytes { raw in
            var position = 0
            while position < raw.count, rows < 1 << 20 {
                guard let (header, length) = try? PageHeader.decode(UnsafeRawBufferPointer(rebasing: raw[position...])) else { break }
                if header.type == .dictionaryPage && position == 0 {
                    dictionaryPageOffset = start
                    dataPageOffset = start + Int64(length) + Int64(max(0, header.compressedPageSize))
                }
                // At most 2^20 rows: a page may claim 2^31 nulls in a few bytes, which the reader then
                // rightly spends seconds producing; the footer's smaller count still checks the page.
                rows = min(1 << 20, rows + Int64(max(0, header.dataPageHeader?.numValues ?? header.dataPageHeaderV2?.numRows ?? 0)))
                guard header.compressedPageSize >= 0 else { break }
                position += length + Int(header.compressedPageSize)
            }
        }
        var metaData = ColumnMetaData(
            type: element.type!, encodings: [.plain, .rle], pathInSchema: [element.name], codec: codec, numValues: rows,
            totalUncompressedSize: Int64(chunk.count), totalCompressedSize: Int64(chunk.count),
            dataPageOffset: min(dataPageOffset, start + Int64(chunk.count)))
        metaData.dictionaryPageOffset = dictionaryPageOffset
        let metadata = FileMetaData(
            version: 2, schema: [SchemaElement(name: "schema", numChildren: 1), element], numRows: rows,
            rowGroups: [RowGroup(columns: [ColumnChunk(metaData: metaData, fileOffset: start)], totalByteSize: Int64(chunk.count), numRows: rows)],
            createdBy: "strata-fuzz")
        let footer = metadata.encoded()
        var bytes = Array("PAR1".utf8) + chunk + footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { bytes.append(contentsOf: $0) }
        bytes += Array("PAR1".utf8)
        return bytes
    }
}
