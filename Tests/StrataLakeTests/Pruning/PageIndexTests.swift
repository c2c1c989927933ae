import StrataCore
import StrataFormats
import Testing
@testable import StrataLake

/// Page pruning with the column index, fetching only the surviving pages by the offset index, and late
/// materialization (the other columns decoded only on pages holding rows that passed the filter).
@Suite struct PageIndexTests {
    /// One row group of 10,000 rows in pages of 1,000: `id` sorted, `v` scattered, `s` text.
    static func lake() throws -> PruningLake {
        let lake = try PruningLake()
        var options = ParquetWriterOptions()
        options.maxPageRows = 1000
        options.dictionary = .never
        try lake.write(
            "paged/part-0.parquet",
            [("id", .bigint, .series(10_000) { .integer(Int64($0)) }),
             ("v", .bigint, .series(10_000) { .integer(Int64($0 * 7919 % 10_007)) }),
             ("s", .varchar, .series(10_000) { .varchar("row \($0) " + String(repeating: "x", count: 20)) })],
            options: options)
        return lake
    }

    @Test func thePageIndexLeavesOnePage() throws {
        let lake = try Self.lake()
        let run = try lake.check("SELECT id, v, s FROM paged WHERE id = 4321")
        #expect(run.rows.count == 1)
        #expect(run.statistics.rowGroupsScanned == 1)
        #expect(run.statistics.pagesTotal == 30)
        // `id`'s page 4 for the filter, then `v`'s and `s`'s page 4 for the row that passed.
        #expect(run.statistics.pagesScanned == 3)
        #expect(run.statistics.rowsScanned == 1000)
        let full = try lake.run("SELECT id, v, s FROM paged WHERE id = 4321", pruning: .none)
        #expect(run.scan[.bytesRead] * 2 < full.scan[.bytesRead])
    }

    @Test func aRangeOfPages() throws {
        let lake = try Self.lake()
        let run = try lake.check("SELECT id, v, s FROM paged WHERE id BETWEEN 2500 AND 3499")
        #expect(run.rows.count == 1000)
        #expect(run.statistics.pagesScanned == 6)
        #expect(run.statistics.rowsScanned == 2000)
    }

    @Test func lateMaterializationDecodesOnlyPagesWithPassingRows() throws {
        let lake = try Self.lake()
        // `v` is scattered: its column index cannot help, every page of it is decoded; the one row that
        // passes (row 7777) needs page 7 of `id` and `s` only.
        let value = 7777 * 7919 % 10_007
        let run = try lake.check("SELECT id, v, s FROM paged WHERE v = \(value)")
        #expect(run.rows.map { $0[0] } == ["7777"])
        #expect(run.statistics.pagesScanned == 12)
        #expect(run.statistics.rowsScanned == 10_000)
        var options = PruningOptions()
        options.lateMaterialization = false
        let eager = try lake.check("SELECT id, v, s FROM paged WHERE v = \(value)", pruning: options)
        #expect(eager.statistics.pagesScanned == 30)
    }

    @Test func withoutThePageIndexPagesAreStillSkippedByTheirHeaders() throws {
        let lake = try Self.lake()
        var options = PruningOptions()
        options.pageIndex = false
        let run = try lake.check("SELECT id, v, s FROM paged WHERE id = 4321", pruning: options)
        // Every page of `id` is decoded; `v` and `s` are fetched whole but only their page 4 decoded.
        #expect(run.statistics.pagesScanned == 12)
        #expect(run.statistics.pagesTotal == 30)
        #expect(run.statistics.rowsScanned == 10_000)
        let none = try lake.run("SELECT id, v, s FROM paged WHERE id = 4321", pruning: .none)
        #expect(none.statistics.pagesScanned == 30)
    }

