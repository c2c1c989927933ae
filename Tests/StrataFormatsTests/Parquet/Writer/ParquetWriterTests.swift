// The writer against Strata's own reader: every type round-trips exactly (nulls, extremes, NaN, long and
// non-ASCII strings) across pages, row groups and options; statistics, page index, dictionary input,
// declared sort order, memory bounds, and failures that must leave no object behind.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct ParquetWriterTests {
    @Test func everyTypeRoundTripsThroughStrataReader() throws {
        let folder = try TemporaryDirectory("parquet-writer")
        var options = ParquetWriterOptions()
        options.maxPageRows = 300
        options.maxRowGroupRows = 1500
        let batches = stride(from: 0, to: 4000, by: 1000).map { WriterSamples.batch(WriterSamples.fields, rows: $0..<($0 + 1000)) }
        let result = try WriterHarness.write(batches, schema: WriterSamples.schema, to: folder, name: "all.parquet", options: options)
        #expect(result.rowCount == 4000)
        #expect(result.rowGroupCount == 3)
        let actual = try WriterHarness.readBack(folder.file("all.parquet"), batchSize: 777)
        for field in WriterSamples.fields {
            let mismatch = WriterHarness.difference(actual[field.name] ?? [], WriterSamples.expected(field, count: 4000))
            #expect(mismatch == nil, "\(field.name): \(mismatch ?? "")")
        }
    }
}

extension ParquetWriterTests {
    /// A VARCHAR column built from strings (nil for NULL).
    static func strings(_ values: [String?]) -> Column {
        var builder = ColumnBuilder(type: .varchar, capacity: values.count)
        for value in values { builder.append(value.map(Value.varchar) ?? .null) }
        return builder.finish()
    }

    static func integers(_ values: [Int64?]) -> Column {
        var builder = ColumnBuilder(type: .bigint, capacity: values.count)
        for value in values { builder.append(value.map(Value.integer) ?? .null) }
        return builder.finish()
    }

    @Test func longStringStatisticsAreTruncatedAsBounds() throws {
        let folder = try TemporaryDirectory("parquet-writer-stats")
        let long = String(repeating: "é", count: 40)  // 80 bytes
        let values: [String?] = ["b" + String(repeating: "z", count: 100), long + "a", "a" + long, nil, "\u{10FFFF}" + String(repeating: "\u{10FFFF}", count: 20)]
        let bytes: [[UInt8]?] = [[0x01] + [UInt8](repeating: 0xFF, count: 70), [0x00, 0x01], nil]
        var binary = ColumnBuilder(type: .varbinary)
        for value in bytes { binary.append(value.map(Value.varbinary) ?? .null) }
        let schema = Schema([Field("s", .varchar), Field("bin", .varbinary), Field("empty", .varchar)])
        try WriterHarness.write(
            [Batch(columns: [Self.strings(values), binary.finish().gather([0, 1, 2, 0, 1]), Self.strings([nil, nil, nil, nil, nil])], count: 5)],
            schema: schema, to: folder, name: "stats.parquet")
        let file = try ParquetFile.open(path: folder.file("stats.parquet"))
        let chunks = file.rowGroups[0].columns.map { $0.metaData!.statistics! }
        // VARCHAR: min "a" + 31 × "é" + … cut at a code point boundary; max U+10FFFF… cannot be incremented, so the
        // last incrementable code point before the cut is: none, so the whole value stays (exact).
        let minimum = try #require(chunks[0].minValue)
        #expect(minimum.count <= 64 && chunks[0].isMinValueExact == false)
        #expect(String(validating: minimum, as: UTF8.self) != nil)
        #expect(Array(("a" + long).utf8).starts(with: minimum))
        #expect(chunks[0].maxValue == Array(values[4]!.utf8) && chunks[0].isMaxValueExact == true)
        // VARBINARY: max 01 FF FF … (71 bytes) cut to 64 bytes rounds up to 02.
        #expect(chunks[1].maxValue == [0x02] && chunks[1].isMaxValueExact == false)
        #expect(chunks[1].minValue == [0x00, 0x01] && chunks[1].isMinValueExact == true)
        #expect(chunks[1].min == nil && chunks[1].max == nil)
        // All NULL: a null count and no bounds; its page index marks every page null.
        #expect(chunks[2].nullCount == 5 && chunks[2].minValue == nil && chunks[2].maxValue == nil)
        let index = try #require(try file.readColumnIndex(rowGroup: 0, column: 2))
        #expect(index.nullPages == [true] && index.nullCounts == [5])
        // The readers agree.
        let seen = try #require(try WriterHarness.oracle([folder.file("stats.parquet")]).first?.value)
        let metadata = try #require(seen["duckdb_metadata"] as? [[String: Any]])
        #expect(metadata[0]["min_exact"] as? Bool == false && metadata[0]["max_exact"] as? Bool == true)
        #expect(metadata[1]["max_exact"] as? Bool == false)
        let groups = try #require(seen["row_groups"] as? [[String: Any]])
        let columns = try #require(groups[0]["columns"] as? [[String: Any]])
        #expect((columns[0]["min"] as? String).map { ("a" + long).hasPrefix($0) } == true)
        #expect(columns[2]["has_min_max"] as? Bool == false && columns[2]["null_count"] as? Int == 5)
    }

