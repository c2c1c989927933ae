// kill -9 at random moments of writing statements, then a re-run: every partition is always either as
// before or complete (never partial, never doubled), and the next statement cleans up what was left.
import Foundation
import StrataTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct CrashSafetyTests {
    static let days = 30
    static let rowsPerDay = 8000

    static func lake(in folder: TemporaryDirectory) throws -> String {
        let path = folder.file("lake")
        try Python.run("""
            import sys, os, datetime, pyarrow as pa, pyarrow.parquet as pq
            root, days, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            for d in range(days):
                day = datetime.date(2024, 3, 1) + datetime.timedelta(days=d)
                os.makedirs(f'{root}/silver/events/event_date={day}')
                pq.write_table(pa.table({
                    'user_id': pa.array([(i * 7919) % 100000 for i in range(n)], pa.int64()),
                    'amount': pa.array([i * 0.5 for i in range(n)]),
                    'country': pa.array([['DE', 'FR', 'US'][i % 3] for i in range(n)]),
                }), f'{root}/silver/events/event_date={day}/part-0.parquet')
            """, arguments: [path, String(days), String(rowsPerDay)])
        return path
    }

    /// Starts `strata` with the arguments, kills it with SIGKILL after `delay` seconds (if still running).
    static func runAndKill(_ arguments: [String], after delay: Double, environment: [String: String] = [:]) throws -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StrataExecutable.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed
    }

    /// Rows per partition folder and per `tag` value, read by DuckDB straight from the files (a partial
    /// or half-written file would make it fail).
    static func partitions(_ lake: String, table: String) throws -> [String: [String: Int]] {
        let output = try Python.run("""
            import sys, os, glob, duckdb
            folder = sys.argv[1]
            if not glob.glob(folder + '/*/*.parquet'):
                sys.exit(0)
            for day, tag, n in duckdb.sql("SELECT event_date, country, count(*) FROM read_parquet('%s/*/*.parquet', hive_partitioning = true) GROUP BY ALL" % folder).fetchall():
                print(day, tag, n)
            """, arguments: [lake + "/" + table])
        var result: [String: [String: Int]] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ")
            result[String(fields[0]), default: [:]][String(fields[1])] = Int(fields[2])!
        }
        return result
    }

    static func leftovers(_ lake: String) -> [String] {
        let manager = FileManager.default
        return ["staging", "transactions", "trash", "leases"].flatMap { folder in
            ((try? manager.contentsOfDirectory(atPath: lake + "/_strata/" + folder)) ?? []).map { folder + "/" + $0 }
        }
    }

    @Test func killedCreateTableAsLeavesNoTableOrAWholeOne() throws {
        let folder = try TemporaryDirectory("strata-crash")
        let lake = try Self.lake(in: folder)
        let ctas = "CREATE TABLE IF NOT EXISTS gold.daily WITH (partitioned_by = ARRAY['event_date']) AS SELECT user_id, amount, country, event_date FROM silver.events"
        var generator = SeededRandom(seed: 8)
        for attempt in 0..<5 {
            let table = "gold/daily"
            let delay = Double(generator.next() % 1600) / 1000 + 0.05
            _ = try Self.runAndKill(
                ["query", "--lake", lake, ctas], after: delay, environment: ["STRATA_TEST_PUBLISH_PAUSE_MS": "5"])
            // Straight after the kill: the table is absent or whole.
            let seen = try Self.partitions(lake, table: table)
            #expect(seen.isEmpty || seen.count == Self.days, "attempt \(attempt): \(seen.count) partitions")
            for (day, tags) in seen {
                #expect(tags.values.reduce(0, +) == Self.rowsPerDay, "attempt \(attempt): partition \(day) has \(tags)")
            }
            // The re-run finishes or undoes what was left, and the table is whole.
            let rerun = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, ctas])
            #expect(rerun.status == 0, "\(rerun.standardError)")
            let after = try Self.partitions(lake, table: table)
            #expect(after.count == Self.days && after.values.allSatisfy { $0.values.reduce(0, +) == Self.rowsPerDay })
            #expect(Self.leftovers(lake).isEmpty, "\(Self.leftovers(lake))")
            _ = try Subprocess.run(StrataExecutable.path, ["query", "--lake", lake, "DROP TABLE gold.daily"])
        }
    }

    @Test func killedInsertOverwriteLeavesEachPartitionOldOrNew() throws {
        let folder = try TemporaryDirectory("strata-crash")
        let lake = try Self.lake(in: folder)
        _ = try Subprocess.run(StrataExecutable.path, [
            "query", "--lake", lake,
            "CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['event_date']) AS SELECT user_id, amount, 'v0' AS country, event_date FROM silver.events",
        ])
        // How long a whole run takes, so the kills spread over all of it, publication included.
        let started = Date()
        _ = try Subprocess.run(
            StrataExecutable.path, ["query", "--lake", lake, "INSERT OVERWRITE gold.daily SELECT user_id, amount, 'v0', event_date FROM silver.events"])
        let duration = Date().timeIntervalSince(started) + Double(Self.days) * 0.02
        var generator = SeededRandom(seed: 9)
        var version = 0
        var mixed = 0
        let attempts = 6
        for attempt in 1...attempts {
            let tag = "v\(attempt)"
            let overwrite = "INSERT OVERWRITE gold.daily SELECT user_id, amount, '\(tag)', event_date FROM silver.events"
            let delay = duration * (0.35 + 0.65 * (Double(attempt) - 0.5) / Double(attempts)) + Double(generator.next() % 100) / 1000
            let killed = try Self.runAndKill(
                ["query", "--lake", lake, overwrite], after: delay, environment: ["STRATA_TEST_PUBLISH_PAUSE_MS": "20"])
            let seen = try Self.partitions(lake, table: "gold/daily")
            #expect(seen.count == Self.days, "attempt \(attempt)")
            if Set(seen.values.flatMap(\.keys)).count > 1 { mixed += 1 }
            for (day, tags) in seen {
                // One version per partition, whole: the previous one or the new one.
                #expect(tags.count == 1 && tags.values.first == Self.rowsPerDay, "attempt \(attempt): partition \(day) holds \(tags)")
                #expect(tags.keys.first == "v\(version)" || tags.keys.first == tag, "attempt \(attempt): \(tags)")
            }
            // Any write finishes or undoes the killed one: all old, or all new.
            _ = try Subprocess.run(StrataExecutable.path, ["query", "--lake", lake, "CREATE TABLE IF NOT EXISTS gold.daily AS SELECT 1 AS x"])
            let after = try Self.partitions(lake, table: "gold/daily")
            let versions = Set(after.values.flatMap(\.keys))
            #expect(versions.count == 1 && after.count == Self.days, "attempt \(attempt) (killed: \(killed)): \(versions)")
            if let only = versions.first, only == tag { version = attempt }
            #expect(Self.leftovers(lake).isEmpty, "\(Self.leftovers(lake))")
        }
        // Some kills landed in the middle of publishing (partitions of both versions side by side).
        #expect(mixed > 0)
    }
}
