// `strata crawl`: what it records, what it re-reads on the next crawl, the changes it reports, and
// planning from the record (columns only the middle files have are seen once crawled).
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

struct LakeCrawlerTests {
    let days = ["2024-01-01", "2024-01-02", "2024-01-03"]

    @Test func aSecondCrawlReadsOnlyTheFootersOfChangedFiles() throws {
        let lake = try WriteTestLake("strata-crawl")
        try OperationsFixture.write(OperationsFixture.daily("silver/events", days: days, filesPerDay: 4), under: lake.path)
        let crawler = LakeCrawler(session: try lake.session())

        let first = try #require(try crawler.crawl("silver.events").first)
        #expect(!first.wasCrawled)
        #expect(first.footersRead == 12)
        #expect(first.partitionCount == 3)
        #expect(first.inventory.files.count == 12)
        #expect(first.inventory.files.allSatisfy { $0.rows == 10 })
        #expect(first.inventory.partitionKeys.map { "\($0.name) \($0.type)" } == ["event_date DATE"])
        #expect(first.inventory.columns.map { "\($0.name) \($0.type)" } == ["id BIGINT", "amount DOUBLE", "label VARCHAR"])

        let again = try #require(try crawler.crawl(nil).first)
        #expect(again.wasCrawled)
        #expect(again.footersRead == 0)
        #expect(again.changeLines.isEmpty)

        // A new day, a file of the first day rewritten with a new column, the second day gone.
        try OperationsFixture.write(
            OperationsFixture.daily("silver/events", days: ["2024-01-04"], filesPerDay: 2)
                + [FixtureFile(path: "silver/events/event_date=2024-01-01/part-0.parquet", rows: 5, columns: ["id:int64", "amount:double", "label:string", "channel:string"])],
            under: lake.path)
        try FileManager.default.removeItem(atPath: lake.path + "/silver/events/event_date=2024-01-02")
        let changed = try #require(try crawler.crawl("silver/").first)
        #expect(changed.footersRead == 3)
        #expect(changed.newPartitions == ["event_date=2024-01-04"])
        #expect(changed.removedPartitions == ["event_date=2024-01-02"])
        #expect(changed.changedPartitions == ["event_date=2024-01-01"])
        #expect(changed.addedColumns == ["channel VARCHAR"])
        #expect(changed.changeLines.contains { $0.hasPrefix("drift: column channel VARCHAR is missing from 9 of 10 files") })

        // The record is in the lake, its file list beside it; the list of the last crawl is gone.
        let records = try lake.files(TableInventory.folder)
        #expect(records.count == 2)
        #expect(try TableInventory.load("silver.events", store: lake.store)?.files.count == 10)
    }

    @Test func widenedAndConflictingTypesAreReported() throws {
        let lake = try WriteTestLake("strata-crawl-types")
        try OperationsFixture.write(
            [
                FixtureFile(path: "silver/orders/day=2024-01-01/a.parquet", rows: 3, columns: ["id:int32"]),
                FixtureFile(path: "silver/orders/day=2024-01-02/a.parquet", rows: 3, columns: ["id:int32"]),
            ], under: lake.path)
        let crawler = LakeCrawler(session: try lake.session())
        _ = try crawler.crawl("silver.orders")
        try OperationsFixture.write([FixtureFile(path: "silver/orders/day=2024-01-03/a.parquet", rows: 3, columns: ["id:int64"])], under: lake.path)
        let widened = try #require(try crawler.crawl("silver.orders").first)
        #expect(widened.changedColumns == ["id: INTEGER → BIGINT"])
        #expect(widened.inventory.drift == ["column id is BIGINT in 1 file, INTEGER in 2 files (read as BIGINT)"])

        try OperationsFixture.write([FixtureFile(path: "silver/orders/day=2024-01-04/a.parquet", rows: 3, columns: ["id:string"])], under: lake.path)
        let conflicting = try #require(try crawler.crawl("silver.orders").first)
        #expect(conflicting.inventory.conflicts.count == 1)
        #expect(conflicting.inventory.conflicts[0].contains("day=2024-01-04/a.parquet"))
    }

    @Test func planningTakesColumnsFromTheRecordUntilTheTableChanges() throws {
        let lake = try WriteTestLake("strata-crawl-plan")
        // `note` is only in the middle day: discovery samples the first and last files, and misses it.
        var files = OperationsFixture.daily("silver/events", days: days, filesPerDay: 2)
        files[2].columns.append("note:string")
        try OperationsFixture.write(files, under: lake.path)
        #expect(throws: (any Error).self) { try lake.run("SELECT count(note) FROM silver.events") }

        _ = try LakeCrawler(session: try lake.session()).crawl(nil)
        #expect(try lake.run("SELECT count(note) FROM silver.events") == [[.integer(8)]])
        let glob = lake.path + "/silver/events/*/*.parquet"
        let sql = "SELECT event_date, id, amount, label, note FROM t"
        #expect(try lake.sortedRows(sql.replacingOccurrences(of: "FROM t", with: "FROM silver.events")) == OperationsFixture.duckdbRows(glob, sql))

        // A new day changes the table's tail: discovery runs again, and keeps the recorded columns.
        try OperationsFixture.write(
            [FixtureFile(path: "silver/events/event_date=2024-01-04/part-0.parquet", rows: 4, start: 100, columns: ["id:int64", "amount:double", "label:string", "late:int64"])],
            under: lake.path)
        #expect(try lake.run("SELECT count(note), count(late), count(*) FROM silver.events") == [[.integer(8), .integer(4), .integer(64)]])
    }

    @Test func repairTableCrawlsAndForgottenTablesLeaveTheRecord() throws {
        let lake = try WriteTestLake("strata-crawl-msck")
        try OperationsFixture.write(OperationsFixture.daily("silver/events", days: days, filesPerDay: 2), under: lake.path)
        try OperationsFixture.write([FixtureFile(path: "silver/users/part-0.parquet", rows: 3)], under: lake.path)
        let repaired = try lake.run("MSCK REPAIR TABLE silver.events")
        #expect(repaired == [[.varchar("MSCK REPAIR TABLE silver.events: 3 partitions in 6 files recorded (6 footers read)")]])
        #expect(try TableInventory.load("silver.events", store: lake.store) != nil)

        let all = try LakeCrawler(session: try lake.session()).crawl(nil)
        #expect(all.map(\.inventory.table) == ["silver.events", "silver.users"])
        #expect(all.map(\.footersRead) == [0, 1])

        try FileManager.default.removeItem(atPath: lake.path + "/silver/users")
        let afterRemoval = try LakeCrawler(session: try lake.session()).crawl(nil)
        #expect(afterRemoval.map(\.isRemoved) == [false, true])
        #expect(try TableInventory.tableNames(store: lake.store) == ["silver.events"])
        #expect(throws: (any Error).self) { try LakeCrawler(session: try lake.session()).crawl("silver.nothing") }
    }
}