    @Test func truncationKeepsBoundsValid() {
        // Text: the minimum is a prefix on a code point boundary; the maximum a prefix whose last code point grew.
        let text = Array(("ab" + String(repeating: "ü", count: 10)).utf8)  // 22 bytes
        #expect(StatisticsTruncation.minimum(text, limit: 5, isUTF8: true).bytes == Array("abü".utf8) + [])
        #expect(StatisticsTruncation.maximum(text, limit: 5, isUTF8: true).bytes == Array("abý".utf8))
        #expect(StatisticsTruncation.maximum(text, limit: 3, isUTF8: true).bytes == Array("ac".utf8))
        // A code point below the surrogates steps over them.
        let beforeSurrogates = Array(("\u{D7FF}" + "xyz").utf8)
        #expect(StatisticsTruncation.maximum(beforeSurrogates, limit: 4, isUTF8: true).bytes == Array("\u{D7FF}y".utf8))
        #expect(StatisticsTruncation.maximum(Array("\u{D7FF}\u{D7FF}".utf8), limit: 4, isUTF8: true).bytes == Array("\u{E000}".utf8))
        // Bytes: trailing 0xFF roll over into the byte before.
        #expect(StatisticsTruncation.maximum([1, 0xFF, 0xFF, 7], limit: 3, isUTF8: false) == ([2], false))
        #expect(StatisticsTruncation.maximum([0xFF, 0xFF, 0xFF], limit: 2, isUTF8: false) == ([0xFF, 0xFF, 0xFF], true))
        #expect(StatisticsTruncation.minimum([1, 2, 3], limit: 8, isUTF8: false) == ([1, 2, 3], true))
        // Every bound still brackets the value.
        for value in [text, beforeSurrogates, Array("zzzzzz".utf8), Array("日本語テキスト".utf8)] {
            for limit in 1...8 {
                let low = StatisticsTruncation.minimum(value, limit: limit, isUTF8: true).bytes
                let high = StatisticsTruncation.maximum(value, limit: limit, isUTF8: true).bytes
                #expect(!value.lexicographicallyPrecedes(low))
                #expect(!high.lexicographicallyPrecedes(value))
            }
        }
    }

