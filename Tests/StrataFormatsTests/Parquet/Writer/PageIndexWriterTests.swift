// The page index the writer puts after the row groups: read back with Strata's reader (every page's
// bounds, null counts, first rows and locations, boundary orders) and used by DataFusion to skip pages.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct PageIndexWriterTests {
    static let rows = 100_000
    static let schema = Schema([Field("x", .bigint), Field("key", .varchar), Field("noise", .integer), Field("sparse", .double)])

    /// `x` ascending, `key` ascending text, `noise` alternating between pages, `sparse` null except every 1000th row.
    static func batch(_ range: Range<Int>) -> Batch {
        var x = ColumnBuilder(type: .bigint, capacity: range.count)
        var key = ColumnBuilder(type: .varchar, capacity: range.count)
        var noise = ColumnBuilder(type: .integer, capacity: range.count)
        var sparse = ColumnBuilder(type: .double, capacity: range.count)
        for row in range {
            x.append(.integer(Int64(row) * 3))
            key.append(.varchar(String(format: "key-%06d", row)))
            noise.append(.integer(Int64((row / 1000) % 2 == 0 ? row % 100 : 500 + row % 100)))
            sparse.append(row % 1000 == 0 ? .double(Double(row)) : .null)
        }
        return Batch(columns: [x.finish(), key.finish(), noise.finish(), sparse.finish()], count: range.count)
    }

    static func write(to folder: TemporaryDirectory) throws -> String {
        var options = ParquetWriterOptions()
        options.maxPageRows = 1000
        options.maxRowGroupRows = 50_000
        let batches = stride(from: 0, to: rows, by: 10_000).map { batch($0..<($0 + 10_000)) }
        try WriterHarness.write(batches, schema: schema, to: folder, name: "indexed.parquet", options: options)
        return folder.file("indexed.parquet")
    }

    @Test func strataReadsEveryPageBack() throws {
        let folder = try TemporaryDirectory("parquet-writer-index")
        let file = try ParquetFile.open(path: try Self.write(to: folder))
        #expect(file.rowGroups.count == 2)
        for group in 0..<2 {
            let firstRow = group * 50_000
            for column in 0..<4 {
                let columnIndex = try #require(try file.readColumnIndex(rowGroup: group, column: column))
                let offsetIndex = try #require(try file.readOffsetIndex(rowGroup: group, column: column))
                #expect(columnIndex.nullPages.count == 50)
                #expect(offsetIndex.pageLocations.map(\.firstRowIndex) == (0..<50).map { Int64($0 * 1000) })
                // Each location holds a data page header whose page ends where the location says.
                let chunk = try file.chunkRange(rowGroup: group, column: column)
                let bytes = try file.store.read(file.key, range: chunk)
                for location in offsetIndex.pageLocations {
                    let start = Int(location.offset) - chunk.lowerBound
                    let (header, length) = try UnsafeBytes.with(bytes) { (raw) throws(ParquetError) in
                        try PageHeader.decode(UnsafeRawBufferPointer(rebasing: raw[start...]))
                    }
                    #expect(header.type == .dataPage)
                    #expect(header.dataPageHeader?.numValues == 1000)
                    #expect(length + Int(header.compressedPageSize) == Int(location.compressedPageSize))
                }
                switch column {
                case 0:
                    #expect(columnIndex.boundaryOrder == .ascending)
                    let minimums = columnIndex.minValues.map { $0.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) } }
                    let maximums = columnIndex.maxValues.map { $0.withUnsafeBytes { $0.loadUnaligned(as: Int64.self) } }
                    #expect(minimums == (0..<50).map { Int64(firstRow + $0 * 1000) * 3 })
                    #expect(maximums == (0..<50).map { Int64(firstRow + $0 * 1000 + 999) * 3 })
                    #expect(columnIndex.nullCounts == Array(repeating: 0, count: 50))
                case 1:
                    #expect(columnIndex.boundaryOrder == .ascending)
                    #expect(String(decoding: columnIndex.minValues[3], as: UTF8.self) == String(format: "key-%06d", firstRow + 3000))
                    #expect(String(decoding: columnIndex.maxValues[3], as: UTF8.self) == String(format: "key-%06d", firstRow + 3999))
                case 2:
                    #expect(columnIndex.boundaryOrder == .unordered)
                default:
                    #expect(columnIndex.nullPages == Array(repeating: false, count: 50))
                    #expect(columnIndex.nullCounts == Array(repeating: 999, count: 50))
                }
            }
        }
    }

    @Test func dataFusionSkipsPagesWithIt() throws {
        let folder = try TemporaryDirectory("parquet-writer-index")
        let path = try Self.write(to: folder)
        let script = """
            import re, sys, json
            from datafusion import SessionContext, SessionConfig
            config = (SessionConfig().with_target_partitions(1)
                .set("datafusion.execution.parquet.pushdown_filters", "true")
                .set("datafusion.execution.parquet.enable_page_index", "true"))
            ctx = SessionContext(config)
            ctx.register_parquet("t", sys.argv[1])
            out = {}
            for name, where in [("x", "x BETWEEN 61500 AND 61800"), ("key", "key = 'key-070550'")]:
                count = ctx.sql(f"SELECT count(*) FROM t WHERE {where}").collect()[0].column(0)[0].as_py()
                plan = ctx.sql(f"EXPLAIN ANALYZE SELECT count(*) FROM t WHERE {where}").collect()[0].column(1)[0].as_py()
                pages = re.search(r"page_index_pages_pruned=(\\d+) total → (\\d+) matched", plan)
                out[name] = [count, int(pages.group(1)), int(pages.group(2))] if pages else [count, 0, 0]
            print(json.dumps(out))
            """
        let output = try Python.run(script, arguments: [path])
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [Int]])
        // x = 3 * row: rows 20500...20600, all in one page of the first row group.
        #expect(seen["x"] == [101, 50, 1])
        #expect(seen["key"] == [1, 50, 1])
    }
}
