// `strata compact`: the rows are the same before and after (DuckDB reads the compacted files and agrees
// with itself on the originals, and with Strata), small files become files near the target, each
// partition is replaced whole, and what cannot be compacted faithfully is refused.
import Foundation
import StrataCore
import StrataFormats
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

struct CompactorTests {
    static let days = ["2024-01-01", "2024-01-02", "2024-01-03"]

    /// 30 tiny files a day; the second day's without statistics, the third's with an extra column.
    static func messyLake() throws -> WriteTestLake {
        let lake = try WriteTestLake("strata-compact")
        var files = OperationsFixture.daily("silver/events", days: days, filesPerDay: 30, rows: 20)
        for index in files.indices {
            if files[index].path.contains("2024-01-02") { files[index].statistics = false }
            if files[index].path.contains("2024-01-03") { files[index].columns.append("channel:string") }
        }
        try OperationsFixture.write(files, under: lake.path)
        return lake
    }

    static let queries = [
        "SELECT event_date, id, amount, label, channel FROM t",
        "SELECT event_date, count(*), sum(amount), count(label), count(channel) FROM t GROUP BY event_date",
        "SELECT label, min(id), max(id) FROM t WHERE amount > 50 GROUP BY label",
    ]

    @Test func smallFilesBecomeOneFilePerPartitionWithTheSameRows() throws {
        let lake = try Self.messyLake()
        let original = try TemporaryDirectory("strata-compact-original")
        try FileManager.default.copyItem(atPath: lake.path + "/silver", toPath: original.path + "/silver")
        let before = try Self.queries.map { try lake.sortedRows($0.replacingOccurrences(of: "FROM t", with: "FROM silver.events")) }

        let result = try Compactor(session: try lake.session()).compact("silver.events")
        #expect(result.partitions.map(\.path) == Self.days.map { "event_date=\($0)" })
        #expect(result.partitions.map(\.filesBefore) == [30, 30, 30])
        #expect(result.partitions.map(\.filesAfter) == [1, 1, 1])
        #expect(result.partitions.map(\.rows) == [600, 600, 600])
        #expect(result.partitions[1].reasons.contains("no statistics"))
        #expect(result.partitions[0].reasons.contains("old schema"))
        let compacted = try lake.parquetFiles("silver/events/")
        #expect(compacted.count == 3)

        // Strata before = Strata after = DuckDB on the compacted files = DuckDB on the originals.
        for (query, strataBefore) in zip(Self.queries, before) {
            let after = try lake.sortedRows(query.replacingOccurrences(of: "FROM t", with: "FROM silver.events"))
            #expect(after == strataBefore, "\(query)")
            let duckdbCompacted = try OperationsFixture.duckdbRows(lake.path + "/silver/events/*/*.parquet", query)
            #expect(duckdbCompacted == after, "\(query)")
            #expect(try OperationsFixture.duckdbRows(original.path + "/silver/events/*/*.parquet", query) == duckdbCompacted, "\(query)")
        }

        // The new files carry statistics and a page index, and the table's columns.
        for key in compacted {
            let file = try ParquetFile.open(store: lake.store, key: key, size: try lake.store.head(key).size)
            let chunks = file.metadata.rowGroups.flatMap(\.columns)
            #expect(chunks.allSatisfy { $0.metaData?.statistics != nil && $0.columnIndexOffset != nil })
            #expect(file.schema.engineSchema.fields.map(\.name) == ["id", "amount", "label", "channel"])
        }
        // The record is current, and a second run finds nothing to do.
        #expect(try TableInventory.load("silver.events", store: lake.store)?.files.count == 3)
        let again = try Compactor(session: try lake.session()).compact("silver.events")
        #expect(again.partitions.isEmpty)
        #expect(again.partitionsUntouched == 3)
    }

    @Test func filesAreCutNearTheTargetSize() throws {
        let lake = try WriteTestLake("strata-compact-target")
        try OperationsFixture.write(
            (0..<12).map { FixtureFile(path: "silver/readings/part-\($0).parquet", rows: 5000, start: $0 * 5000, columns: ["id:int64", "amount:random"]) },
            under: lake.path)
        let total = try lake.run("SELECT count(*), sum(id), round(sum(amount), 3) FROM silver.readings")
        var compactor = Compactor(session: try lake.session())
        compactor.targetFileSize = 200_000
        let result = try compactor.compact("silver.readings")
        #expect(result.partitions.map(\.path) == [""])
        let sizes = try lake.store.list(prefix: "silver/readings/", delimiter: "/").objects.map(\.size)
        #expect(sizes.count > 1 && sizes.count < 12)
        #expect(sizes.allSatisfy { $0 < 400_000 }, "\(sizes)")
        #expect(try lake.run("SELECT count(*), sum(id), round(sum(amount), 3) FROM silver.readings") == total)
    }

