// kill -9 at random moments of `strata materialize` (while building, checking or publishing models), then a
// re-run: right after the kill every partition of every model is its previous version or its new one,
// whole; the re-run ends with every model equal to what its query gives over the sources, and nothing
// left in `_strata/`.
import Foundation
import StrataTestSupport
import Testing

@Suite(.serialized) struct MaterializeCrashTests {
    static let days = 20
    static let rowsPerDay = 6000

    /// Rewrites the files of `days` with amounts scaled by `factor` (under a new file name, as writers do).
    static func writeDays(_ lake: String, days: [Int], factor: Int) throws {
        try Python.run("""
            import sys, os, glob, datetime, pyarrow as pa, pyarrow.parquet as pq
            root, n, factor = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            for d in [int(x) for x in sys.argv[4].split(',')]:
                day = datetime.date(2024, 3, 1) + datetime.timedelta(days=d)
                folder = f'{root}/silver/events/event_date={day}'
                os.makedirs(folder, exist_ok=True)
                old = glob.glob(folder + '/*.parquet')
                pq.write_table(pa.table({
                    'user_id': pa.array([(i * 7919) % 1000 for i in range(n)], pa.int64()),
                    'amount': pa.array([(i % 100) * factor for i in range(n)], pa.int64()),
                    'country': pa.array([['DE', 'FR', 'US'][i % 3] for i in range(n)]),
                }), f'{folder}/part-{factor}.parquet')
                for f in old:
                    if not f.endswith(f'part-{factor}.parquet'): os.remove(f)
            """, arguments: [lake, String(rowsPerDay), String(factor), days.map(String.init).joined(separator: ",")])
    }

