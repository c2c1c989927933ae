// Crawl, doctor, compact and retain on a lake on S3 (moto on loopback): the same operations through
// listings by prefix, ETags, ranged footer reads, and publishing by copy and delete.
import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake
@testable import StrataStorage

@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3LakeOperationsTests {
    @Test func aLakeOnS3IsCrawledExaminedCompactedAndTrimmed() throws {
        let lake = try S3TestLake("strata-operations")
        let store = lake.store
        func session() throws -> LakeSession { try lake.session() }
        func rows(_ sql: String) throws -> [[Value]] { try lake.rows(sql) }

        // Tiny pyarrow files, written locally and uploaded.
        let local = try TemporaryDirectory("strata-s3-operations")
        var files = OperationsFixture.daily("silver/events", days: ["2024-01-01", "2024-01-02", "2024-01-03"], filesPerDay: 8)
        for index in files.indices where files[index].path.contains("2024-01-03") { files[index].columns.append("channel:string") }
        try OperationsFixture.write(files, under: local.path)
        for file in files {
            try store.write(file.path, bytes: Array(try Data(contentsOf: URL(fileURLWithPath: local.file(file.path)))))
        }

        let crawled = try #require(try LakeCrawler(session: try session()).crawl(nil).first)
        #expect(crawled.footersRead == 24)
        #expect(crawled.inventory.files.allSatisfy { $0.version != nil })
        #expect(try LakeCrawler(session: try session()).crawl("silver.events").first?.footersRead == 0)

        let report = try LakeDoctor(session: try session()).examine(nil)
        #expect(report.tables.first?.findings.map(\.kind).sorted() == ["no_page_index", "schema_drift", "small_files"])

        let before = try rows("SELECT event_date, count(*), sum(id), count(channel) FROM silver.events GROUP BY 1 ORDER BY 1")
        let compacted = try Compactor(session: try session()).compact("silver.events")
        #expect(compacted.partitions.map(\.filesAfter) == [1, 1, 1])
        #expect(try rows("SELECT event_date, count(*), sum(id), count(channel) FROM silver.events GROUP BY 1 ORDER BY 1") == before)
        #expect(try store.list(prefix: "silver/events/", delimiter: nil).objects.filter { $0.key.hasSuffix(".parquet") }.count == 3)

        var retention = Retention(session: try session())
        retention.horizon = RetentionHorizon(count: 1, unit: .days)
        retention.today = Int64(TemporalParser.parseDate("2024-01-03")!)
        #expect(try retention.retain("silver.events").dropped.map(\.path) == ["event_date=2024-01-01"])
        #expect(try rows("SELECT count(*) FROM silver.events") == [[.integer(160)]])
        #expect(try TableInventory.load("silver.events", store: store)?.files.count == 2)
    }
}
