// `strata doctor` on lakes built with the problems in them: thousands of tiny files, drifted columns,
// files without statistics, tiny row groups, an empty partition, a skewed partition, a conflict, a
// stale catalog — and a healthy table, which gets no findings.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

struct LakeDoctorTests {
    static func kinds(_ table: DoctorReport.Table) -> [String] { table.findings.map(\.kind).sorted() }

    @Test func aLakeOfThousandsOfTinyFilesGetsEachFinding() throws {
        let lake = try WriteTestLake("strata-doctor")
        let days = (1...20).map { String(format: "2024-02-%02d", $0) }
        var files = OperationsFixture.daily("silver/clicks", days: days, filesPerDay: 100, rows: 5)
        for index in files.indices {
            if files[index].path.contains("2024-02-03") { files[index].statistics = false }
            if files[index].path.contains("2024-02-2") || files[index].path.contains("2024-02-19") { files[index].columns.append("referrer:string") }
        }
        files.append(FixtureFile(path: "silver/clicks/event_date=2024-02-21/big.parquet", rows: 40_000, columns: ["id:int64", "amount:double"], rowGroupSize: 1000))
        try OperationsFixture.write(files, under: lake.path)
        try FileManager.default.createDirectory(atPath: lake.path + "/silver/clicks/event_date=2024-02-22", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: lake.path + "/silver/clicks/event_date=2024-02-22/_SUCCESS", contents: Data())

        let report = try LakeDoctor(session: try lake.session()).examine("silver.clicks")
        let table = try #require(report.tables.first)
        #expect(table.files == 2001)
        #expect(table.partitions == 21)
        #expect(table.rows == 2000 * 5 + 40_000)
        #expect(table.fileSizes.first?.files == 2001)
        #expect(Self.kinds(table) == ["empty_partitions", "no_page_index", "no_statistics", "not_crawled", "schema_drift", "small_files", "small_row_groups"])
        let small = try #require(table.findings.first { $0.kind == "small_files" })
        #expect(small.message.hasPrefix("2000 files in 20 partitions could be 20 (target 128.0 MB"))
        #expect(small.fix == "strata compact silver.clicks --target-file-size 128MB")
        #expect(table.findings.first { $0.kind == "no_statistics" }?.message.hasPrefix("100 of 2001 files lack min/max statistics") == true)
        #expect(table.findings.first { $0.kind == "empty_partitions" }?.message == "1 partition has no rows: event_date=2024-02-22")
        #expect(table.findings.first { $0.kind == "schema_drift" }?.message.contains("column referrer VARCHAR is missing from 1801 of 2001 files") == true)
        #expect(table.findings.first { $0.kind == "small_row_groups" }?.message.hasPrefix("1 file has row groups of fewer than 10000 rows") == true)

        // Doctor writes nothing; after a crawl the catalog is current, then stale when a day arrives.
        #expect(try lake.files(TableInventory.folder).isEmpty)
        _ = try LakeCrawler(session: try lake.session()).crawl("silver.clicks")
        #expect(!Self.kinds(try LakeDoctor(session: try lake.session()).examine(nil).tables[0]).contains("not_crawled"))
        try OperationsFixture.write(OperationsFixture.daily("silver/clicks", days: ["2024-02-23"], filesPerDay: 1), under: lake.path)
        let stale = try LakeDoctor(session: try lake.session()).examine(nil).tables[0]
        #expect(stale.findings.first { $0.kind == "stale_catalog" }?.message.hasPrefix("the lake catalog is out of date: 1 partitions new, 0 removed, 0 changed") == true)
    }

    @Test func skewAndConflictsAreFound() throws {
        let lake = try WriteTestLake("strata-doctor-skew")
        try OperationsFixture.write(
            [
                FixtureFile(path: "silver/orders/region=eu/a.parquet", rows: 200_000, columns: ["id:int64", "amount:random"], pageIndex: true),
                FixtureFile(path: "silver/orders/region=us/a.parquet", rows: 100, columns: ["id:int64", "amount:double"], pageIndex: true),
                FixtureFile(path: "silver/orders/region=jp/a.parquet", rows: 100, columns: ["id:int64", "amount:double"], pageIndex: true),
                FixtureFile(path: "silver/orders/region=br/a.parquet", rows: 100, columns: ["id:int64", "amount:string"], pageIndex: true),
            ], under: lake.path)
        let table = try LakeDoctor(session: try lake.session()).examine("silver/").tables[0]
        #expect(Self.kinds(table) == ["not_crawled", "partition_skew", "schema_conflict"])
        #expect(table.findings.first { $0.kind == "partition_skew" }?.message.hasPrefix("partition region=eu holds") == true)
        #expect(table.findings.first { $0.kind == "schema_conflict" }?.severity == "error")
    }

    @Test func aTableStrataWroteIsHealthy() throws {
        let lake = try WriteTestLake("strata-doctor-healthy")
        try lake.run("""
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day']) AS
            WITH digits(x) AS (VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
            ids AS (SELECT a.x * 1000 + b.x * 100 + c.x * 10 + d.x AS id FROM digits a, digits b, digits c, digits d)
            SELECT id, id * 0.5 AS amount,
                   CASE id % 3 WHEN 0 THEN DATE '2024-01-01' WHEN 1 THEN DATE '2024-01-02' ELSE DATE '2024-01-03' END AS day
            FROM ids
            """)
        let report = try LakeDoctor(session: try lake.session()).examine("gold.daily")
        #expect(report.tables.map(\.name) == ["gold.daily"])
        #expect(report.tables[0].findings.isEmpty, "\(report.tables[0].findings)")
        #expect(report.tables[0].partitions == 3)
        #expect(report.tables[0].rows == 10000)
    }
}
