// `strata ingest` as the built executable: the plan of a dry run, the summary and progress, the exit
// status of a failing check and of a broken model, and re-runs that are up to date.
import Foundation
import StrataTestSupport
import Testing

@Suite struct IngestCommandTests {
    struct Fixture {
        let folder: TemporaryDirectory
        var lake: String { folder.file("lake") }
        var models: String { folder.file("silver") }

        init() throws {
            folder = try TemporaryDirectory("strata-ingest-cli")
            for path in ["lake/bronze/readings/date=2024-05-01", "lake/bronze/readings/date=2024-05-02", "silver"] {
                try FileManager.default.createDirectory(atPath: folder.file(path), withIntermediateDirectories: true)
            }
            try "sensor,value,at\nph-1,7.1,2024-05-01 08:00:00\nph-1,#COMM,2024-05-01 09:00:00\nph-2,6.9,2024-05-01 08:00:00\n"
                .write(toFile: folder.file("lake/bronze/readings/date=2024-05-01/r.csv"), atomically: true, encoding: .utf8)
            try "sensor,value,at\nph-1,7.3,2024-05-02 08:00:00\nph-1,7.3,2024-05-02 08:00:00\n"
                .write(toFile: folder.file("lake/bronze/readings/date=2024-05-02/r.csv"), atomically: true, encoding: .utf8)
            try model("readings.sql", """
                -- @key sensor, at
                -- @not_null value
                CREATE TABLE silver.readings WITH (partitioned_by = ARRAY['date']) AS
                SELECT sensor, CAST(value AS DOUBLE) AS value, CAST(at AS TIMESTAMP) AS at, CAST(date AS DATE) AS date
                FROM read_csv('bronze/readings/date=*/*.csv')
                """)
        }

        func model(_ name: String, _ text: String) throws {
            try text.write(toFile: models + "/" + name, atomically: true, encoding: .utf8)
        }

        func ingest(_ arguments: [String] = []) throws -> Subprocess.Result {
            try Subprocess.capture(StrataExecutable.path, ["ingest", "--lake", lake, "--models", models] + arguments)
        }

        func query(_ sql: String) throws -> String {
            let result = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, "--format", "csv", sql])
            #expect(result.status == 0, "\(result.standardError)")
            return result.standardOutput
        }
    }

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let fixture = try Fixture()
        let result = try fixture.ingest(["--dry-run"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.contains("silver.readings | first build |     2 |"))
        #expect(!FileManager.default.fileExists(atPath: fixture.lake + "/silver"))
    }

    @Test func aRunSummarizesQuarantineAndDuplicatesThenIsUpToDate() throws {
        let fixture = try Fixture()
        let first = try fixture.ingest()
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardError.contains("[1/1] silver.readings: 5 rows in, 1 quarantined, 1 duplicates, 3 written to 2 partitions"))
        #expect(first.standardOutput.contains("1 models: 1 built, 0 up to date, 0 failed; 1 rows and 0 files quarantined"))
        #expect(try fixture.query("SELECT quarantine_rule, quarantine_reason, source_line, value FROM quarantine.readings")
            == "quarantine_rule,quarantine_reason,source_line,value\ntype(value),'#COMM' is not a DOUBLE,3,#COMM\n")
        let again = try fixture.ingest()
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("1 models: 0 built, 1 up to date, 0 failed"))
    }

    @Test func aFailingCheckExitsOneNamingModelAndCheck() throws {
        let fixture = try Fixture()
        try fixture.model("readings.sql", """
            -- @row_count >= 10
            CREATE TABLE silver.readings AS SELECT sensor, CAST(value AS DOUBLE) AS value FROM read_csv('bronze/readings/date=*/*.csv')
            """)
        let result = try fixture.ingest()
        #expect(result.status == 1)
        #expect(result.standardError.contains("strata: silver.readings: check row_count >= 10 failed"))
    }

    @Test func aBrokenModelFailsBeforeAnythingRuns() throws {
        let fixture = try Fixture()
        try fixture.model("broken.sql", "-- @key nope\nCREATE TABLE silver.broken AS SELECT sensor FROM read_csv('bronze/readings/date=*/*.csv')")
        let result = try fixture.ingest()
        #expect(result.status == 1)
        #expect(result.standardError.contains("broken.sql: nope is not a column of silver.broken (there are sensor)"))
        #expect(!FileManager.default.fileExists(atPath: fixture.lake + "/silver"))
    }
}
