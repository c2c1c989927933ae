// Two writers on one lake, as separate `strata` processes: they take turns at a table (the second waits,
// says for whom, and decides on what the first wrote), and one that cannot wait long enough gives up
// with a message naming the holder, leaving the lake as it was.
import Foundation
import StrataCore
import StrataTestSupport
import Testing

@Suite struct ConcurrentWritersTests {
    /// Starts `strata` in the background with its standard error going to `errors`.
    static func start(_ arguments: [String], errors: String, environment: [String: String] = [:]) throws -> Process {
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: StrataExecutable.path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errors))
        try process.run()
        return process
    }

    static func query(_ lake: String, _ sql: String) throws -> String {
        try Subprocess.run(StrataExecutable.path, ["query", "--lake", lake, "--format", "csv", sql])
    }

    @Test func insertsThatReadTheirTableTakeTurns() throws {
        let folder = try TemporaryDirectory("strata-concurrent")
        let lake = folder.file("lake")
        _ = try Self.query(lake, "CREATE TABLE gold.counter AS SELECT 0 AS n, 'start' AS writer")
        // Each statement reads the table and writes the next number: two at once would write one twice.
        let rounds = 8
        for writer in ["a", "b"] {
            try String(repeating: "INSERT INTO gold.counter SELECT max(n) + 1, '\(writer)' FROM gold.counter;\n", count: rounds)
                .write(toFile: folder.file("\(writer).sql"), atomically: true, encoding: .utf8)
        }
        let results = Locked<[Subprocess.Result?]>([nil, nil])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            let writer = ["a", "b"][index]
            let result = try? Subprocess.capture(StrataExecutable.path, ["run", "--lake", lake, folder.file("\(writer).sql")])
            results.withLock { $0[index] = result }
        }
        for result in results.withLock({ $0 }) {
            #expect(result?.status == 0, "\(result?.standardError ?? "did not run")")
        }
        let counts = try Self.query(lake, "SELECT count(*), count(DISTINCT n), max(n), count_if(writer = 'a'), count_if(writer = 'b') FROM gold.counter")
        #expect(counts == "_col0,_col1,_col2,_col3,_col4\n17,17,16,8,8\n")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: lake + "/_strata/leases")) ?? []).isEmpty)
    }

    @Test func aStatementDuringAMaterializationWaitsOrGivesUp() throws {
        let folder = try TemporaryDirectory("strata-concurrent")
        let lake = folder.file("lake")
        let models = folder.file("models")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        func writeEvents(factor: Int) throws {
            try Python.run("""
                import sys, os, pyarrow as pa, pyarrow.parquet as pq
                for day in range(40):
                    os.makedirs(f'{sys.argv[1]}/silver/events/day={day}', exist_ok=True)
                    rows = [x for x in range(1, 4001) if x % 40 == day]
                    pq.write_table(pa.table({'country': pa.array([x % 7 for x in rows], pa.int64()),
                                             'amount': pa.array([x * int(sys.argv[2]) for x in rows], pa.int64())}),
                                   f'{sys.argv[1]}/silver/events/day={day}/part-0.parquet')
                """, arguments: [lake, String(factor)])
        }
        try writeEvents(factor: 1)
        try """
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day']) AS
            SELECT country, sum(amount) AS revenue, day FROM silver.events GROUP BY country, day
            """.write(toFile: models + "/daily.sql", atomically: true, encoding: .utf8)
        try Subprocess.run(StrataExecutable.path, ["materialize", "--lake", lake, "--models", models])
        // Every day changes: the next run rebuilds the 40 partitions, and publishing pauses between them, so
        // the build holds gold.daily for a few seconds.
        try writeEvents(factor: 2)
        let materialize = try Self.start(
            ["materialize", "--lake", lake, "--models", models], errors: folder.file("materialize.err"),
            environment: ["STRATA_TEST_PUBLISH_PAUSE_MS": "60"])
        defer { if materialize.isRunning { materialize.terminate() } }
        // Once the materialization holds the table's lease, a statement on it that cannot wait long gives up...
        let deadline = Date().addingTimeInterval(60)
        while (try? FileManager.default.contentsOfDirectory(atPath: lake + "/_strata/transactions"))?.isEmpty ?? true, Date() < deadline {
            usleep(20_000)
        }
        let impatient = try Subprocess.capture(
            StrataExecutable.path, ["query", "--lake", lake, "--lock-timeout", "300ms", "INSERT INTO gold.daily VALUES (9, 9, 9)"])
        #expect(impatient.status != 0)
        #expect(impatient.standardError.contains("waiting for strata materialize (gold.daily) (process \(materialize.processIdentifier)"), "\(impatient.standardError)")
        #expect(impatient.standardError.contains("gave up after waiting 300ms for strata materialize (gold.daily)"), "\(impatient.standardError)")
        // ... and one that can wait runs after it, on the table it built.
        let patient = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, "INSERT INTO gold.daily VALUES (9, 9, 9)"])
        materialize.waitUntilExit()
        #expect(materialize.terminationStatus == 0, "\((try? String(contentsOfFile: folder.file("materialize.err"), encoding: .utf8)) ?? "")")
        #expect(patient.status == 0, "\(patient.standardError)")
        #expect(patient.standardError.contains("waiting for strata materialize (gold.daily)"), "\(patient.standardError)")
        // Had the INSERT gone first, the rebuild of day 9 would have replaced its row.
        #expect(try Self.query(lake, "SELECT count(*), count_if(day = 9 AND country = 9) FROM gold.daily") == "_col0,_col1\n281,1\n")
    }
}