    @Test func dictionaryAndConstantInputsRoundTrip() throws {
        let folder = try TemporaryDirectory("parquet-writer-dictionary")
        let dictionary = Self.strings(["red", "green", "blue", "a much longer value that repeats"])
        // `untyped` gets bare NULL columns (type UNKNOWN), which fit any nullable column.
        let schema = Schema([
            Field("color", .varchar), Field("constant", .bigint), Field("nothing", .varchar), Field("n", .unknown), Field("untyped", .date),
        ])
        var expected: [String?] = []
        var batches: [Batch] = []
        for part in 0..<3 {
            let count = 5000
            let indices = Buffer((0..<count).map { Int32(($0 * 7 + part) % 4) })
            let validity = Bitmap(count: count, allSet: true)
            for row in stride(from: part, to: count, by: 13) { validity.clear(row) }
            let color = Column(type: .varchar, count: count, validity: validity, storage: .dictionary(indices: indices, dictionary: dictionary))
            batches.append(Batch(
                columns: [
                    color, .constant(.integer(42), .bigint, count: count), .nulls(.varchar, count: count), .nulls(.unknown, count: count),
                    .nulls(.unknown, count: count),
                ],
                count: count))
            expected += (0..<count).map { color.isNull($0) ? nil : ["red", "green", "blue", "a much longer value that repeats"][($0 * 7 + part) % 4] }
        }
        var options = ParquetWriterOptions()
        options.maxRowGroupRows = 6000
        try WriterHarness.write(batches, schema: schema, to: folder, name: "dictionary.parquet", options: options)
        let actual = try WriterHarness.readBack(folder.file("dictionary.parquet"))
        #expect(actual["color"] == expected)
        #expect(actual["constant"] == Array(repeating: "42", count: 15000))
        #expect(actual["nothing"] == Array(repeating: nil, count: 15000))
        #expect(actual["untyped"] == Array(repeating: nil, count: 15000))
        let file = try ParquetFile.open(path: folder.file("dictionary.parquet"))
        for group in file.rowGroups {
            let stats = try #require(group.columns[0].metaData?.encodingStats)
            #expect(stats.contains { $0.pageType == .dictionaryPage } && stats.filter { $0.pageType == .dataPage }.allSatisfy { $0.encoding == .rleDictionary })
            #expect(group.columns[0].metaData?.statistics?.minValue == Array("a much longer value that repeats".utf8))
            #expect(group.columns[0].metaData?.statistics?.maxValue == Array("red".utf8))
        }
        // A dictionary entry past the dictionary's end is an error, not a crash.
        let bad = Column(type: .varchar, count: 2, validity: nil, storage: .dictionary(indices: Buffer([Int32(0), 9]), dictionary: dictionary))
        let writer = try ParquetWriter(store: LocalObjectStore(root: folder.path), key: "bad.parquet", schema: Schema([Field("color", .varchar)]))
        #expect(throws: ParquetError.self) { try writer.write(Batch(columns: [bad], count: 2)) }
        #expect(!FileManager.default.fileExists(atPath: folder.file("bad.parquet")))
    }

    @Test func sortedByIsRecordedWhereRowsFollowIt() throws {
        let folder = try TemporaryDirectory("parquet-writer-sorted")
        let schema = Schema([Field("day", .date), Field("amount", .bigint), Field("name", .varchar)])
        func batch(_ rows: Range<Int>, shuffled: Bool) -> Batch {
            var day = ColumnBuilder(type: .date)
            var amount = ColumnBuilder(type: .bigint)
            var name = ColumnBuilder(type: .varchar)
            for row in rows {
                day.append(row % 500 == 0 ? .null : .date(Int32(row / 100)))
                // Within a day, amount descending; one misplaced row when shuffled.
                amount.append(.integer(shuffled && row == rows.lowerBound + 57 ? 1_000_000 : Int64(1000 - row % 100)))
                name.append(.varchar("n\(row)"))
            }
            return Batch(columns: [day.finish(), amount.finish(), name.finish()], count: rows.count)
        }
        var options = ParquetWriterOptions()
        options.sortedBy = [.init("day", nullsFirst: true), .init("amount", descending: true)]
        options.maxRowGroupRows = 500
        // Rows 0..<1000 sorted with nulls... only at each group's first row (row % 500 == 0), as nulls-first wants.
        try WriterHarness.write(
            [batch(0..<500, shuffled: false), batch(500..<1000, shuffled: false), batch(1000..<1500, shuffled: true)],
            schema: schema, to: folder, name: "sorted.parquet", options: options)
        let seen = try #require(try WriterHarness.oracle([folder.file("sorted.parquet")]).first?.value)
        let groups = try #require(seen["row_groups"] as? [[String: Any]])
        let sorting = groups.map { $0["sorting"] as? [[Any]] ?? [] }
        #expect(sorting.count == 3)
        #expect(sorting[0].map { "\($0)" } == ["[0, 0, 1]", "[1, 1, 0]"])
        #expect(sorting[1].count == 2)
        #expect(sorting[2].isEmpty)
    }
}

/// An object writer that fails on its `failAt`-th write, around a real one.
final class FailingObjectWriter: ObjectWriter {
    let inner: any ObjectWriter
    let failAt: Int
    private(set) var writes = 0
    private(set) var aborted = false

    init(_ inner: any ObjectWriter, failAt: Int) {
        self.inner = inner
        self.failAt = failAt
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(StorageError) {
        writes += 1
        if writes == failAt { throw StorageError(.io, "disk full", location: "test") }
        try inner.write(bytes)
    }

    func finish() throws(StorageError) { try inner.finish() }

    func abort() {
        aborted = true
        inner.abort()
    }
}

extension ParquetWriterTests {
    static func files(in folder: TemporaryDirectory) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
    }

