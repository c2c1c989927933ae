// `--read-only` sessions: queries run, and every statement or operation that would change the lake — or
// write a file through COPY — fails, leaving every object as it was.
import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

struct ReadOnlySessionTests {
    @Test func writesAreRefusedAndNothingChanges() throws {
        let lake = try WriteTestLake("strata-read-only")
        try lake.run("CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day']) AS SELECT 1 AS n, DATE '2024-03-01' AS day")
        let before = try lake.store.list(prefix: "", delimiter: nil).objects.map { "\($0.key) \($0.size)" }
        let session = try LakeSession(location: .local(path: lake.path), readOnly: true)
        #expect(session.isReadOnly)

        func run(_ sql: String) throws { _ = try session.run(try SQLParser.parseStatement(sql)) }
        try run("SELECT * FROM gold.daily")
        for sql in [
            "CREATE TABLE gold.other AS SELECT 1 AS n", "INSERT INTO gold.daily SELECT 2, DATE '2024-03-02'",
            "INSERT OVERWRITE gold.daily SELECT 2, DATE '2024-03-01'", "DROP TABLE gold.daily", "CREATE VIEW gold.v AS SELECT 1 AS n",
            "MSCK REPAIR TABLE gold.daily", "COPY (SELECT 1 AS n) TO '\(lake.path)/../strata-read-only-copy.csv'",
            "ALTER TABLE gold.daily DROP PARTITION (day = DATE '2024-03-01')",
        ] {
            #expect(throws: (any Error).self, "\(sql)") { try run(sql) }
        }
        #expect { try Compactor(session: session).compact("gold.daily") } throws: { "\($0)".contains("the lake is open read-only (--read-only)") }
        var retention = Retention(session: session)
        retention.horizon = RetentionHorizon(count: 1, unit: .days)
        #expect(throws: (any Error).self) { try retention.retain("gold.daily") }
        #expect(throws: (any Error).self) { try LakeCrawler(session: session).crawl(nil) }
        // Reading operations still work.
        #expect(try LakeDoctor(session: session).examine(nil).tables.map(\.name) == ["gold.daily"])
        #expect(try lake.store.list(prefix: "", delimiter: nil).objects.map { "\($0.key) \($0.size)" } == before)
        #expect(!FileManager.default.fileExists(atPath: lake.path + "/../strata-read-only-copy.csv"))
    }
}