    @Test func pagesOfSeveralColumnsCombine() throws {
        let lake = try PruningLake()
        var options = ParquetWriterOptions()
        options.dictionary = .never
        options.maxPageRows = 1000
        options.pageSize = 100_000
        // `a` in pages of 1000 rows; `b`, a kilobyte per value, in pages of about 100. The stretches
        // between all page starts get the bounds of the page of each column they lie in.
        func padded(_ number: Int) -> String {
            let digits = String(number)
            return String(repeating: "0", count: 6 - digits.count) + digits + String(repeating: "x", count: 1000)
        }
        try lake.write(
            "combined/part-0.parquet",
            [("a", .bigint, .series(3000) { .integer(Int64($0)) }), ("b", .varchar, .series(3000) { .varchar(padded(3000 - $0)) })],
            options: options)
        let run = try lake.check("SELECT a FROM combined WHERE a >= 1500 AND b >= '001200'")
        #expect(run.rows.count == 301)
        // Rows 1000...1800 and the rest of `b`'s page holding row 1800: less than `a`'s page alone.
        #expect(run.statistics.rowsScanned > 800 && run.statistics.rowsScanned < 1000)
        let either = try lake.check("SELECT a FROM combined WHERE a < 100 OR b < '000100'")
        #expect(either.rows.count == 199)
        #expect(either.statistics.rowsScanned < 1200)
    }

    /// Five row groups of 2,000 rows without a page index or dictionaries, in the order `id`, `s` (50 bytes
    /// a row), `v` (scattered, so every row group's min/max holds any value asked for).
    static func unindexedLake() throws -> (PruningLake, ParquetFile) {
        let lake = try PruningLake()
        var options = ParquetWriterOptions()
        options.maxRowGroupRows = 2000
        options.dictionary = .never
        options.writePageIndex = false
        options.compression = .uncompressed
        try lake.write(
            "unindexed/part-0.parquet",
            [("id", .bigint, .series(10_000) { .integer(Int64($0)) }),
             ("s", .varchar, .series(10_000) { .varchar("row \($0) " + String(repeating: "x", count: 40)) }),
             ("v", .bigint, .series(10_000) { .integer(Int64($0 * 7919 % 10_007)) })],
            options: options)
        return (lake, try ParquetFile.open(path: lake.path + "/unindexed/part-0.parquet"))
    }

    @Test func withoutAnOffsetIndexTheOtherChunksAreFetchedOnlyWhereTheFilterPassedARow() throws {
        let (lake, parquet) = try Self.unindexedLake()
        // Row 7777 is in row group 3. `v` is read in every row group; `id` and `s` only in that one.
        let value = 7777 * 7919 % 10_007
        let run = try lake.check("SELECT id, s FROM unindexed WHERE v = \(value)")
        #expect(run.rows.map { $0[0] } == ["7777"])
        #expect(run.statistics.rowGroupsScanned == 5)
        func chunk(_ rowGroup: Int, _ leaf: Int) -> Int {
            Int(parquet.rowGroups[rowGroup].columns[leaf].metaData!.totalCompressedSize)
        }
        let footer = parquet.footerLength + 8
        let filterChunks = (0..<5).reduce(0) { $0 + chunk($1, 2) }
        #expect(run.statistics.bytesRead == footer + filterChunks + chunk(3, 0) + chunk(3, 1))
        #expect(chunk(0, 1) >= 32 << 10, "the late chunks must be worth a request of their own")
    }

    @Test func theFilterYieldDecidesWhetherToWaitForTheFilter() {
        let yield = FilterYield()
        #expect(yield.oftenEmpty, "before the filter ran, waiting for it is worth trying")
        for _ in 0..<FilterYield.warmUp { yield.record(passedRows: true) }
        #expect(!yield.oftenEmpty, "a filter that passed rows everywhere has the chunks fetched at once")
        yield.record(passedRows: false)
        #expect(!yield.oftenEmpty)
        for _ in 0..<2 { yield.record(passedRows: false) }
        #expect(yield.oftenEmpty, "three empty row groups in seven")
    }
}
