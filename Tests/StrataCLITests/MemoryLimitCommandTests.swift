// `--memory-limit` and `SET memory_limit` from the command line: a query whose sort and aggregation far
// outgrow the limit spills to the temporary folder (and only there), gives the answer it gives with
// plenty of memory, and leaves nothing behind; what cannot spill fails with a message saying what to do.
import Foundation
import StrataTestSupport
import Testing

@Suite struct MemoryLimitCommandTests {
    static let lake: Result<TemporaryDirectory, Error> = Result {
        let folder = try TemporaryDirectory("strata-memory")
        try Python.run("""
            import sys, os, pyarrow as pa, pyarrow.parquet as pq
            root = sys.argv[1] + '/lake/silver/events'
            os.makedirs(root)
            for part in range(4):
                ids = list(range(part * 100000, (part + 1) * 100000))
                pq.write_table(pa.table({
                    'id': ids,
                    'user_name': [f'user-{(i * 7919) % 60000:05d}' for i in ids],
                    'amount': [(i * 31) % 1000 for i in ids],
                }), f'{root}/part-{part}.parquet')
            """, arguments: [folder.path])
        return folder
    }

    static let sql = """
        SELECT user_name, count(*) AS n, sum(amount) AS total, min(id) AS first_id, count(DISTINCT amount % 7) AS kinds
        FROM silver.events GROUP BY user_name ORDER BY total DESC, user_name
        """

    /// `strata ARGUMENTS` with `TMPDIR` set, for where spills go.
    func strata(_ arguments: [String], temporary: String) throws -> Subprocess.Result {
        try Subprocess.capture("/usr/bin/env", ["TMPDIR=\(temporary)", StrataExecutable.path] + arguments)
    }

    @Test func aQueryOverTheLimitSpillsAndGivesTheSameAnswer() throws {
        let folder = try Self.lake.get()
        let lake = folder.file("lake")
        let temporary = folder.file("tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: temporary, withIntermediateDirectories: true)
        let roomy = try strata(["query", "--lake", lake, "--format", "csv", Self.sql], temporary: temporary)
        #expect(roomy.status == 0, "\(roomy.standardError)")
        let tight = try strata(["query", "--lake", lake, "--memory-limit", "2MB", "--format", "csv", Self.sql], temporary: temporary)
        #expect(tight.status == 0, "\(tight.standardError)")
        #expect(tight.standardOutput == roomy.standardOutput)
        #expect(tight.standardOutput.split(separator: "\n").count == 60_001)
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary).isEmpty, "spill files were left behind")

        // It did spill: with nowhere to spill, the same query says where it tried.
        let nowhere = try strata(
            ["query", "--lake", lake, "--memory-limit", "2MB", "--format", "csv", Self.sql], temporary: folder.file("missing"))
        #expect(nowhere.status != 0)
        #expect(nowhere.standardError.contains("cannot create the spill folder \(folder.file("missing"))/strata-spill-"))
        #expect(nowhere.standardError.contains("spill elsewhere with SET temp_directory"))

        // SET in a script does the same, with the spill folder named by SET temp_directory.
        let script = folder.file("tight-\(UUID().uuidString).sql")
        try "SET memory_limit = '2MB';\nSET temp_directory = '\(temporary)';\n\(Self.sql);\n".write(toFile: script, atomically: true, encoding: .utf8)
        let scripted = try strata(["run", "--lake", lake, "--format", "csv", script], temporary: folder.file("missing"))
        #expect(scripted.status == 0, "\(scripted.standardError)")
        #expect(scripted.standardOutput.hasSuffix(roomy.standardOutput))
    }

    @Test func whatCannotSpillFailsWithAMessage() throws {
        let folder = try Self.lake.get()
        let lake = folder.file("lake")
        let join = try strata(
            ["query", "--lake", lake, "--memory-limit", "2MB",
             "SELECT count(*) FROM silver.events a JOIN silver.events b ON a.id = b.amount"], temporary: NSTemporaryDirectory())
        #expect(join.status != 0)
        #expect(join.standardError.contains("out of memory: the hash join's build side needs "))
        #expect(join.standardError.contains("over the memory_limit of 2.0 MB; a hash join holds its smaller side in memory"))

        let bad = try strata(["query", "--lake", lake, "--memory-limit", "lots", "SELECT 1"], temporary: NSTemporaryDirectory())
        #expect(bad.status != 0)
        #expect(bad.standardError.contains("--memory-limit needs a size of at least 1MB such as 2GB, 512MB or 1.5GiB, not 'lots'"))
    }
}