    /// Per day, the text of a model's rows (sorted), read by DuckDB straight from the files.
    static func contents(_ lake: String, sql: String) throws -> [String: String] {
        let output = try Python.run("""
            import sys, glob, duckdb
            root, sql = sys.argv[1], sys.argv[2]
            con = duckdb.connect()
            for name in ['silver/events', 'gold/daily', 'gold/users']:
                files = glob.glob(f'{root}/{name}/*/*.parquet')
                if files:
                    con.sql(f"CREATE VIEW {name.replace('/', '_')} AS SELECT * FROM read_parquet({files!r}, hive_partitioning = true)")
                else:
                    con.sql(f"CREATE TABLE {name.replace('/', '_')} (event_date DATE)")
            totals = glob.glob(f'{root}/gold/totals/*.parquet')
            if totals:
                con.sql(f"CREATE VIEW gold_totals AS SELECT * FROM read_parquet({totals!r})")
            for day, text in con.sql(sql).fetchall():
                print(day, text)
            """, arguments: [lake, sql])
        var result: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            result[String(parts[0])] = parts.count > 1 ? String(parts[1]) : ""
        }
        return result
    }

    static let dailyNow = "SELECT event_date, string_agg(country || ':' || revenue || ':' || orders, ',' ORDER BY country) FROM (SELECT country, sum(amount) AS revenue, count(*) AS orders, event_date FROM silver_events GROUP BY ALL) GROUP BY 1"
    static let dailyBuilt = "SELECT event_date, string_agg(country || ':' || revenue || ':' || orders, ',' ORDER BY country) FROM gold_daily GROUP BY 1"
    static let usersNow = "SELECT event_date, count(*) || ':' || sum(top) FROM (SELECT event_date, user_id, max(amount) AS top FROM silver_events GROUP BY ALL) GROUP BY 1"
    static let usersBuilt = "SELECT event_date, count(*) || ':' || sum(top) FROM gold_users GROUP BY 1"
    static let totalsNow = "SELECT 'all', string_agg(country || ':' || sum, ',' ORDER BY country) FROM (SELECT country, sum(revenue) AS sum FROM gold_daily GROUP BY 1)"
    static let totalsBuilt = "SELECT 'all', string_agg(country || ':' || revenue, ',' ORDER BY country) FROM gold_totals"

    @Test func killedMaterializationLeavesEachPartitionOldOrNewAndAReRunFinishes() throws {
        let folder = try TemporaryDirectory("strata-materialize-crash")
        let lake = folder.file("lake")
        let models = folder.file("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        try Self.writeDays(lake, days: Array(0..<Self.days), factor: 1)
        try """
            -- @not_null country
            -- @row_count >= 1
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT country, sum(amount) AS revenue, count(*) AS orders, event_date FROM silver.events GROUP BY country, event_date
            """.write(toFile: models + "/daily.sql", atomically: true, encoding: .utf8)
        try """
            -- @unique user_id, event_date
            CREATE TABLE gold.users WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT user_id, max(amount) AS top, event_date FROM silver.events GROUP BY user_id, event_date
            """.write(toFile: models + "/users.sql", atomically: true, encoding: .utf8)
        try "CREATE TABLE gold.totals AS SELECT country, sum(revenue) AS revenue FROM gold.daily GROUP BY country"
            .write(toFile: models + "/totals.sql", atomically: true, encoding: .utf8)
        let command = ["materialize", "--lake", lake, "--models", models]

        // Publishing pauses between partitions, so kills land in publication too.
        let pause = ["STRATA_TEST_PUBLISH_PAUSE_MS": "10"]
        // How long a run takes, so the kills spread over all of it. The machine's load changes while the
        // tests run: a run that ends before its kill shortens the window of the next.
        let started = Date()
        let first = try Self.capture(command, environment: pause)
        #expect(first.status == 0, "\(first.standardError)")
        var window = Date().timeIntervalSince(started)

        var generator = SeededRandom(seed: 11)
        var killedCount = 0
        for attempt in 2...7 {
            let before = (daily: try Self.contents(lake, sql: Self.dailyBuilt), users: try Self.contents(lake, sql: Self.usersBuilt))
            // Change some days (a full refresh now and then, so kills land in whole rebuilds too).
            let changed = (0..<Self.days).filter { _ in generator.next() % 3 == 0 }
            try Self.writeDays(lake, days: changed.isEmpty ? [0] : changed, factor: attempt)
            let after = (daily: try Self.contents(lake, sql: Self.dailyNow), users: try Self.contents(lake, sql: Self.usersNow))
            let delay = window * (0.1 + 0.8 * Double(generator.next() % 1000) / 1000)
            let arguments = attempt % 3 == 0 ? command + ["--full-refresh"] : command
            if try CrashSafetyTests.runAndKill(arguments, after: delay, environment: pause) {
                killedCount += 1
            } else {
                window = delay
            }

            // Straight after the kill: each partition is the previous version or the new one.
            let seenDaily = try Self.contents(lake, sql: Self.dailyBuilt)
            #expect(seenDaily.count == Self.days, "attempt \(attempt): \(seenDaily.count) partitions of gold.daily")
            for (day, text) in seenDaily {
                #expect(text == before.daily[day] || text == after.daily[day], "attempt \(attempt): gold.daily \(day) is neither old nor new")
            }
            for (day, text) in try Self.contents(lake, sql: Self.usersBuilt) {
                #expect(text == before.users[day] || text == after.users[day], "attempt \(attempt): gold.users \(day) is neither old nor new")
            }

            // A re-run finishes the job.
            let rerun = try Subprocess.capture(StrataExecutable.path, command)
            #expect(rerun.status == 0, "attempt \(attempt): \(rerun.standardError)")
            #expect(try Self.contents(lake, sql: Self.dailyBuilt) == after.daily, "attempt \(attempt)")
            #expect(try Self.contents(lake, sql: Self.usersBuilt) == after.users, "attempt \(attempt)")
            #expect(try Self.contents(lake, sql: Self.totalsBuilt) == Self.contents(lake, sql: Self.totalsNow), "attempt \(attempt)")
            #expect(CrashSafetyTests.leftovers(lake).isEmpty, "\(CrashSafetyTests.leftovers(lake))")
            // And the one after that has nothing to do.
            let idle = try Subprocess.capture(StrataExecutable.path, command)
            #expect(idle.standardOutput.contains("3 models: 0 built, 3 up to date"), "attempt \(attempt): \(idle.standardOutput)")
        }
        #expect(killedCount >= 2)
    }

    static func capture(_ arguments: [String], environment: [String: String]) throws -> (status: Int32, standardError: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StrataExecutable.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        try process.run()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, text)
    }
}
