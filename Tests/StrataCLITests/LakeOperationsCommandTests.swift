// `strata crawl`, `doctor`, `compact`, `retain` and `ddl` as the built executable: their tables on standard
// output, progress on standard error, `doctor --format json`, exit statuses, and bad arguments named.
import Foundation
import StrataTestSupport
import Testing

@Suite struct LakeOperationsCommandTests {
    struct Fixture {
        let folder: TemporaryDirectory
        var lake: String { folder.file("lake") }

        init() throws {
            folder = try TemporaryDirectory("strata-operations-cli")
            try Python.run("""
                import sys, os, pyarrow as pa, pyarrow.parquet as pq
                root = sys.argv[1]
                for day in ['2020-01-01', '2020-01-02', '2999-01-01']:
                    os.makedirs(f'{root}/silver/events/event_date={day}')
                    for part in range(5):
                        pq.write_table(pa.table({'id': pa.array([part, part + 10], pa.int64())}), f'{root}/silver/events/event_date={day}/part-{part}.parquet')
                """, arguments: [lake])
        }

        func strata(_ arguments: [String]) throws -> Subprocess.Result {
            try Subprocess.capture(StrataExecutable.path, [arguments[0], "--lake", lake] + arguments.dropFirst())
        }
    }

    @Test func crawlThenDoctorThenCompactThenRetain() throws {
        let fixture = try Fixture()
        let crawl = try fixture.strata(["crawl"])
        #expect(crawl.status == 0, "\(crawl.standardError)")
        #expect(crawl.standardOutput.contains("silver.events |          3 |    15 |"))
        #expect(crawl.standardOutput.contains("| new"))
        #expect(crawl.standardError.contains("crawling silver.events"))
        #expect(try fixture.strata(["crawl", "silver.events"]).standardOutput.contains("|            0 | unchanged"))

        let doctor = try fixture.strata(["doctor", "--format", "json"])
        #expect(doctor.status == 0, "\(doctor.standardError)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(doctor.standardOutput.utf8)) as? [String: Any])
        #expect(report["target_file_size"] as? Int == 128_000_000)
        let table = try #require((report["tables"] as? [[String: Any]])?.first)
        #expect(table["name"] as? String == "silver.events")
        #expect(table["files"] as? Int == 15)
        #expect(table["partition_keys"] as? [String] == ["event_date"])
        let kinds = (table["findings"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
        #expect(kinds.contains("small_files"))
        let text = try fixture.strata(["doctor", "silver.events", "--target-file-size", "1MiB"])
        #expect(text.standardOutput.contains("fix: strata compact silver.events --target-file-size 1MiB"))

        let dryRun = try fixture.strata(["compact", "silver.events", "--dry-run", "--where", "event_date < DATE '2021-01-01'"])
        #expect(dryRun.status == 0, "\(dryRun.standardError)")
        #expect(dryRun.standardOutput.contains("silver.events: would rewrite 2 partitions (10 files into 2); 0 left as they were"))
        let compact = try fixture.strata(["compact", "silver.events", "--sort-by", "id DESC"])
        #expect(compact.status == 0, "\(compact.standardError)")
        #expect(compact.standardOutput.contains("silver.events: rewrote 3 partitions (15 files into 3)"))
        #expect(compact.standardError.contains("compacting silver.events event_date=2020-01-01 (1 of 3)"))

        let retainPlan = try fixture.strata(["retain", "silver.events", "--older-than", "365d", "--dry-run"])
        #expect(retainPlan.standardOutput.contains("silver.events: would drop 2 partitions before"))
        let retain = try fixture.strata(["retain", "silver.events", "--older-than", "365d"])
        #expect(retain.status == 0, "\(retain.standardError)")
        #expect(retain.standardOutput.contains("silver.events: dropped 2 partitions before"))
        let left = try Subprocess.capture(StrataExecutable.path, ["query", "--lake", fixture.lake, "--format", "csv", "SELECT event_date, id FROM silver.events"])
        #expect(left.standardOutput == "event_date,id\n2999-01-01,14\n2999-01-01,13\n2999-01-01,12\n2999-01-01,11\n2999-01-01,10\n2999-01-01,4\n2999-01-01,3\n2999-01-01,2\n2999-01-01,1\n2999-01-01,0\n")
    }

    @Test func badArgumentsAreNamed() throws {
        let fixture = try Fixture()
        let size = try fixture.strata(["compact", "silver.events", "--target-file-size", "lots"])
        #expect(size.status == 1)
        #expect(size.standardError.contains("invalid size 'lots'"))
        let horizon = try fixture.strata(["retain", "silver.events", "--older-than", "a while"])
        #expect(horizon.standardError.contains("invalid retention 'a while'"))
        let noHorizon = try fixture.strata(["retain", "silver.events"])
        #expect(noHorizon.standardError.contains("no horizon for silver.events"))
        let missing = try fixture.strata(["doctor", "silver.nothing"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no table or folder silver.nothing in the lake"))
        let readOnly = try fixture.strata(["compact", "silver.events", "--read-only"])
        #expect(readOnly.status == 1)
        #expect(readOnly.standardError.contains("the lake is open read-only (--read-only)"))
        #expect(try fixture.strata(["doctor", "silver.events", "--read-only"]).status == 0)
        let format = try fixture.strata(["doctor", "--format", "yaml"])
        #expect(format.status == 64)
        #expect(try fixture.strata(["query", "MSCK REPAIR TABLE silver.events"]).standardOutput.contains("MSCK REPAIR TABLE silver.events: 3 partitions in 15 files recorded"))
    }
}

@Suite struct DDLCommandTests {
    @Test func ddlPrintsEachDialectAndNamesWhatIsMissing() throws {
        let fixture = try LakeOperationsCommandTests.Fixture()
        let athena = try fixture.strata(["ddl", "--location-root", "s3://data-lake/lake"])
        #expect(athena.status == 0, "\(athena.standardError)")
        #expect(athena.standardOutput.hasPrefix("CREATE DATABASE IF NOT EXISTS `silver`;\n\nCREATE EXTERNAL TABLE IF NOT EXISTS `silver`.`events` (\n  `id` bigint\n)"))
        #expect(athena.standardOutput.contains("LOCATION 's3://data-lake/lake/silver/events/'"))
        // 2020-01-01, 2020-01-02 and 2999-01-01 are not dense: the partitions are registered instead.
        #expect(athena.standardOutput.contains("MSCK REPAIR TABLE `silver`.`events`;"))
        let trino = try fixture.strata(["ddl", "--dialect", "trino", "--catalog", "lake", "silver.events"])
        #expect(trino.standardOutput.contains("CREATE TABLE IF NOT EXISTS lake.\"silver\".\"events\" (\n  \"id\" bigint,\n  \"event_date\" date\n)"))
        let missing = try fixture.strata(["ddl", "silver.nothing"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("no table silver.nothing in the lake"))
        #expect(try fixture.strata(["ddl", "--dialect", "oracle"]).status == 64)
    }
}