    @Test func wherePicksPartitionsAndSortByOrdersTheirRows() throws {
        let lake = try Self.messyLake()
        var compactor = Compactor(session: try lake.session())
        compactor.predicate = "event_date >= DATE '2024-01-02' AND event_date < DATE '2024-01-03'"
        compactor.sortBy = ["id DESC"]
        compactor.dryRun = true
        let plan = try compactor.compact("silver.events")
        #expect(plan.partitions.map(\.path) == ["event_date=2024-01-02"])
        #expect(try lake.parquetFiles("silver/events/").count == 90)
        #expect(try lake.files(TableInventory.folder).isEmpty)

        compactor.dryRun = false
        _ = try compactor.compact("silver.events")
        let second = try lake.parquetFiles("silver/events/event_date=2024-01-02/")
        #expect(second.count == 1)
        #expect(try lake.parquetFiles("silver/events/event_date=2024-01-01/").count == 30)
        let ids = try lake.run("SELECT id FROM read_parquet('\(lake.path)/\(second[0])')").map { $0[0] }
        #expect(ids == (600..<1200).reversed().map { Value.integer(Int64($0)) })
        let file = try ParquetFile.open(store: lake.store, key: second[0], size: try lake.store.head(second[0]).size)
        #expect(file.metadata.rowGroups.allSatisfy { $0.sortingColumns?.first?.descending == true })
    }

    @Test func whatCannotBeCompactedFaithfullyIsRefused() throws {
        let lake = try Self.messyLake()
        var compactor = Compactor(session: try lake.session())
        compactor.predicate = "label = 'x'"
        #expect { try compactor.compact("silver.events") } throws: { "\($0)".contains("it may name only the partition keys of silver.events: event_date") }
        compactor.predicate = nil
        compactor.sortBy = ["nope"]
        #expect { try compactor.compact("silver.events") } throws: { "\($0)".contains("--sort-by: no data column nope") }
        compactor.sortBy = []
        #expect { try compactor.compact("silver/") } throws: { "\($0)".contains("compact takes a table name") }

        // A declared table whose files hold a column it does not declare: compacting would drop it.
        try lake.run("""
            CREATE EXTERNAL TABLE silver.narrow (id BIGINT) PARTITIONED BY (event_date DATE) STORED AS PARQUET LOCATION '\(lake.path)/silver/events'
            """)
        compactor = Compactor(session: try lake.session())
        #expect { try compactor.compact("silver.narrow") } throws: { "\($0)".contains("does not declare (amount, label)") }

        try FileManager.default.createDirectory(atPath: lake.path + "/bronze/raw", withIntermediateDirectories: true)
        try "a,b\n1,2\n".write(toFile: lake.path + "/bronze/raw/x.csv", atomically: true, encoding: .utf8)
        #expect { try compactor.compact("bronze.raw") } throws: { "\($0)".contains("holds csv files; compact rewrites Parquet tables") }
        #expect(try lake.parquetFiles("silver/events/").count == 90)
    }

    @Test func aTableStrataCreatedKeepsItsProperties() throws {
        let lake = try WriteTestLake("strata-compact-ctas")
        for day in 1...3 {
            let sql = day == 1
                ? "CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day'], write_compression = 'ZSTD') AS SELECT 1 AS n, DATE '2024-01-01' AS day"
                : "INSERT INTO gold.daily SELECT \(day) AS n, DATE '2024-01-01' AS day"
            try lake.run(sql)
        }
        #expect(try lake.parquetFiles("gold/daily/").count == 3)
        let result = try Compactor(session: try lake.session()).compact("gold.daily")
        #expect(result.partitions.map(\.filesAfter) == [1])
        let key = try lake.parquetFiles("gold/daily/")[0]
        let file = try ParquetFile.open(store: lake.store, key: key, size: try lake.store.head(key).size)
        #expect(file.metadata.rowGroups[0].columns[0].metaData?.codec == .zstd)
        #expect(try lake.run("SELECT sum(n), count(*) FROM gold.daily") == [[.integer(6), .integer(3)]])
    }
}
