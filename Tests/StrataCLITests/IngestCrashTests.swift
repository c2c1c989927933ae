// kill -9 at random moments of `strata ingest` (reading bronze, judging rows, writing quarantine and
// silver, publishing), then a re-run: right after the kill every silver partition and the quarantine table
// are their previous version or their new one, never partial or doubled; the re-run gives exactly what the
// bronze files say, leaves nothing behind, and the run after it is up to date.
import Foundation
import StrataTestSupport
import Testing

@Suite(.serialized) struct IngestCrashTests {
    static let days = 16
    static let rowsPerFile = 2500

    /// Adds a CSV file to each of `days` (rows with distinct times, one in 50 with an unreadable value).
    static func addBronze(_ lake: String, days: [Int], batch: Int) throws {
        try Python.run("""
            import sys, os, datetime
            root, n, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            for d in [int(x) for x in sys.argv[4].split(',')]:
                day = datetime.date(2024, 5, 1) + datetime.timedelta(days=d)
                folder = f'{root}/bronze/readings/date={day}'
                os.makedirs(folder, exist_ok=True)
                with open(f'{folder}/r-{batch}.csv', 'w') as f:
                    f.write('sensor,value,at\\n')
                    for i in range(n):
                        value = '#ERR' if i % 50 == 7 else f'{(i * 37 + batch) % 1000 / 10}'
                        seconds = batch * n + i
                        f.write(f'ph-{i % 9},{value},{day} {seconds // 3600 % 24:02d}:{seconds // 60 % 60:02d}:{seconds % 60:02d}\\n')
            """, arguments: [lake, String(rowsPerFile), String(batch), days.map(String.init).joined(separator: ",")])
    }

    /// Per silver partition `count:sum`, and the quarantine's row count, read by DuckDB straight from the
    /// files (a partial or half-written file would make it fail).
    static func snapshot(_ lake: String) throws -> [String: String] {
        let output = try Python.run("""
            import sys, glob, duckdb
            root = sys.argv[1]
            con = duckdb.connect()
            files = glob.glob(f'{root}/silver/readings/*/*.parquet')
            if files:
                for day, text in con.execute(f"SELECT CAST(date AS VARCHAR), count(*) || ':' || round(sum(value), 1) FROM read_parquet({files!r}, hive_partitioning = true) GROUP BY 1").fetchall():
                    print(f'{day}\\t{text}')
            quarantine = glob.glob(f'{root}/quarantine/readings/*.parquet')
            if quarantine:
                print('quarantine\\t' + str(con.execute(f'SELECT count(*) FROM read_parquet({quarantine!r})').fetchone()[0]))
            """, arguments: [lake])
        return tabbed(output)
    }

    /// What the silver table should hold: the bronze rows whose value parses, per day, by DuckDB.
    static func expected(_ lake: String) throws -> [String: String] {
        let output = try Python.run("""
            import sys, duckdb
            root = sys.argv[1]
            con = duckdb.connect()
            # Loaded first: DuckDB would push the casts below into the CSV reader, which then fails on them.
            con.execute(f"CREATE TABLE bronze AS SELECT * FROM read_csv('{root}/bronze/readings/*/*.csv', all_varchar = true, filename = true)")
            rows = con.execute("SELECT regexp_extract(filename, 'date=([0-9-]+)', 1), count(*) FILTER (WHERE TRY_CAST(value AS DOUBLE) IS NOT NULL) || ':' || round(sum(TRY_CAST(value AS DOUBLE)), 1), count(*) FILTER (WHERE TRY_CAST(value AS DOUBLE) IS NULL) FROM bronze GROUP BY 1").fetchall()
            for day, text, bad in rows:
                print(f'{day}\\t{text}')
            print('quarantine\\t' + str(sum(r[2] for r in rows)))
            """, arguments: [lake])
        return tabbed(output)
    }

    /// `key<TAB>value` lines as a dictionary.
    static func tabbed(_ output: String) -> [String: String] {
        var result: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
            if fields.count == 2 { result[fields[0]] = fields[1] }
        }
        return result
    }

    @Test func killedIngestionLeavesEachPartitionOldOrNewAndAReRunFinishes() throws {
        let folder = try TemporaryDirectory("strata-ingest-crash")
        let lake = folder.file("lake")
        let models = folder.file("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        try Self.addBronze(lake, days: Array(0..<Self.days), batch: 0)
        try """
            -- @key sensor, at
            -- @not_null value
            CREATE TABLE silver.readings WITH (partitioned_by = ARRAY['date']) AS
            SELECT sensor, CAST(value AS DOUBLE) AS value, CAST(at AS TIMESTAMP) AS at, CAST(date AS DATE) AS date
            FROM read_csv('bronze/readings/date=*/*.csv')
            """.write(toFile: models + "/readings.sql", atomically: true, encoding: .utf8)
        let command = ["ingest", "--lake", lake, "--models", models]
        let pause = ["STRATA_TEST_PUBLISH_PAUSE_MS": "10"]

        let started = Date()
        let first = try MaterializeCrashTests.capture(command, environment: pause)
        #expect(first.status == 0, "\(first.standardError)")
        #expect(try Self.snapshot(lake) == Self.expected(lake))
        var window = Date().timeIntervalSince(started)

        var generator = SeededRandom(seed: 23)
        var killedCount = 0
        for attempt in 1...6 {
            let before = try Self.snapshot(lake)
            let changed = (0..<Self.days).filter { _ in generator.next() % 3 == 0 }
            try Self.addBronze(lake, days: changed.isEmpty ? [0] : changed, batch: attempt)
            let delay = window * (0.1 + 0.8 * Double(generator.next() % 1000) / 1000)
            let arguments = attempt % 3 == 0 ? command + ["--full-refresh"] : command
            if try CrashSafetyTests.runAndKill(arguments, after: delay, environment: pause) {
                killedCount += 1
            } else {
                window = delay
            }
            let seen = try Self.snapshot(lake)

            // A re-run finishes the job: exactly what bronze says.
            let rerun = try Subprocess.capture(StrataExecutable.path, command)
            #expect(rerun.status == 0, "attempt \(attempt): \(rerun.standardError)")
            let after = try Self.snapshot(lake)
            #expect(after == (try Self.expected(lake)), "attempt \(attempt)")

            // Straight after the kill, each partition and the quarantine were the previous version or the new one.
            #expect(Set(seen.keys) == Set(before.keys) || Set(seen.keys) == Set(after.keys), "attempt \(attempt): \(seen.keys.sorted())")
            for (key, text) in seen {
                #expect(text == before[key] || text == after[key], "attempt \(attempt): \(key) is \(text), neither \(before[key] ?? "-") nor \(after[key] ?? "-")")
            }
            #expect(CrashSafetyTests.leftovers(lake).isEmpty, "\(CrashSafetyTests.leftovers(lake))")
            let idle = try Subprocess.capture(StrataExecutable.path, command)
            #expect(idle.standardOutput.contains("1 models: 0 built, 1 up to date"), "attempt \(attempt): \(idle.standardOutput)")
        }
        #expect(killedCount >= 2)
    }
}
