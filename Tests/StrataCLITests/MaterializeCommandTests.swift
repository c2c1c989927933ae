// `strata materialize` as the built executable: the plan of a dry run, the summary, the exit status and
// message of a failing check, problems reported before anything runs, and metrics read by `strata query`.
import Foundation
import StrataTestSupport
import Testing

@Suite struct MaterializeCommandTests {
    struct Fixture {
        let folder: TemporaryDirectory
        var lake: String { folder.file("lake") }
        var models: String { folder.file("models") }

        init() throws {
            folder = try TemporaryDirectory("strata-materialize-cli")
            try FileManager.default.createDirectory(atPath: folder.file("models"), withIntermediateDirectories: true)
            try Python.run("""
                import sys, os, pyarrow as pa, pyarrow.parquet as pq
                root = sys.argv[1]
                for day, rows in [('2024-03-01', [(1, 'DE', 10.5), (2, 'FR', 3.0)]), ('2024-03-02', [(3, 'DE', 7.25)])]:
                    os.makedirs(f'{root}/silver/events/event_date={day}')
                    pq.write_table(pa.table({
                        'user_id': pa.array([r[0] for r in rows], pa.int64()),
                        'country': pa.array([r[1] for r in rows]),
                        'amount': pa.array([r[2] for r in rows]),
                    }), f'{root}/silver/events/event_date={day}/part-0.parquet')
                """, arguments: [folder.file("lake")])
            try model("daily.sql", """
                -- @not_null country
                CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['event_date']) AS
                SELECT country, sum(amount) AS revenue, event_date FROM silver.events GROUP BY country, event_date
                """)
            try model("totals.sql", "CREATE TABLE gold.totals AS SELECT country, sum(revenue) AS revenue FROM gold.daily GROUP BY country")
        }

        func model(_ name: String, _ text: String) throws {
            try text.write(toFile: models + "/" + name, atomically: true, encoding: .utf8)
        }

        func materialize(_ arguments: [String] = []) throws -> Subprocess.Result {
            try Subprocess.capture(StrataExecutable.path, ["materialize", "--lake", lake, "--models", models] + arguments)
        }

        func query(_ sql: String) throws -> String {
            let result = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, "--format", "csv", sql])
            #expect(result.status == 0, "\(result.standardError)")
            return result.standardOutput
        }
    }

    @Test func dryRunPrintsThePlanAndWritesNothing() throws {
        let fixture = try Fixture()
        let result = try fixture.materialize(["--dry-run"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("# | model") == true)
        #expect(lines.count == 4)
        #expect(lines[2].contains("gold.daily") && lines[2].contains("full (first build)") && lines[2].hasSuffix("B"))
        #expect(lines[3].contains("gold.totals") && lines[3].contains("first build after gold.daily"))
        #expect(result.standardError.contains("[1/2] gold.daily"))
        #expect(!FileManager.default.fileExists(atPath: fixture.lake + "/gold"))
    }

    @Test func runsSelectsAndSummarizes() throws {
        let fixture = try Fixture()
        let first = try fixture.materialize(["--select", "gold.daily"])
        #expect(first.status == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("1 models: 1 built, 0 up to date, 0 failed, 0 skipped"))
        #expect(!FileManager.default.fileExists(atPath: fixture.lake + "/gold/totals"))
        let second = try fixture.materialize(["--select", "+gold.totals"])
        #expect(second.status == 0, "\(second.standardError)")
        #expect(second.standardOutput.contains("2 models: 1 built, 1 up to date, 0 failed, 0 skipped"))
        #expect(second.standardError.contains("[1/2] gold.daily: up to date"))
        #expect(try fixture.query("SELECT country, revenue FROM gold.totals ORDER BY 1") == "country,revenue\nDE,17.75\nFR,3.0\n")
        #expect(try fixture.query("SELECT model, status FROM metrics.materialize ORDER BY run_started, model") == """
            model,status
            gold.daily,built
            gold.daily,up to date
            gold.totals,built

            """)
        let refreshed = try fixture.materialize(["--full-refresh"])
        #expect(refreshed.standardOutput.contains("full (--full-refresh)"))
    }

    @Test func aFailingCheckExitsNonZeroNamingModelAndCheck() throws {
        let fixture = try Fixture()
        #expect(try fixture.materialize().status == 0)
        try Python.run("""
            import sys, os, pyarrow as pa, pyarrow.parquet as pq
            pq.write_table(pa.table({'user_id': pa.array([9], pa.int64()), 'country': pa.array([None], pa.string()), 'amount': pa.array([1.0])}),
                           sys.argv[1] + '/silver/events/event_date=2024-03-02/part-1.parquet')
            """, arguments: [fixture.lake])
        let result = try fixture.materialize()
        #expect(result.status == 1)
        #expect(result.standardError.contains("strata: gold.daily: check not_null(country) failed: 1 failing row; the previous version is kept"))
        #expect(result.standardOutput.contains("gold.totals | skipped"))
        #expect(try fixture.query("SELECT count(*) AS n FROM gold.daily WHERE country IS NULL") == "n\n0\n")
    }

    @Test func cyclesAndMissingTablesStopTheRunBeforeItStarts() throws {
        let fixture = try Fixture()
        try fixture.model("a.sql", "CREATE TABLE gold.a AS SELECT * FROM gold.b")
        try fixture.model("b.sql", "CREATE TABLE gold.b AS SELECT * FROM gold.a")
        let cycle = try fixture.materialize()
        #expect(cycle.status == 1)
        #expect(cycle.standardError.contains("the models form a cycle: gold.a → gold.b → gold.a"))
        try fixture.model("b.sql", "CREATE TABLE gold.b AS SELECT * FROM silver.nothing")
        let missing = try fixture.materialize()
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("gold.b reads silver.nothing, which is neither a model nor a table of the lake"))
        #expect(!FileManager.default.fileExists(atPath: fixture.lake + "/gold"))
        let bad = try Subprocess.capture(StrataExecutable.path, ["materialize", "--lake", fixture.lake, "--models", fixture.folder.file("nowhere")])
        #expect(bad.status == 1 && bad.standardError.contains("does not exist"))
    }
}
