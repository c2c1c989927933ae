import Testing
@testable import StrataFormats

@Suite struct ThriftCompactTests {
    @Test func metadataRoundTrips() throws {
        var statistics = Statistics(nullCount: 3, maxValue: [9, 0, 0, 0], minValue: [1, 0, 0, 0])
        statistics.isMaxValueExact = true
        statistics.isMinValueExact = false
        var metaData = ColumnMetaData(
            type: .int32, encodings: [.plain, .rleDictionary], pathInSchema: ["a"], codec: .zstd, numValues: 10,
            totalUncompressedSize: 100, totalCompressedSize: 80, dataPageOffset: 4)
        metaData.statistics = statistics
        metaData.bloomFilterOffset = 1000
        metaData.bloomFilterLength = 64
        metaData.keyValueMetadata = [KeyValue(key: "k", value: nil)]
        metaData.encodingStats = [PageEncodingStats(pageType: .dataPage, encoding: .rleDictionary, count: 2)]
        let chunk = ColumnChunk(
            metaData: metaData, offsetIndexOffset: 2000, offsetIndexLength: 20, columnIndexOffset: 2020, columnIndexLength: 30)
        let metadata = FileMetaData(
            version: 2,
            schema: [
                SchemaElement(name: "schema", numChildren: 3),
                SchemaElement(name: "a", type: .int32, repetition: .optional, logicalType: .integer(bitWidth: 16, isSigned: false)),
                SchemaElement(
                    name: "t", type: .int64, repetition: .required, fieldID: 7,
                    logicalType: .timestamp(isAdjustedToUTC: true, unit: .nanoseconds)),
                SchemaElement(
                    name: "d", type: .fixedLenByteArray, typeLength: 16, repetition: .optional, convertedType: .decimal,
                    scale: 2, precision: 30, logicalType: .decimal(precision: 30, scale: 2)),
            ],
            numRows: 10, rowGroups: [RowGroup(columns: [chunk], totalByteSize: 100, numRows: 10, ordinal: 0)],
            keyValueMetadata: [KeyValue(key: "ARROW:schema", value: "xyz")], createdBy: "test",
            columnOrders: [.typeDefined, .ieee754TotalOrder, .other(fieldID: 9)])
        #expect(try FileMetaData.decode(metadata.encoded()) == metadata)

        let header = PageHeader(
            type: .dataPageV2, uncompressedPageSize: 50, compressedPageSize: 40, crc: -5,
            dataPageHeaderV2: DataPageHeaderV2(
                numValues: 5, numNulls: 1, numRows: 5, encoding: .deltaBinaryPacked, definitionLevelsByteLength: 2,
                repetitionLevelsByteLength: 0, isCompressed: false, statistics: statistics))
        #expect(try PageHeader.decode(header.encoded()) == header)

        let index = ColumnIndex(
            nullPages: [false, true], minValues: [[1], []], maxValues: [[2], []], boundaryOrder: .ascending,
            nullCounts: [0, 4])
        #expect(try ColumnIndex.decode(index.encoded()) == index)
        let offsets = OffsetIndex(pageLocations: [PageLocation(offset: 4, compressedPageSize: 100, firstRowIndex: 0)])
        #expect(try OffsetIndex.decode(offsets.encoded()) == offsets)
        let bloom = BloomFilterHeader(numBytes: 1024)
        #expect(try BloomFilterHeader.decode(bloom.encoded()) == bloom)
        #expect(bloom.isStandard)
    }

    @Test func unknownFieldsAreSkipped() throws {
        // A KeyValue with extra fields of every type before and after the known ones.
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(20, i64: 123_456)
        writer.writeField(1, string: "key")
        writer.beginField(21, .struct)
        writer.beginStruct()
        writer.writeField(1, binaryList: [[1, 2], [3]])
        writer.writeField(2, bool: true)
        writer.endStruct()
        writer.writeField(2, string: "value")
        writer.beginField(300, .double)
        writer.writeDouble(1.5)
        writer.writeField(301, boolList: [true, false])
        writer.endStruct()
        #expect(try KeyValue.decode(writer.bytes) == KeyValue(key: "key", value: "value"))
    }

    @Test func nestingIsLimited() {
        // Struct field 1 holding a struct field 1 holding ..., 100 deep.
        var bytes: [UInt8] = []
        for _ in 0..<100 { bytes.append(0x1C) }
        bytes += [UInt8](repeating: 0, count: 101)
        #expect(throws: ParquetError.self) { try KeyValue.decode(bytes) }
    }

    @Test func lengthsAreCheckedAgainstTheBytes() {
        // key: binary claiming 1000 bytes with 2 present.
        #expect(throws: ParquetError.self) { try KeyValue.decode([0x18, 0xE8, 0x07, 0x41, 0x42]) }
        // A list claiming a billion elements.
        #expect(throws: ParquetError.self) { try OffsetIndex.decode([0x19, 0xFC, 0x80, 0x80, 0x80, 0x80, 0x04]) }
        // Data that stops in the middle.
        #expect(throws: ParquetError.self) { try PageHeader.decode([0x15, 0x00, 0x15]) }
        // A varint that never ends.
        #expect(throws: ParquetError.self) { try PageHeader.decode([0x15] + [UInt8](repeating: 0xFF, count: 20)) }
    }

    @Test func missingRequiredFieldsAreNamed() {
        var writer = ThriftCompactWriter()
        writer.beginStruct()
        writer.writeField(2, string: "only a value")
        writer.endStruct()
        #expect {
            try KeyValue.decode(writer.bytes)
        } throws: { error in
            (error as? ParquetError)?.message.contains("key") == true
        }
    }

    @Test func errorsCarryFileOffsets() {
        #expect {
            try PageHeader.decode([0x15, 0x00, 0x15], baseOffset: 1000)
        } throws: { error in
            ((error as? ParquetError)?.offset ?? 0) >= 1000
        }
    }
}
