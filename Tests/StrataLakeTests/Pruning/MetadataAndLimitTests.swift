import StrataCore
import StrataFormats
import Testing
@testable import StrataLake

/// COUNT/MIN/MAX answered from footers where exact, and LIMIT stopping the reading.
@Suite struct MetadataAndLimitTests {
    /// `m`: p=1...3, each file two row groups of 50 rows: `i` (NULL every 7th), `f` (a NaN in p=2), `s`.
    static func lake() throws -> PruningLake {
        let lake = try PruningLake()
        var options = ParquetWriterOptions()
        options.maxRowGroupRows = 50
        for p in 1...3 {
            try lake.write(
                "m/p=\(p)/part-0.parquet",
                [("i", .bigint, .series(100) { $0 % 7 == 3 ? .null : .integer(Int64(p * 1000 + $0)) }),
                 ("f", .double, .series(100) { p == 2 && $0 == 42 ? .double(.nan) : .double(Double(p) + Double($0) / 8) }),
                 ("s", .varchar, .series(100) { .varchar("p\(p)-\($0)") })],
                options: options)
        }
        return lake
    }

    @Test func countMinMaxFromFooters() throws {
        let lake = try Self.lake()
        let run = try lake.check("SELECT count(*), count(i), min(i), max(i), min(p), max(p), count(p) FROM m")
        #expect(run.rows == [["300", "258", "1000", "3099", "1", "3", "300"]])
        #expect(run.statistics.filesOpened == 3)
        #expect(run.statistics.filesScanned == 0)
        #expect(run.statistics.rowGroupsTotal == 6)
        #expect(run.statistics.rowGroupsScanned == 0)
        #expect(run.scan[.filesAnsweredFromMetadata] == 3)
        // On a local disk each footer is read exactly: its length and magic, then the footer itself.
        let footers = try (1...3).reduce(0) { total, p in
            total + (try ParquetFile.open(path: lake.path + "/m/p=\(p)/part-0.parquet").footerLength + 8)
        }
        #expect(run.statistics.bytesRead == footers)

        let pruned = try lake.check("SELECT count(*), max(i) FROM m WHERE p >= 2")
        #expect(pruned.rows == [["200", "3099"]])
        #expect(pruned.statistics.filesScanned == 0)
        #expect(pruned.statistics.filesOpened == 2)
    }

    @Test func whatFootersCannotSayIsScanned() throws {
        let lake = try Self.lake()
        // A float's maximum needs a NaN count of zero; a data filter needs the rows.
        let floats = try lake.check("SELECT count(*), min(f), max(f) FROM m")
        #expect(floats.rows == [["300", "1.0", "nan"]])
        #expect(floats.statistics.filesScanned == 3)
        let filtered = try lake.check("SELECT count(*), max(i) FROM m WHERE i > 2050")
        #expect(filtered.rows == [["128", "3099"]])
        #expect(filtered.scan[.filesAnsweredFromMetadata] == 0)
        var options = PruningOptions()
        options.metadata = false
        let off = try lake.check("SELECT count(*) FROM m", pruning: options)
        #expect(off.rows == [["300"]])
        #expect(off.statistics.filesScanned == 3)
    }

    @Test func limitStopsReading() throws {
        let lake = try PruningLake()
        for file in 0..<20 {
            try lake.write("many/part-\(file).parquet", [("v", .bigint, .series(100) { .integer(Int64(file * 100 + $0)) })])
        }
        let run = try lake.run("SET threads = 2; SELECT v FROM many LIMIT 5")
        #expect(run.rows.count == 5)
        #expect(run.statistics.filesOpened <= 3)
        let filtered = try lake.run("SET threads = 2; SELECT v FROM many WHERE v % 2 = 1 LIMIT 5")
        #expect(filtered.rows.count == 5)
        #expect(filtered.statistics.filesOpened <= 3)
        #expect(filtered.rows.allSatisfy { Int($0[0]!)! % 2 == 1 })
    }
}
