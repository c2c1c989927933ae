// Bloom filters: xxHash64 against published vectors, filters Strata writes probed by DuckDB and by Strata's
// own SplitBlockBloomFilter, and filters DuckDB writes probed by Strata (the same hash and block layout).
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataFormats

@Suite struct BloomFilterWriterTests {
    @Test func xxHash64MatchesPublishedValues() {
        #expect(XXHash64.hash(Array("".utf8)) == 0xEF46_DB37_51D8_E999)
        #expect(XXHash64.hash(Array("a".utf8)) == 0xD24E_C4F1_A98C_6E5B)
        #expect(XXHash64.hash(Array("abc".utf8)) == 0x44BC_2CF5_AD77_0999)
        #expect(XXHash64.hash(Array("Nobody inspects the spammish repetition".utf8)) == 0xFBCE_A83C_8A37_8BF1)
        // The fixed-width shortcuts hash the same little-endian bytes.
        for value: UInt64 in [0, 1, 0xDEAD_BEEF_0123_4567, .max] {
            #expect(XXHash64.hash(value) == withUnsafeBytes(of: value.littleEndian) { XXHash64.hash($0) })
            let narrow = UInt32(truncatingIfNeeded: value)
            #expect(XXHash64.hash(narrow) == withUnsafeBytes(of: narrow.littleEndian) { XXHash64.hash($0) })
        }
    }

    @Test func filterHoldsWhatWasInsertedAndSizesBySpec() throws {
        var filter = SplitBlockBloomFilter(byteCount: SplitBlockBloomFilter.optimalByteCount(distinctValues: 1000, falsePositiveRate: 0.01))
        #expect(filter.byteCount == 2048)
        for value in 0..<1000 { filter.insert(hash: XXHash64.hash(UInt64(value))) }
        #expect((0..<1000).allSatisfy { filter.mightContain(hash: XXHash64.hash(UInt64($0))) })
        let falsePositives = (1000..<11000).filter { filter.mightContain(hash: XXHash64.hash(UInt64($0))) }.count
        #expect(falsePositives < 300)
        let copy = try SplitBlockBloomFilter(bitset: filter.bitset)
        #expect(copy == filter)
        #expect(throws: ParquetError.self) { try SplitBlockBloomFilter(bitset: [1, 2, 3]) }
        #expect(SplitBlockBloomFilter.optimalByteCount(distinctValues: 10_000_000, falsePositiveRate: 0.01, maximumBytes: 1 << 20) == 1 << 20)
    }

    static let fields = [Field("id", .bigint), Field("name", .varchar), Field("day", .date), Field("price", .decimal(precision: 9, scale: 2)),
                         Field("big", .decimal(precision: 30, scale: 0)), Field("ratio", .double)]

    static func write(to folder: TemporaryDirectory) throws -> String {
        var id = ColumnBuilder(type: .bigint)
        var name = ColumnBuilder(type: .varchar)
        var day = ColumnBuilder(type: .date)
        var price = ColumnBuilder(type: .decimal(precision: 9, scale: 2))
        var big = ColumnBuilder(type: .decimal(precision: 30, scale: 0))
        var ratio = ColumnBuilder(type: .double)
        for row in 0..<6000 {
            id.append(.integer(Int64(row) * 2))
            name.append(row % 10 == 0 ? .null : .varchar("name-\(row % 1500)"))
            day.append(.date(Int32(row % 400)))
            price.append(.decimal(Int128(row) * 2))
            big.append(.decimal(Int128(row) * 1_000_000_000_000_000_000_000 * 2))
            ratio.append(.double(Double(row) * 2))
        }
        let batch = Batch(columns: [id.finish(), name.finish(), day.finish(), price.finish(), big.finish(), ratio.finish()], count: 6000)
        var options = ParquetWriterOptions()
        options.bloomFilterColumns = Set(fields.map(\.name))
        options.maxRowGroupRows = 3000
        try WriterHarness.write([batch], schema: Schema(fields), to: folder, name: "bloom.parquet", options: options)
        return folder.file("bloom.parquet")
    }

