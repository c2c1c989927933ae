// `strata ingest` on a lake on S3 (moto on loopback): bronze objects typed into silver, a row quarantined
// with its key and line, a truncated gzip object moved to quarantine by copy and delete, a re-run that
// reads and writes nothing.
import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake
@testable import StrataStorage

@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3IngestionTests {
    @Test func bronzeObjectsAreIngestedAndABrokenOneMovedAside() throws {
        let lake = try S3TestLake("strata-ingest")
        let (location, environment, store) = (lake.location, lake.environment, lake.store)
        try store.write("bronze/readings/day=2024-05-01/a.csv", bytes: Array("sensor,value\nph-1,7.1\nph-2,#COMM\n".utf8))
        try store.write("bronze/readings/day=2024-05-02/b.csv", bytes: Array("sensor,value\nph-1,7.4\nph-1,7.4\n".utf8))
        let gzip = try Subprocess.run("/bin/sh", ["-c", "seq 1 5000 | sed 's/^/ph-9,/' | gzip -c | head -c 2000 | base64 -w0"])
        try store.write("bronze/readings/day=2024-05-03/c.csv.gz", bytes: Array(Data(base64Encoded: gzip.trimmingCharacters(in: .whitespacesAndNewlines))!))

        let models = try TemporaryDirectory("strata-s3-ingest")
        try """
            -- @key sensor, day
            CREATE TABLE silver.readings WITH (partitioned_by = ARRAY['day']) AS
            SELECT sensor, CAST(value AS DOUBLE) AS value, CAST(day AS DATE) AS day FROM read_csv('bronze/readings/day=*/*')
            """.write(toFile: models.file("readings.sql"), atomically: true, encoding: .utf8)
        func ingest() throws -> IngestionRun {
            try Ingester(session: try LakeSession(location: location, environment: environment), models: try IngestionModel.load(folder: models.path))
                .run()[0]
        }
        func run(_ sql: String) throws -> [[Value]] {
            let session = try LakeSession(location: location, environment: environment)
            guard case .rows(let result) = try session.run(try SQLParser.parseStatement(sql)) else { return [] }
            return try result.drain().flatMap { batch in (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } } }
        }
        let first = try ingest()
        #expect(first.status == .built, "\(first.error ?? "")")
        #expect(first.rejectedFiles.map(\.key) == ["bronze/readings/day=2024-05-03/c.csv.gz"])
        #expect(try run("SELECT sensor, value, day FROM silver.readings ORDER BY day") == [
            [.varchar("ph-1"), .double(7.1), .date(19_844)], [.varchar("ph-1"), .double(7.4), .date(19_845)],
        ])
        #expect(try run("SELECT quarantine_rule, source_file, source_line FROM quarantine.readings") == [
            [.varchar("type(value)"), .varchar("bronze/readings/day=2024-05-01/a.csv"), .integer(3)],
        ])
        #expect(try !store.exists("bronze/readings/day=2024-05-03/c.csv.gz"))
        #expect(try store.exists("quarantine/rejected_files/_objects/bronze/readings/day=2024-05-03/c.csv.gz"))

        let writesBefore = try store.list(prefix: "silver/", delimiter: nil).objects.map(\.key)
        #expect(try ingest().status == .upToDate)
        #expect(try store.list(prefix: "silver/", delimiter: nil).objects.map(\.key) == writesBefore)
    }
}
