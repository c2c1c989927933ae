// Opening files with one tail read, the schema as the engine sees it, coalesced chunk reads, batches,
// page indexes and bloom filters, nested columns, and the rarer layouts written by hand.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct ParquetFileTests {
    @Test func footerTakesOneReadAndChunksOneMore() throws {
        let folder = try TemporaryDirectory()
        try Python.run("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            n = 20000
            t = pa.table({'a': pa.array(range(n), pa.int64()), 'b': pa.array([str(i) for i in range(n)]),
                          'c': pa.array([i * 0.5 for i in range(n)]), 'd': pa.array([i % 3 for i in range(n)], pa.int8())})
            pq.write_table(t, sys.argv[1] + '/t.parquet', row_group_size=10000)
            """, arguments: [folder.path])
        let store = LocalObjectStore(root: folder.path)
        let size = try store.head("t.parquet").size
        let before = store.statistics.snapshot()
        let file = try ParquetFile.open(store: store, key: "t.parquet", size: size)
        var used = store.statistics.snapshot() - before
        #expect(used.requests == 1)
        #expect(file.openRequests == 1)
        // A small footer read forces the second read.
        var options = ParquetReadOptions()
        options.footerReadSize = 16
        let small = try ParquetFile.open(store: store, key: "t.parquet", options: options)
        #expect(small.openRequests == 2)
        #expect(small.metadata == file.metadata)

        let columns = [try file.schema.readableColumn(named: "a").index, try file.schema.readableColumn(named: "C").index]
        let start = store.statistics.snapshot()
        let reader = try file.readRowGroup(1, columns: columns)
        used = store.statistics.snapshot() - start
        #expect(used.requests == 1)
        #expect(reader.requests == 1)
        // Columns a and c are apart: with no gap allowed they take two reads of one batch.
        var apart = ParquetReadOptions()
        apart.coalesceGap = 0
        // A footer read that holds no column data, or the tail's bytes would serve chunk c without a read.
        apart.footerReadSize = 16
        let separate = try ParquetFile.open(store: store, key: "t.parquet", size: size, options: apart)
        #expect(try separate.readRowGroup(1, columns: columns).requests == 2)

        var rows = 0
        while let batch = try reader.next(maxRows: 4096) {
            #expect(batch.columns.count == 2)
            #expect(batch.columns.allSatisfy { $0.count == batch.count })
            #expect(batch.columns[0].value(at: 0) == .integer(Int64(10000 + rows)))
            #expect(batch.columns[1].value(at: batch.count - 1) == .double(Double(10000 + rows + batch.count - 1) * 0.5))
            rows += batch.count
        }
        #expect(rows == 10000)
        #expect(reader.pagesRead > 0)
        // No columns: batches that only count rows.
        let counting = try file.readRowGroup(0, columns: [])
        #expect(try counting.next()?.count == 10000)
    }

    @Test func engineTypesOfEveryAnnotation() throws {
        let folder = try TemporaryDirectory()
        try Python.run("""
            import sys, decimal, pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({
              'i8': pa.array([1], pa.int8()), 'i16': pa.array([1], pa.int16()), 'i32': pa.array([1], pa.int32()),
              'i64': pa.array([1], pa.int64()), 'u8': pa.array([1], pa.uint8()), 'u16': pa.array([1], pa.uint16()),
              'u32': pa.array([1], pa.uint32()), 'u64': pa.array([2**64 - 1], pa.uint64()),
              'f16': pa.array([1.5], pa.float16()), 'f32': pa.array([1.5], pa.float32()), 'f64': pa.array([1.5]),
              'dec': pa.array([decimal.Decimal('1.5')], pa.decimal128(20, 1)), 's': pa.array(['x']),
              'bin': pa.array([b'x']), 'fixed': pa.array([b'ab'], pa.binary(2)), 'd': pa.array([1], pa.date32()),
              't': pa.array([1], pa.time64('ns')), 'ts': pa.array([1], pa.timestamp('ms', tz='UTC')),
              'u': pa.ExtensionArray.from_storage(pa.uuid(), pa.array([bytes(range(16))], pa.binary(16))),
              'nothing': pa.array([None], pa.null()), 'b': pa.array([True]),
              'list': pa.array([[1, 2]]), 'struct': pa.array([{'x': 1}]),
            })
            pq.write_table(t, sys.argv[1])
            """, arguments: [folder.file("types.parquet")])
        let file = try ParquetFile.open(path: folder.file("types.parquet"))
        let types = Dictionary(uniqueKeysWithValues: file.schema.engineSchema.fields.map { ($0.name, $0.type) })
        #expect(types == [
            "i8": .tinyint, "i16": .smallint, "i32": .integer, "i64": .bigint, "u8": .smallint, "u16": .integer,
            "u32": .bigint, "u64": .decimal(precision: 20, scale: 0), "f16": .real, "f32": .real, "f64": .double,
            "dec": .decimal(precision: 20, scale: 1), "s": .varchar, "bin": .varbinary, "fixed": .varbinary, "d": .date,
            "t": .time, "ts": .timestamp, "u": .varchar, "nothing": .unknown, "b": .boolean,
        ])
        let values = try ParquetFixtures.readAll(file)
        #expect(values["u"] == [.varchar("00010203-0405-0607-0809-0a0b0c0d0e0f")])
        #expect(values["u64"] == [.decimal(Int128(UInt64.max))])
        #expect(values["f16"] == [.real(1.5)])
        #expect(values["fixed"] == [.varbinary([97, 98])])
        // Nested columns are named in the error.
        for name in ["list", "struct"] {
            #expect {
                try file.schema.readableColumn(named: name)
            } throws: { error in
                let error = error as! ParquetError
                return error.code == .unsupported && error.message.contains("'\(name)'") && error.message.contains("not supported yet")
            }
        }
        let listLeaf = try #require(file.schema.columns.first { $0.path.first == "list" })
        #expect { try file.readRowGroup(0, columns: [listLeaf.index]) } throws: { ($0 as? ParquetError)?.column == "list.list.element" }
    }

    @Test func dictionaryStringsStayDictionaryEncoded() throws {
        let folder = try TemporaryDirectory()
        try Python.run("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({'s': pa.array([['a', 'b', None][i % 3] for i in range(1000)])}), sys.argv[1])
            """, arguments: [folder.file("d.parquet")])
        let file = try ParquetFile.open(path: folder.file("d.parquet"))
        let batch = try #require(try file.readRowGroup(0, columns: [0]).next())
        guard case .dictionary(_, let dictionary) = batch.columns[0].storage else {
            Issue.record("expected dictionary storage, got \(batch.columns[0].storage)")
            return
        }
        #expect(dictionary.count == 2)
        #expect(batch.columns[0].nullCount == 333)
        #expect(batch.columns[0].value(at: 4) == .varchar("b"))
        var options = ParquetReadOptions()
        options.keepDictionaries = false
        let plain = try ParquetFile.open(path: folder.file("d.parquet"), options: options)
        let flat = try #require(try plain.readRowGroup(0, columns: [0]).next())
        guard case .variableWidth = flat.columns[0].storage else {
            Issue.record("expected plain storage")
            return
        }
        #expect(flat.columns[0].values == batch.columns[0].values)
    }

    @Test func pageIndexesAndBloomFilters() throws {
        let folder = try TemporaryDirectory()
        try Python.run("""
            import sys, pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({'n': pa.array(range(5000), pa.int64()), 's': pa.array([str(i % 10) for i in range(5000)])})
            pq.write_table(t, sys.argv[1], write_page_index=True, data_page_size=2048, bloom_filter_options={'n': {'ndv': 5000}})
            """, arguments: [folder.file("p.parquet")])
        let file = try ParquetFile.open(path: folder.file("p.parquet"))
        let offsets = try #require(try file.readOffsetIndex(rowGroup: 0, column: 0))
        let index = try #require(try file.readColumnIndex(rowGroup: 0, column: 0))
        #expect(offsets.pageLocations.count > 1)
        #expect(index.nullPages.count == offsets.pageLocations.count)
        #expect(index.boundaryOrder == .ascending)
        #expect(file.schema.columns[0].statisticValue(index.minValues[0]) == .integer(0))
        #expect(offsets.pageLocations[0].firstRowIndex == 0)
        // The offset index points at page headers the page reader finds too.
        let range = try file.chunkRange(rowGroup: 0, column: 0)
        let bytes = try file.store.read(file.key, range: range)
        var pages = PageReader(bytes: bytes, range: 0..<bytes.count, fileOffset: range.lowerBound)
        var dataPageOffsets: [Int64] = []
        while let page = try pages.next() {
            if page.header.type != .dictionaryPage { dataPageOffsets.append(Int64(page.offset)) }
        }
        #expect(dataPageOffsets == offsets.pageLocations.map(\.offset))

        let bloom = try #require(try file.readBloomFilterHeader(rowGroup: 0, column: 0))
        #expect(bloom.header.isStandard)
        #expect(bloom.bitset.count == Int(bloom.header.numBytes))
        #expect(try file.readBloomFilterHeader(rowGroup: 0, column: 1) == nil)
        #expect(try file.readColumnIndex(rowGroup: 0, column: 1) != nil)
    }

    @Test func statisticsAsEngineValues() throws {
        let folder = try TemporaryDirectory()
        try Python.run("""
            import sys, datetime, decimal, pyarrow as pa, pyarrow.parquet as pq
            t = pa.table({'ts': pa.array([datetime.datetime(2024, 1, 2, 3, 4, 5)], pa.timestamp('ms')),
                          'dec': pa.array([decimal.Decimal('-12.34')], pa.decimal128(10, 2)), 's': pa.array(['zé'])})
            pq.write_table(t, sys.argv[1])
            """, arguments: [folder.file("s.parquet")])
        let file = try ParquetFile.open(path: folder.file("s.parquet"))
        func minimum(_ column: Int) -> Value? {
            let statistics = file.metadata.rowGroups[0].columns[column].metaData!.statistics!
            return file.schema.columns[column].statisticValue(statistics.minValue!)
        }
        #expect(minimum(0) == .timestamp(Time.days(year: 2024, month: 1, day: 2) * Time.microsecondsPerDay + 11_045_000_000))
        #expect(minimum(1) == .decimal(-1234))
        #expect(minimum(2) == .varchar("zé"))
    }

    @Test func handWrittenLayouts() throws {
        let folder = try TemporaryDirectory()
        // Hadoop-framed LZ4, BIT_PACKED definition levels, PLAIN_DICTIONARY, BYTE_ARRAY decimals, INTERVAL,
        // INT96, a v1 page of booleans, in one file.
        var bitPacked = try TestPage.data(TestParquetWriter.plain([Int32(5), 6]), count: 3)
        bitPacked.header.dataPageHeader!.definitionLevelEncoding = .bitPacked
        bitPacked.stored = [0b1010_0000] + bitPacked.stored  // levels 1, 0, 1
        bitPacked.header.uncompressedPageSize += 1
        bitPacked.header.compressedPageSize += 1
        let julian: [UInt8] = withUnsafeBytes(of: Int64(1_500_000_000).littleEndian, Array.init)
            + withUnsafeBytes(of: Int32(2_440_589).littleEndian, Array.init)
        let interval: [UInt8] = [14, 0, 0, 0, 3, 0, 0, 0, 0xE8, 0x03, 0, 0]
        let columns = [
            TestColumn(
                element: SchemaElement(name: "lz4", type: .int64, repetition: .required), codec: .lz4,
                pages: [try .data(TestParquetWriter.plain([Int64(1), 2, 3]), count: 3, codec: .lz4)]),
            TestColumn(element: SchemaElement(name: "levels", type: .int32, repetition: .optional), pages: [bitPacked]),
            TestColumn(
                element: SchemaElement(name: "dict", type: .byteArray, repetition: .required, convertedType: .utf8),
                pages: [
                    try .dictionary(TestParquetWriter.plain(byteArrays: [Array("x".utf8), Array("yz".utf8)]), count: 2),
                    try .data(TestParquetWriter.dictionaryIndices([1, 0, 1], bitWidth: 1), count: 3, encoding: .plainDictionary),
                ]),
            TestColumn(
                element: SchemaElement(name: "dec", type: .byteArray, repetition: .required, convertedType: .decimal, scale: 2, precision: 30),
                pages: [try .data(TestParquetWriter.plain(byteArrays: [[0x04, 0xD2], [0xFF, 0x2E], [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01]]), count: 3)]),
            TestColumn(
                element: SchemaElement(name: "span", type: .fixedLenByteArray, typeLength: 12, repetition: .required, convertedType: .interval),
                pages: [try .data(interval + interval + interval, count: 3)]),
            TestColumn(
                element: SchemaElement(name: "legacy", type: .int96, repetition: .required),
                pages: [try .data(julian + julian + julian, count: 3)]),
            TestColumn(
                element: SchemaElement(name: "flag", type: .boolean, repetition: .required),
                pages: [try .data([0b0000_0101], count: 3)]),
        ]
        let file = try ParquetFile.open(bytes: TestParquetWriter.file(columns, rows: 3), in: folder.path)
        let values = try ParquetFixtures.readAll(file)
        #expect(values["lz4"] == [.integer(1), .integer(2), .integer(3)])
        #expect(values["levels"] == [.integer(5), .null, .integer(6)])
        #expect(values["dict"] == [.varchar("yz"), .varchar("x"), .varchar("yz")])
        #expect(values["dec"] == [.decimal(1234), .decimal(-210), .decimal(1)])
        #expect(values["span"] == Array(repeating: .interval(Interval(months: 14, days: 3, microseconds: 1_000_000)), count: 3))
        #expect(values["legacy"] == Array(repeating: .timestamp(Time.microsecondsPerDay + 1_500_000), count: 3))
        #expect(values["flag"] == [.boolean(true), .boolean(false), .boolean(true)])
    }
}
