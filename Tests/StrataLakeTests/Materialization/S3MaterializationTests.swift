// `strata materialize` on a lake on S3 (moto on loopback): a first build, an incremental rebuild of one
// partition through object copies and deletes, and the metrics table.
import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake
@testable import StrataStorage

@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3MaterializationTests {
    @Test func modelsAreBuiltAndRebuiltByPartitionOnS3() throws {
        let lake = try S3TestLake("strata-materialize")
        let store = lake.store
        func session() throws -> LakeSession { try lake.session() }
        func run(_ sql: String) throws -> [[Value]] { try lake.rows(sql) }
        _ = try run("""
            CREATE TABLE silver.events WITH (partitioned_by = ARRAY['day']) AS
            SELECT * FROM (VALUES (1, 'a', DATE '2024-03-01'), (2, 'b', DATE '2024-03-01'), (3, 'c', DATE '2024-03-02')) AS t(id, tag, day)
            """)
        let models = try TemporaryDirectory("strata-s3-models")
        try """
            -- @not_null tag
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day']) AS SELECT count(*) AS n, max(tag) AS tag, day FROM silver.events GROUP BY day
            """.write(toFile: models.file("daily.sql"), atomically: true, encoding: .utf8)
        func materialize() throws -> [ModelRun] {
            try Materializer(session: try session(), models: try ModelGraph.load(folder: models.path)).run()
        }
        #expect(try materialize()[0].status == .built)
        let before = try store.list(prefix: "gold/daily/", delimiter: nil).objects.map(\.key)
        _ = try run("INSERT INTO silver.events VALUES (4, 'd', DATE '2024-03-02')")
        let runs = try materialize()
        #expect(runs[0].rebuild == .partitions(key: "day", values: ["2024-03-02"], reason: "silver.events changed there"))
        let after = try store.list(prefix: "gold/daily/", delimiter: nil).objects.map(\.key)
        #expect(after.filter { $0.contains("2024-03-01") } == before.filter { $0.contains("2024-03-01") })
        #expect(after.filter { $0.contains("2024-03-02") } != before.filter { $0.contains("2024-03-02") })
        #expect(try run("SELECT day, n, tag FROM gold.daily ORDER BY 1") == [
            [.date(19_783), .integer(2), .varchar("b")], [.date(19_784), .integer(2), .varchar("d")],
        ])
        #expect(try run("SELECT count(*) FROM metrics.materialize WHERE status = 'built'") == [[.integer(2)]])
        #expect(try store.list(prefix: "_strata/staging/", delimiter: nil).objects.isEmpty)
    }
}
