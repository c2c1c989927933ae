import StrataCore
import StrataFormats
import Testing
@testable import StrataLake

/// Row groups skipped by min/max/null count with exact semantics, checked by exact row group counts and
/// by the same result with pruning off.
@Suite struct StatisticsPruningTests {
    /// Four row groups of 100 rows per file, each type's values rising from one row group to the next,
    /// written by pyarrow.
    static let pyarrowFixtures = """
        import sys, datetime, decimal
        import pyarrow as pa, pyarrow.parquet as pq
        root = sys.argv[1]
        def write(path, table, **options):
            import os
            os.makedirs(os.path.dirname(path), exist_ok=True)
            pq.write_table(table, path, row_group_size=100, **options)
        n = 400
        write(f"{root}/uints/part-0.parquet", pa.table({
            "u": pa.array([2147483548 + i for i in range(n)], pa.uint32()),
            "id": pa.array(range(n), pa.int64())}))
        prefixes = ["apple", "banana", "cherry", "ñandú"]
        write(f"{root}/strings/part-0.parquet", pa.table({
            "s": pa.array([f"{prefixes[i // 100]}-{i % 100:03d}" for i in range(n)])}))
        write(f"{root}/decimals/part-0.parquet", pa.table({
            "d": pa.array([decimal.Decimal(i) / 10 for i in range(n)], pa.decimal128(10, 2))}))
        start = datetime.datetime(2024, 1, 1)
        stamps = [start + datetime.timedelta(minutes=3.6 * i) for i in range(n)]
        for unit in ["ms", "us", "ns"]:
            write(f"{root}/stamps/{unit}.parquet", pa.table({"t": pa.array(stamps, pa.timestamp(unit))}))
        write(f"{root}/int96/part-0.parquet", pa.table({"t": pa.array(stamps, pa.timestamp("us"))}),
              use_deprecated_int96_timestamps=True)
        nan = float("nan")
        floats = [float(i) for i in range(100)] + [nan if i % 3 == 0 else float(i) for i in range(100, 200)] \\
            + [nan] * 100 + [float(i) for i in range(300, 400)]
        write(f"{root}/floats/part-0.parquet", pa.table({"x": pa.array(floats, pa.float64())}))
        write(f"{root}/nulls/part-0.parquet", pa.table({
            "k": pa.array([None if i < 100 or 300 <= i else i for i in range(n)], pa.int64())}))
        """

    static func lake() throws -> PruningLake {
        let lake = try PruningLake()
        try lake.python(pyarrowFixtures)
        return lake
    }