    @Test func duckDBProbesStrataFilters() throws {
        let folder = try TemporaryDirectory("parquet-writer-bloom")
        let path = try Self.write(to: folder)
        // Each probe: column, a literal, and whether the value is in row group 0, row group 1.
        let script = """
            import duckdb, json, sys
            con = duckdb.connect()
            probes = [("id", "'100'"), ("id", "'101'"), ("id", "'9000'"), ("name", "'name-7'"), ("name", "'name-1499'"),
                      ("name", "'nobody'"), ("day", "DATE '1970-01-05'"), ("day", "DATE '1971-06-01'"),
                      ("price", "1.00::DECIMAL(9,2)"), ("price", "1.01::DECIMAL(9,2)"),
                      ("big", "'2000000000000000000000000'::DECIMAL(30,0)"), ("big", "'3000000000000000000000000'::DECIMAL(30,0)"),
                      ("ratio", "10.0::DOUBLE"), ("ratio", "11.0::DOUBLE")]
            out = []
            for column, literal in probes:
                rows = con.execute(f"SELECT row_group_id, bloom_filter_excludes FROM parquet_bloom_probe('{sys.argv[1]}', '{column}', {literal}) ORDER BY 1").fetchall()
                out.append([r[1] for r in rows])
            misses = sum(con.execute(f"SELECT count(*) FROM parquet_bloom_probe('{sys.argv[1]}', 'id', {100001 + 2 * i}::BIGINT) WHERE bloom_filter_excludes").fetchone()[0]
                         for i in range(200))
            print(json.dumps({"probes": out, "misses": misses}))
            """
        let output = try Python.run(script, arguments: [path])
        let seen = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
        let probes = try #require(seen["probes"] as? [[Bool]])
        // excludes = true when the value is certainly absent from the row group.
        let expected: [[Bool]] = [
            [false, true], [true, true], [true, false], [false, false], [false, false], [true, true], [false, false], [true, true],
            // DuckDB neither writes nor probes filters of FIXED_LEN_BYTE_ARRAY decimals: it never excludes them.
            [false, true], [true, true], [false, false], [false, false], [false, true], [true, true],
        ]
        #expect(probes == expected)
        // 400 probes of absent ids over two row groups: the 1% false-positive rate lets a few through.
        #expect(try #require(seen["misses"] as? Int) > 380)
    }

    @Test func strataProbesItsOwnFilters() throws {
        let folder = try TemporaryDirectory("parquet-writer-bloom")
        let file = try ParquetFile.open(path: try Self.write(to: folder))
        for group in 0..<2 {
            let (header, range) = try #require(try file.readBloomFilterHeader(rowGroup: group, column: 0))
            #expect(header.isStandard)
            let filter = try SplitBlockBloomFilter(bitset: try file.store.read(file.key, range: range))
            let present = (group * 3000..<(group * 3000 + 3000)).map { UInt64($0 * 2) }
            #expect(present.allSatisfy { filter.mightContain(hash: XXHash64.hash($0)) })
            let absent = present.filter { !filter.mightContain(hash: XXHash64.hash($0 + 1)) }.count
            #expect(absent > 2900)
            // The wide decimal: its 13 big-endian bytes are what is hashed.
            let (_, wide) = try #require(try file.readBloomFilterHeader(rowGroup: group, column: 4))
            let decimals = try SplitBlockBloomFilter(bitset: try file.store.read(file.key, range: wide))
            func hash(_ value: Int128) -> UInt64 { Int128(value).bloomHash(typeLength: 13) }
            let unit: Int128 = 1_000_000_000_000_000_000_000
            #expect(present.allSatisfy { decimals.mightContain(hash: hash(Int128($0) * unit)) })
            #expect(present.filter { !decimals.mightContain(hash: hash(Int128($0 + 1) * unit)) }.count > 2900)
        }
    }

    @Test func strataProbesDuckDBFilters() throws {
        let folder = try TemporaryDirectory("parquet-writer-bloom")
        let path = folder.file("duck.parquet")
        try Python.run("""
            import duckdb, sys
            duckdb.sql(f"COPY (SELECT 'v' || (i % 500) AS s, (i % 300)::BIGINT AS k FROM range(10000) t(i)) TO '{sys.argv[1]}' (FORMAT parquet)")
            """, arguments: [path])
        let file = try ParquetFile.open(path: path)
        let (_, range) = try #require(try file.readBloomFilterHeader(rowGroup: 0, column: 0))
        let filter = try SplitBlockBloomFilter(bitset: try file.store.read(file.key, range: range))
        #expect((0..<500).allSatisfy { filter.mightContain(hash: XXHash64.hash(Array("v\($0)".utf8))) })
        #expect((500..<1000).filter { filter.mightContain(hash: XXHash64.hash(Array("v\($0)".utf8))) }.count < 25)
        if let (_, integers) = try file.readBloomFilterHeader(rowGroup: 0, column: 1) {
            let filter = try SplitBlockBloomFilter(bitset: try file.store.read(file.key, range: integers))
            #expect((0..<300).allSatisfy { filter.mightContain(hash: XXHash64.hash(UInt64($0))) })
        }
    }
}