    @Test func failedWritesLeaveNothingBehind() throws {
        let folder = try TemporaryDirectory("parquet-writer-failure")
        let store = LocalObjectStore(root: folder.path)
        // An INTERVAL column is refused before anything is created, with a way out.
        do {
            _ = try ParquetWriter(store: store, key: "interval.parquet", schema: Schema([Field("x", .bigint), Field("gap", .interval)]))
            Issue.record("an INTERVAL column was accepted")
        } catch {
            #expect(error.message.contains("cast it to VARCHAR") && error.column == "gap")
        }
        // Options naming missing columns or encodings that do not apply are refused the same way.
        var options = ParquetWriterOptions()
        options.columnEncodings = ["x": .deltaLengthByteArray]
        #expect(throws: ParquetError.self) { try ParquetWriter(store: store, key: "x.parquet", schema: Schema([Field("x", .bigint)]), options: options) }
        options = ParquetWriterOptions()
        options.bloomFilterColumns = ["missing"]
        #expect(throws: ParquetError.self) { try ParquetWriter(store: store, key: "x.parquet", schema: Schema([Field("x", .bigint)]), options: options) }
        // A storage error in the middle: the object writer is aborted and the temporary file removed.
        let schema = WriterSamples.schema
        var small = ParquetWriterOptions()
        small.maxRowGroupRows = 1000
        let failing = FailingObjectWriter(try store.makeWriter("broken.parquet"), failAt: 2)
        let writer = try ParquetWriter(output: failing, schema: schema, location: "broken.parquet", options: small)
        #expect(throws: ParquetError.self) {
            for start in stride(from: 0, to: 40_000, by: 1000) { try writer.write(WriterSamples.batch(schema.fields, rows: start..<(start + 1000))) }
        }
        #expect(failing.aborted && failing.writes == 2)
        #expect(throws: ParquetError.self) { try writer.close() }
        // A NULL in a NOT NULL column, a batch of the wrong type, an explicit abort, a writer dropped unclosed.
        let required = try ParquetWriter(store: store, key: "required.parquet", schema: Schema([Field("x", .bigint, isNullable: false)]))
        try required.write(Batch(columns: [Self.integers([1, 2])], count: 2))
        #expect(throws: ParquetError.self) { try required.write(Batch(columns: [Self.integers([1, nil])], count: 2)) }
        let mistyped = try ParquetWriter(store: store, key: "mistyped.parquet", schema: Schema([Field("x", .bigint)]))
        #expect(throws: ParquetError.self) { try mistyped.write(Batch(columns: [Self.strings(["a"])], count: 1)) }
        let aborted = try ParquetWriter(store: store, key: "aborted.parquet", schema: Schema([Field("x", .bigint)]))
        try aborted.write(Batch(columns: [Self.integers([1])], count: 1))
        aborted.abort()
        #expect(throws: ParquetError.self) { try aborted.close() }
        do {
            let dropped = try ParquetWriter(store: store, key: "dropped.parquet", schema: Schema([Field("x", .bigint)]))
            try dropped.write(Batch(columns: [Self.integers([1])], count: 1))
        }
        #expect(try Self.files(in: folder) == [])
        // And a good write publishes exactly one file.
        let good = try ParquetWriter(store: store, key: "good.parquet", schema: Schema([Field("x", .bigint)]))
        try good.write(Batch(columns: [Self.integers([1])], count: 1))
        let result = try good.close()
        #expect(try Self.files(in: folder) == ["good.parquet"])
        #expect(result.fileSize == (try FileManager.default.attributesOfItem(atPath: folder.file("good.parquet"))[.size] as? Int))
        #expect(throws: ParquetError.self) { try good.close() }
    }

    @Test func bufferedMemoryStaysNearOneRowGroup() throws {
        let folder = try TemporaryDirectory("parquet-writer-memory")
        var options = ParquetWriterOptions()
        options.rowGroupSize = 1 << 20
        let schema = WriterSamples.schema
        let writer = try ParquetWriter(store: LocalObjectStore(root: folder.path), key: "memory.parquet", schema: schema, options: options)
        var largest = 0
        for start in stride(from: 0, to: 120_000, by: 5000) {
            try writer.write(WriterSamples.batch(schema.fields, rows: start..<(start + 5000)))
            largest = Swift.max(largest, writer.bufferedBytes)
        }
        #expect(largest < 3 << 20)
        #expect(writer.bytesWritten > 2 << 20)
        try writer.flushRowGroup()
        #expect(writer.bufferedBytes < 64 << 10)
        let result = try writer.close()
        #expect(result.rowGroupCount >= 3)
        #expect(result.rowCount == 120_000)
    }
}
