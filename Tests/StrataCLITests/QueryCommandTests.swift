// `strata query` and `strata run`, run as the built executable against a small lake.
import Foundation
import StrataTestSupport
import Testing

@Suite struct QueryCommandTests {
    static func lake(in folder: TemporaryDirectory) throws -> String {
        let path = folder.file("lake")
        try Python.run("""
            import sys, os, datetime, decimal, pyarrow as pa, pyarrow.parquet as pq
            root = sys.argv[1]
            for day, rows in [('2024-03-01', [(1, 'a, b', '1.50'), (2, None, '-0.05')]), ('2024-03-02', [(3, 'say "hi"', None)])]:
                os.makedirs(f'{root}/silver/events/event_date={day}')
                pq.write_table(pa.table({
                    'id': pa.array([r[0] for r in rows], pa.int64()),
                    'label': pa.array([r[1] for r in rows]),
                    'amount': pa.array([decimal.Decimal(r[2]) if r[2] else None for r in rows], pa.decimal128(10, 2)),
                    'at': pa.array([datetime.datetime(2024, 3, 1, 12, 0, 0, 500000 if r[0] == 2 else 0) for r in rows], pa.timestamp('us')),
                }), f'{root}/silver/events/event_date={day}/part-0.parquet')
            """, arguments: [path])
        return path
    }

    @Test func printsTheCSVContract() throws {
        let folder = try TemporaryDirectory()
        let lake = try Self.lake(in: folder)
        let result = try Subprocess.capture(
            StrataExecutable.path, ["query", "--lake", lake, "--format", "csv", "SELECT * FROM silver.events ORDER BY id"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput == #"""
            id,label,amount,at,event_date
            1,"a, b",1.50,2024-03-01 12:00:00,2024-03-01
            2,,-0.05,2024-03-01 12:00:00.500000,2024-03-01
            3,"say ""hi""",,2024-03-01 12:00:00,2024-03-02

            """#)
    }

    @Test func otherFormats() throws {
        let folder = try TemporaryDirectory()
        let lake = try Self.lake(in: folder)
        let sql = "SELECT id, label FROM silver.events WHERE id < 3 ORDER BY id"
        let json = try Subprocess.run(StrataExecutable.path, ["query", "--lake", lake, "--format", "json", sql])
        #expect(json == "[\n{\"id\":1,\"label\":\"a, b\"},\n{\"id\":2,\"label\":null}\n]\n")
        let ndjson = try Subprocess.run(StrataExecutable.path, ["query", "--lake", lake, "--format", "ndjson", sql])
        #expect(ndjson == "{\"id\":1,\"label\":\"a, b\"}\n{\"id\":2,\"label\":null}\n")
        let markdown = try Subprocess.run(StrataExecutable.path, ["query", "--lake", lake, "--format", "markdown", sql])
        #expect(markdown == "| id | label |\n| ---: | --- |\n| 1 | a, b |\n| 2 |  |\n")
        let table = try Subprocess.run(StrataExecutable.path, ["query", "--lake", lake, sql])
        #expect(table.contains("NULL"))
    }

    @Test func writesStatisticsAndOutputFiles() throws {
        let folder = try TemporaryDirectory()
        let lake = try Self.lake(in: folder)
        let stats = folder.file("stats.json")
        let output = folder.file("out.csv")
        let result = try Subprocess.capture(
            StrataExecutable.path,
            ["query", "--lake", lake, "--format", "csv", "--output", output, "--stats-json", stats,
             "SELECT count(*) FROM silver.events WHERE event_date = DATE '2024-03-02'"])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "_col0\n1\n")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: stats))) as? [String: Int])
        #expect(Set(object.keys) == [
            "files_listed", "files_opened", "files_scanned", "row_groups_total", "row_groups_scanned", "pages_total",
            "pages_scanned", "bytes_read", "requests", "rows_scanned", "elapsed_ms",
        ])
        // The pruned folder is never listed, and the footer answers count(*) without decoding rows.
        #expect(object["files_listed"] == 1)
        #expect(object["files_opened"] == 1)
        #expect(object["rows_scanned"] == 0)
        #expect(object["bytes_read"]! > 0)
    }

    @Test func readsSQLFromStandardInput() throws {
        let folder = try TemporaryDirectory()
        let lake = try Self.lake(in: folder)
        let result = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, "--format", "csv", "-"], input: "SELECT max(id) AS m FROM silver.events;")
        #expect(result.status == 0)
        #expect(result.standardOutput == "m\n3\n")
    }

    @Test func errorsPointAtTheSQL() throws {
        let folder = try TemporaryDirectory()
        let lake = try Self.lake(in: folder)
        let result = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, "SELECT amont FROM silver.events"])
        #expect(result.status == 1)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError == """
            strata: line 1, column 8: column amont cannot be resolved; did you mean amount?
            SELECT amont FROM silver.events
                   ^

            """)
        let syntax = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, "SELEC 1"])
        #expect(syntax.status == 1)
        #expect(syntax.standardError.contains("did you mean SELECT?"))
        let missing = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", lake, "SELECT * FROM gold.nothing"])
        #expect(missing.standardError.contains("table gold.nothing does not exist"))
    }

    @Test func runStopsAtTheFirstError() throws {
        let folder = try TemporaryDirectory()
        let lake = try Self.lake(in: folder)
        let script = folder.file("script.sql")
        try """
            SELECT count(*) AS n FROM silver.events;
            -- the next one fails
            SELECT nope
              FROM silver.events;
            SELECT 1 AS never;
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try Subprocess.capture(StrataExecutable.path, ["run", "--lake", lake, "--format", "csv", script])
        #expect(result.status == 1)
        #expect(result.standardOutput == "n\n3\n")
        #expect(result.standardError.contains("script.sql: the statement at line 3 failed"))
        #expect(result.standardError.contains("line 3, column 8: column nope cannot be resolved"))
        #expect(!result.standardOutput.contains("never"))
    }
}
