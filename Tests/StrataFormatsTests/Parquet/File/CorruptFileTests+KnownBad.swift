// The corrupt files other Parquet implementations test with (apache/parquet-testing's bad_data/, named
// after their issues), recreated here from valid files written by pyarrow or page by page with
// TestParquetWriter, plus more lies a footer or page header can tell. Each must be an error naming the
// file and, where it applies, the row group, column and offset; never a crash or a silent wrong answer.
import Foundation
import StrataCore
import StrataTestSupport
import Testing
@testable import StrataFormats

extension CorruptFileTests {
    /// Where the footer of `bytes` starts, and the metadata it holds.
    static func footer(_ bytes: [UInt8]) throws -> (start: Int, metadata: FileMetaData) {
        let length = Int(bytes.withUnsafeBytes { UInt32(littleEndian: $0.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt32.self)) })
        let start = bytes.count - 8 - length
        let metadata = try Array(bytes[start..<(bytes.count - 8)]).withUnsafeBytes { (raw) throws(ParquetError) in
            try FileMetaData.decode(raw).0
        }
        return (start, metadata)
    }

    /// `bytes` with its footer replaced by `metadata` encoded by the project's Thrift writer (column data
    /// and its offsets stay as they are).
    static func replacingFooter(_ bytes: [UInt8], with footer: [UInt8]) throws -> [UInt8] {
        let start = try Self.footer(bytes).start
        var result = Array(bytes[..<start]) + footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { result.append(contentsOf: $0) }
        return result + Array("PAR1".utf8)
    }

    static func rewritingFooter(_ bytes: [UInt8], _ change: (inout FileMetaData) -> Void) throws -> [UInt8] {
        var metadata = try footer(bytes).metadata
        change(&metadata)
        return try replacingFooter(bytes, with: metadata.encoded())
    }

    static func requiredInt32(_ name: String = "i") -> SchemaElement {
        SchemaElement(name: name, type: .int32, repetition: .required)
    }

    /// A v2 data page of PLAIN values with the given level bytes in front.
    static func pageV2(
        _ values: [UInt8], count: Int, nulls: Int = 0, repetitionLevels: [UInt8] = [], definitionLevels: [UInt8] = []
    ) -> TestPage {
        let stored = repetitionLevels + definitionLevels + values
        return TestPage(
            header: PageHeader(
                type: .dataPageV2, uncompressedPageSize: Int32(stored.count), compressedPageSize: Int32(stored.count),
                dataPageHeaderV2: DataPageHeaderV2(
                    numValues: Int32(count), numNulls: Int32(nulls), numRows: Int32(count), encoding: .plain,
                    definitionLevelsByteLength: Int32(definitionLevels.count), repetitionLevelsByteLength: Int32(repetitionLevels.count),
                    isCompressed: false)),
            stored: stored)
    }

    // MARK: parquet-testing bad_data

    /// PARQUET-1481: a schema element's physical type corrupted to a value the format does not define.
    @Test func parquet1481UnknownPhysicalType() throws {
        let folder = try TemporaryDirectory()
        let valid = try Self.validFile(in: folder)
        let (footerStart, metadata) = try Self.footer(valid)
        // Re-encoded by the project's writer, the element's bytes can be found and its type patched.
        var footer = metadata.encoded()
        let element = metadata.schema[1].encoded()
        #expect(element.prefix(2) == [0x15, 0x04], "field 1 (type) = INT64 comes first")
        let at = try #require((0...(footer.count - element.count)).first { Array(footer[$0..<($0 + element.count)]) == element })
        footer[at + 1] = 0x10  // zigzag 8: no such physical type
        let bytes = try Self.replacingFooter(valid, with: footer)
        expectError(bytes, in: folder) {
            $0.code == .corrupt && $0.message.contains("unknown physical type 8") && ($0.offset ?? 0) >= footerStart
        }
    }

    /// ARROW-RS-GH-6229-DICTHEADER: a dictionary page header with a negative number of values.
    @Test func arrowRS6229NegativeDictionaryCount() throws {
        let folder = try TemporaryDirectory()
        var dictionary = try TestPage.dictionary(TestParquetWriter.plain([Int64(10), 20]), count: 2)
        dictionary.header.dictionaryPageHeader!.numValues = -2
        let column = TestColumn(
            element: SchemaElement(name: "x", type: .int64, repetition: .required),
            pages: [dictionary, try .data(TestParquetWriter.dictionaryIndices([0, 1], bitWidth: 1), count: 2, encoding: .rleDictionary)])
        expectError(TestParquetWriter.file([column], rows: 2), in: folder) {
            $0.column == "x" && $0.rowGroup == 0 && $0.offset == 4 && $0.message.contains("claims -2 values")
        }
    }

    /// ARROW-RS-GH-6229-LEVELS and ARROW-GH-41321: a page whose definition levels run out before its
    /// values do.
    @Test func arrowGH41321TooFewLevels() throws {
        let folder = try TemporaryDirectory()
        let page = try TestPage.data(TestParquetWriter.plain([Int32(1), 2, 3, 4]), count: 10, definitionLevels: [1, 1, 1, 1])
        let column = TestColumn(element: SchemaElement(name: "i", type: .int32, repetition: .optional), pages: [page])
        expectError(TestParquetWriter.file([column], rows: 10), in: folder) {
            $0.column == "i" && $0.rowGroup == 0 && $0.offset == 4 && $0.message.contains("definition levels: RLE data ends")
        }
    }

    /// ARROW-GH-45185 (repetition levels that start a record with 1) on the only columns Strata reads,
    /// flat ones: a v2 page with repetition levels in a column that cannot have any. And a nested column,
    /// which Strata does not read yet, is refused by name instead of being misread.
    @Test func arrowGH45185RepetitionLevels() throws {
        let folder = try TemporaryDirectory()
        // RLE run of 2 repetition levels of value 1 (bit width 1).
        let page = Self.pageV2(TestParquetWriter.plain([Int32(1), 2]), count: 2, repetitionLevels: [0x04, 0x01])
        expectError(TestParquetWriter.file([TestColumn(element: Self.requiredInt32(), pages: [page])], rows: 2), in: folder) {
            $0.column == "i" && $0.rowGroup == 0 && $0.offset == 4 && $0.message.contains("repetition levels")
        }
        let path = folder.file("nested.parquet")
        try Python.run("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({'id': [1, 2], 'tags': [[1, 2], [3]]}), sys.argv[1])
            """, arguments: [path])
        let file = try ParquetFile.open(path: path)
        #expect(file.schema.readableColumnIndices == [0])
        #expect { try file.readRowGroup(0, columns: [1]) } throws: { error in
            let error = error as? ParquetError
            return error?.code == .unsupported && error?.column == "tags.list.element" && error?.file == path
        }
    }

    /// ARROW-GH-41317: the columns of a row group hold different numbers of values.
    @Test func arrowGH41317ColumnsOfDifferentLengths() throws {
        let folder = try TemporaryDirectory()
        let full = TestColumn(element: Self.requiredInt32("a"), pages: [try .data(TestParquetWriter.plain([Int32(1), 2, 3, 4, 5]), count: 5)])
        let short = TestColumn(element: Self.requiredInt32("b"), pages: [try .data(TestParquetWriter.plain([Int32(1), 2, 3]), count: 3)])
        expectError(TestParquetWriter.file([full, short], rows: 5), in: folder) {
            $0.column == "b" && $0.rowGroup == 0 && $0.message.contains("ends before")
        }
        // More values than the row group has rows: the extra ones would be dropped without a word.
        expectError(TestParquetWriter.file([full, short], rows: 3), in: folder) {
            $0.column == "a" && $0.rowGroup == 0 && $0.message.contains("more values than the row group's 3 rows")
        }
    }

    /// ARROW-GH-43605: dictionary indices with bit width 0 are all index 0; valid, and read as such.
    @Test func arrowGH43605ZeroBitWidthIndices() throws {
        let folder = try TemporaryDirectory()
        let column = TestColumn(
            element: SchemaElement(name: "x", type: .int64, repetition: .required),
            pages: [
                try .dictionary(TestParquetWriter.plain([Int64(42)]), count: 1),
                // Bit width 0, then one RLE run of 3 (header 3 << 1) whose value takes no bytes.
                try .data([0x00, 0x06], count: 3, encoding: .rleDictionary),
            ])
        let file = try ParquetFile.open(bytes: TestParquetWriter.file([column], rows: 3), in: folder.path)
        #expect(try ParquetFixtures.readAll(file)["x"] == [.integer(42), .integer(42), .integer(42)])
    }

    /// ARROW-RS-GH-11261-FLBA-DICT: a FIXED_LEN_BYTE_ARRAY dictionary written as BYTE_ARRAY values
    /// (each with a length prefix), which read as fixed-width values would be garbage.
    @Test func arrowRS11261FixedLengthDictionaryAsByteArrays() throws {
        let folder = try TemporaryDirectory()
        let element = SchemaElement(name: "f", type: .fixedLenByteArray, typeLength: 4, repetition: .required)
        let column = TestColumn(
            element: element,
            pages: [
                try .dictionary(TestParquetWriter.plain(byteArrays: [[1, 2, 3, 4], [5, 6, 7, 8]]), count: 2),
                try .data(TestParquetWriter.dictionaryIndices([0, 1], bitWidth: 1), count: 2, encoding: .rleDictionary),
            ])
        expectError(TestParquetWriter.file([column], rows: 2), in: folder) {
            $0.column == "f" && $0.rowGroup == 0 && $0.offset == 4 && $0.message.contains("dictionary page of 2 values holds 16 bytes")
        }
    }

    /// ARROW-GH-47662: a required column whose pages carry definition levels (it has nulls): in a v1 page
    /// the levels would be read as values; in a v2 page the header counts the nulls.
    @Test func arrowGH47662RequiredColumnWithNulls() throws {
        let folder = try TemporaryDirectory()
        let v1 = try TestPage.data(TestParquetWriter.plain([Int32(7), 8]), count: 3, definitionLevels: [1, 0, 1])
        expectError(TestParquetWriter.file([TestColumn(element: Self.requiredInt32(), pages: [v1])], rows: 3), in: folder) {
            $0.column == "i" && $0.rowGroup == 0 && $0.offset == 4 && $0.message.contains("bytes left")
        }
        let v2 = Self.pageV2(TestParquetWriter.plain([Int32(7), 8]), count: 3, nulls: 1, definitionLevels: [0x03, 0x05])
        expectError(TestParquetWriter.file([TestColumn(element: Self.requiredInt32(), pages: [v2])], rows: 3), in: folder) {
            $0.column == "i" && $0.message.contains("required column claims 1 nulls")
        }
    }

    /// ARROW-GH-41764: a logical type the reader does not know reads as its physical type.
    @Test func arrowGH41764UnknownLogicalType() throws {
        let folder = try TemporaryDirectory()
        let element = SchemaElement(name: "i", type: .int32, repetition: .required, logicalType: .other(fieldID: 99))
        let column = TestColumn(element: element, pages: [try .data(TestParquetWriter.plain([Int32(3), 4]), count: 2)])
        let file = try ParquetFile.open(bytes: TestParquetWriter.file([column], rows: 2), in: folder.path)
        #expect(try ParquetFixtures.readAll(file)["i"] == [.integer(3), .integer(4)])
    }

    // MARK: Found by fuzzing

    /// parquet-file fuzz target: a column of the NULL logical type with a dictionary page. Reading its
    /// dictionary (as dictionary pruning does) decoded values for a type that has none (a trap); its values
    /// are all NULL and its pages are not read.
    @Test func nullLogicalTypeWithADictionaryPage() throws {
        let folder = try TemporaryDirectory()
        let column = TestColumn(
            element: SchemaElement(name: "n", type: .int32, repetition: .required, logicalType: .null),
            pages: [
                try .dictionary(TestParquetWriter.plain([Int32(10), 20]), count: 2),
                try .data(TestParquetWriter.dictionaryIndices([0, 1], bitWidth: 1), count: 2, encoding: .rleDictionary),
            ])
        let file = try ParquetFile.open(bytes: TestParquetWriter.file([column], rows: 2), in: folder.path)
        #expect(try file.readDictionaryPages(rowGroup: 0, columns: [0]).dictionaries.isEmpty)
        #expect(try ParquetFixtures.readAll(file)["n"] == [.null, .null])
    }

    /// parquet-file fuzz target: a DECIMAL FIXED_LEN_BYTE_ARRAY column of negative length reached the
    /// PLAIN decoder as a negative width (a trap in copyMemory). It is an unreadable column now.
    @Test func decimalOfNegativeFixedLength() throws {
        let folder = try TemporaryDirectory()
        let element = SchemaElement(
            name: "d", type: .fixedLenByteArray, typeLength: -5, repetition: .required, logicalType: .decimal(precision: 9, scale: 2))
        let column = TestColumn(element: element, pages: [try .data([1, 2, 3, 4, 5], count: 1)])
        let file = try ParquetFile.open(bytes: TestParquetWriter.file([column], rows: 1), in: folder.path)
        #expect(file.schema.columns[0].dataType == nil)
        #expect { try file.readRowGroup(0, columns: [0]) } throws: { error in
            let error = error as? ParquetError
            return error?.code == .unsupported && error?.column == "d" && error?.message.contains("length -5") == true
        }
    }

    /// A width from the schema is checked before buffers are sized from it: FIXED_LEN_BYTE_ARRAY(2^30)
    /// values in a page of a few bytes.
    @Test func hugeFixedLengthAgainstATinyPage() throws {
        let folder = try TemporaryDirectory()
        let element = SchemaElement(name: "f", type: .fixedLenByteArray, typeLength: 1 << 30, repetition: .required)
        let column = TestColumn(element: element, pages: [try .data([1, 2, 3, 4], count: 4)])
        expectError(TestParquetWriter.file([column], rows: 4), in: folder) {
            $0.column == "f" && $0.offset == 4 && $0.message.contains("more than a page holds")
        }
    }

    // MARK: More lies

    @Test func negativeValueCounts() throws {
        let folder = try TemporaryDirectory()
        var v1 = try TestPage.data(TestParquetWriter.plain([Int32(1)]), count: 1)
        v1.header.dataPageHeader!.numValues = -1
        expectError(TestParquetWriter.file([TestColumn(element: Self.requiredInt32(), pages: [v1])], rows: 1), in: folder) {
            $0.column == "i" && $0.offset == 4 && $0.message.contains("claims -1 values")
        }
        var v2 = Self.pageV2(TestParquetWriter.plain([Int32(1)]), count: 1)
        v2.header.dataPageHeaderV2!.numValues = -3
        expectError(TestParquetWriter.file([TestColumn(element: Self.requiredInt32(), pages: [v2])], rows: 1), in: folder) {
            $0.column == "i" && $0.offset == 4 && $0.message.contains("negative")
        }
    }

    /// The footer's row count must be the sum of its row groups'; a row group's must match its pages.
    @Test func rowCountsThatDisagree() throws {
        let folder = try TemporaryDirectory()
        let valid = try Self.validFile(in: folder)
        let wrongTotal = try Self.rewritingFooter(valid) { $0.numRows += 1 }
        expectError(wrongTotal, in: folder) { $0.message.contains("3001 rows") && $0.message.contains("3000") && $0.offset != nil }
        let negative = try Self.rewritingFooter(valid) { $0.numRows = -1 }
        expectError(negative, in: folder) { $0.message.contains("-1 rows") }
        let longerGroup = try Self.rewritingFooter(valid) {
            $0.rowGroups[1].numRows += 10
            $0.numRows += 10
        }
        expectError(longerGroup, in: folder) { $0.rowGroup == 1 && $0.message.contains("ends before") }
        let shorterGroup = try Self.rewritingFooter(valid) {
            $0.rowGroups[2].numRows -= 10
            $0.numRows -= 10
        }
        expectError(shorterGroup, in: folder) { $0.rowGroup == 2 && $0.message.contains("more values than the row group's 990 rows") }
    }

    @Test func schemaChildrenPastTheEnd() throws {
        let folder = try TemporaryDirectory()
        let valid = try Self.validFile(in: folder)
        let root = try Self.rewritingFooter(valid) { $0.schema[0].numChildren = 5 }
        expectError(root, in: folder) { $0.message.contains("claims 5 children") }
        let group = try Self.rewritingFooter(valid) {
            $0.schema.append(SchemaElement(name: "g", repetition: .optional, numChildren: 3))
            $0.schema[0].numChildren = 3
        }
        expectError(group, in: folder) { $0.message.contains("'g' claims 3 children past the end") }
        let negative = try Self.rewritingFooter(valid) { $0.schema[0].numChildren = -1 }
        expectError(negative, in: folder) { $0.message.contains("claims -1 children") }
    }

    @Test func dictionaryPageAfterDataPages() throws {
        let folder = try TemporaryDirectory()
        let column = TestColumn(
            element: SchemaElement(name: "x", type: .int64, repetition: .required),
            pages: [
                try .data(TestParquetWriter.plain([Int64(1)]), count: 1),
                try .dictionary(TestParquetWriter.plain([Int64(10), 20]), count: 2),
                try .data(TestParquetWriter.dictionaryIndices([0, 1], bitWidth: 1), count: 2, encoding: .rleDictionary),
            ])
        expectError(TestParquetWriter.file([column], rows: 3), in: folder) {
            $0.column == "x" && $0.offset != nil && $0.offset! > 4 && $0.message.contains("dictionary page after")
        }
    }

    /// Uncompressed sizes that lie, up or down, for a stored page and a compressed one.
    @Test func uncompressedSizesThatLie() throws {
        let folder = try TemporaryDirectory()
        for delta: Int32 in [-1, 1, 100] {
            var plain = try TestPage.data(TestParquetWriter.plain([Int32(1), 2]), count: 2)
            plain.header.uncompressedPageSize += delta
            expectError(TestParquetWriter.file([TestColumn(element: Self.requiredInt32(), pages: [plain])], rows: 2), in: folder) {
                $0.column == "i" && $0.offset == 4 && $0.message.contains("header says")
            }
            for codec in [CompressionCodec.snappy, .gzip, .zstd, .lz4Raw, .brotli] {
                var compressed = try TestPage.data(TestParquetWriter.plain([Int32(1), 2, 3, 4]), count: 4, codec: codec)
                compressed.header.uncompressedPageSize += delta
                let column = TestColumn(element: Self.requiredInt32(), codec: codec, pages: [compressed])
                expectError(TestParquetWriter.file([column], rows: 4), in: folder) {
                    $0.column == "i" && $0.offset == 4 && $0.message.contains(codec.name)
                }
            }
        }
    }

    /// A PLAIN page with bytes its values do not use: its sizes or its encoding lie.
    @Test func plainPagesWithBytesLeftOver() throws {
        let folder = try TemporaryDirectory()
        let page = try TestPage.data(TestParquetWriter.plain([Int64(1), 2]), count: 1)
        expectError(TestParquetWriter.file([TestColumn(element: SchemaElement(name: "x", type: .int64, repetition: .required), pages: [page])], rows: 1), in: folder) {
            $0.column == "x" && $0.offset == 4 && $0.message.contains("8 bytes left")
        }
    }
}