    /// Runs `sql` (pruned and not) and returns how many of the table's row groups were scanned.
    func scanned(_ lake: PruningLake, _ sql: String, rows: Int? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Int {
        let run = try lake.check(sql, sourceLocation: sourceLocation)
        if let rows { #expect(run.rows.count == rows, "\(sql)", sourceLocation: sourceLocation) }
        return run.statistics.rowGroupsScanned
    }

    @Test func unsignedIntegersCompareUnsigned() throws {
        let lake = try Self.lake()
        // 2147483648 (2^31) is the first value of the second row group: signed, it would be negative.
        #expect(try scanned(lake, "SELECT id FROM uints WHERE u >= 2147483748", rows: 200) == 2)
        #expect(try scanned(lake, "SELECT id FROM uints WHERE u = 2147483648", rows: 1) == 1)
        #expect(try scanned(lake, "SELECT id FROM uints WHERE u < 2147483548", rows: 0) == 0)
        #expect(try scanned(lake, "SELECT id FROM uints WHERE id BETWEEN 150 AND 250", rows: 101) == 2)
    }

    @Test func stringsCompareAsBytes() throws {
        let lake = try Self.lake()
        #expect(try scanned(lake, "SELECT s FROM strings WHERE s >= 'n'", rows: 100) == 1)
        #expect(try scanned(lake, "SELECT s FROM strings WHERE s = 'banana-050'", rows: 1) == 1)
        #expect(try scanned(lake, "SELECT s FROM strings WHERE s LIKE 'che%'", rows: 100) == 1)
        #expect(try scanned(lake, "SELECT s FROM strings WHERE s IN ('apple-001', 'ñandú-099')", rows: 2) == 2)
        #expect(try scanned(lake, "SELECT s FROM strings WHERE NOT (s < 'cherry')", rows: 200) == 2)
        #expect(try scanned(lake, "SELECT s FROM strings WHERE s LIKE '%-050'", rows: 4) == 4)
    }

    @Test func decimalsAndTimestampsOfEveryUnit() throws {
        let lake = try Self.lake()
        #expect(try scanned(lake, "SELECT d FROM decimals WHERE d > 30.55", rows: 94) == 1)
        #expect(try scanned(lake, "SELECT d FROM decimals WHERE d = 12.30", rows: 1) == 1)
        // Each of the three files (milliseconds, microseconds, nanoseconds) has 4 row groups of 6 hours.
        #expect(try scanned(lake, "SELECT t FROM stamps WHERE t >= TIMESTAMP '2024-01-01 18:00:00'", rows: 300) == 3)
        #expect(try scanned(lake, "SELECT t FROM stamps WHERE t < TIMESTAMP '2024-01-01 00:03:36'", rows: 3) == 3)
        #expect(try scanned(lake, "SELECT t FROM stamps WHERE CAST(t AS DATE) = DATE '2024-01-02'", rows: 0) == 0)
    }

    @Test func int96HasNoOrderToTrust() throws {
        let lake = try Self.lake()
        #expect(try scanned(lake, "SELECT t FROM int96 WHERE t >= TIMESTAMP '2024-01-01 18:00:00'", rows: 100) == 4)
    }

    @Test func nanIsOutsideEveryBound() throws {
        let lake = try Self.lake()
        // Row group 2 holds only NaN: no bounds, so it stays; NaN > 250 is false on every row.
        #expect(try scanned(lake, "SELECT x FROM floats WHERE x > 250", rows: 100) == 2)
        // The all-NaN row group passes its (absent) bounds, but its dictionary holds no 151.
        #expect(try scanned(lake, "SELECT x FROM floats WHERE x = 151", rows: 1) == 1)
        // NaN is unequal to everything, and statistics never count it: nothing can be skipped.
        #expect(try scanned(lake, "SELECT x FROM floats WHERE x <> 5", rows: 399) == 4)
        #expect(try scanned(lake, "SELECT x FROM floats WHERE x NOT IN (5, 6)", rows: 398) == 4)
    }

    @Test func nullCounts() throws {
        let lake = try Self.lake()
        #expect(try scanned(lake, "SELECT k FROM nulls WHERE k IS NULL", rows: 200) == 2)
        #expect(try scanned(lake, "SELECT k FROM nulls WHERE k IS NOT NULL", rows: 200) == 2)
        #expect(try scanned(lake, "SELECT k FROM nulls WHERE k > 0", rows: 200) == 2)
        #expect(try scanned(lake, "SELECT k FROM nulls WHERE k IS NULL OR k = 150", rows: 201) == 3)
    }

    /// A table of four row groups of 100 rows by Strata's writer: `n` 0...399, `s` four words.
    static func written(_ lake: PruningLake, _ key: String, truncate: Int? = nil) throws {
        var options = ParquetWriterOptions()
        options.maxRowGroupRows = 100
        options.statisticsTruncateLength = truncate
        let words = ["apple", "banana", "cherry", "damson"]
        try lake.write(
            key,
            [("n", .bigint, .series(400) { .integer(Int64($0)) }),
             ("s", .varchar, .series(400) { .varchar("\(words[$0 / 100])-\($0 % 100)") })],
            options: options)
    }

    @Test func truncatedStringStatisticsAreStillBounds() throws {
        let lake = try PruningLake()
        try Self.written(lake, "t/part-0.parquet", truncate: 3)
        #expect(try scanned(lake, "SELECT n FROM t WHERE s = 'banana-7'", rows: 1) == 1)
        #expect(try scanned(lake, "SELECT n FROM t WHERE s > 'cherry-99'", rows: 100) == 2)
        // Cut bounds are not values: MIN and MAX must read the column.
        let run = try lake.check("SELECT min(s), max(s), min(n) FROM t")
        #expect(run.rows == [["apple-0", "damson-99", "0"]])
        #expect(run.statistics.filesScanned == 1)
    }

    @Test func deprecatedMinMaxOnlyWhereTheirOrderIsRight() throws {
        let lake = try PruningLake()
        try Self.written(lake, "old/part-0.parquet")
        // Rewrite the footer as an old writer would have: only the signed `min`/`max`, no column orders.
        let file = try ParquetFile.open(store: lake.store, key: "old/part-0.parquet")
        var metadata = file.metadata
        metadata.columnOrders = nil
        for group in metadata.rowGroups.indices {
            for column in metadata.rowGroups[group].columns.indices {
                guard var statistics = metadata.rowGroups[group].columns[column].metaData?.statistics else { continue }
                statistics.min = statistics.minValue
                statistics.max = statistics.maxValue
                statistics.minValue = nil
                statistics.maxValue = nil
                metadata.rowGroups[group].columns[column].metaData?.statistics = statistics
                metadata.rowGroups[group].columns[column].columnIndexOffset = nil
                metadata.rowGroups[group].columns[column].columnIndexLength = nil
            }
        }
        let bytes = try lake.store.read("old/part-0.parquet", range: 0..<file.footerStart)
        let footer = metadata.encoded()
        let length = UInt32(footer.count)
        try lake.store.write(
            "old/part-0.parquet",
            bytes: bytes + footer + [UInt8(length & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length >> 16 & 0xFF), UInt8(length >> 24)]
                + Array("PAR1".utf8))
        // Signed integers: the old order is the right one.
        #expect(try scanned(lake, "SELECT n FROM old WHERE n >= 300", rows: 100) == 1)
        // Strings: old writers compared signed bytes; those bounds are ignored.
        #expect(try scanned(lake, "SELECT n FROM old WHERE s >= 'd'", rows: 100) == 4)
    }

    @Test func widenedColumnsAndMissingColumns() throws {
        let lake = try PruningLake()
        var options = ParquetWriterOptions()
        options.maxRowGroupRows = 50
        // An INTEGER file and a BIGINT file: the table's column is BIGINT. The second file lacks `extra`.
        try lake.write(
            "mixed/a.parquet",
            [("n", .integer, .series(100) { .integer(Int64($0)) }), ("extra", .varchar, .series(100) { .varchar("x\($0)") })],
            options: options)
        try lake.write("mixed/b.parquet", [("n", .bigint, .series(100) { .integer(Int64(1000 + $0)) })], options: options)
        #expect(try scanned(lake, "SELECT n FROM mixed WHERE n >= 1070", rows: 30) == 1)
        #expect(try scanned(lake, "SELECT n FROM mixed WHERE n = 20", rows: 1) == 1)
        // A file lacking a column has it all NULL: `extra = ...` cannot hold there.
        #expect(try scanned(lake, "SELECT n FROM mixed WHERE extra = 'x5'", rows: 1) == 1)
        #expect(try scanned(lake, "SELECT n FROM mixed WHERE extra IS NULL", rows: 100) == 2)
    }

    @Test func statisticsOffScansEveryRowGroup() throws {
        let lake = try PruningLake()
        try Self.written(lake, "t/part-0.parquet")
        var options = PruningOptions()
        options.statistics = false
        options.pageIndex = false
        let run = try lake.check("SELECT n FROM t WHERE n >= 300", pruning: options)
        #expect(run.statistics.rowGroupsScanned == 4)
        #expect(run.scan[.rowGroupsPrunedByStatistics] == 0)
        let pruned = try lake.check("SELECT n FROM t WHERE n >= 300")
        #expect(pruned.statistics.rowGroupsScanned == 1)
        #expect(pruned.scan[.rowGroupsPrunedByStatistics] == 3)
    }
}
