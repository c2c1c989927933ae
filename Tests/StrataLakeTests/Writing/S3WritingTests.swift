import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake
@testable import StrataStorage

/// Writing to a lake on S3 (moto on loopback): CTAS, INSERT OVERWRITE, DROP, and recovery of a statement
/// killed while publishing, all through object copies and deletes.
@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3WritingTests {
    func makeLake(_ label: String) throws -> (LakeSession, any ObjectStore) {
        let lake = try S3TestLake(label)
        return (try lake.session(), lake.store)
    }

    func run(_ session: LakeSession, _ sql: String) throws -> [[Value]] {
        guard case .rows(let result) = try session.run(try SQLParser.parseStatement(sql)) else { return [] }
        return try result.drain().flatMap { batch in (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } } }
    }

    @Test func tablesAreWrittenAndReplacedOnS3() throws {
        let (session, store) = try makeLake("strata-writing")
        _ = try run(session, """
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day'], write_compression = 'ZSTD') AS
            SELECT * FROM (VALUES (1, 'a', DATE '2024-03-01'), (2, 'b', DATE '2024-03-01'), (3, 'c', DATE '2024-03-02')) AS t(id, tag, day)
            """)
        #expect(try run(session, "SELECT day, count(*) FROM gold.daily GROUP BY 1 ORDER BY 1") == [
            [.date(19_783), .integer(2)], [.date(19_784), .integer(1)],
        ])
        _ = try run(session, "INSERT OVERWRITE gold.daily SELECT 9, 'z', DATE '2024-03-02'")
        _ = try run(session, "INSERT INTO gold.daily SELECT 10, 'y', DATE '2024-03-02'")
        #expect(try run(session, "SELECT id FROM gold.daily ORDER BY 1") == [[.integer(1)], [.integer(2)], [.integer(9)], [.integer(10)]])
        let keys = try store.list(prefix: "", delimiter: nil).objects.map(\.key)
        #expect(keys.filter { $0.hasPrefix("gold/daily/day=2024-03-02/") }.count == 2)
        #expect(!keys.contains { $0.hasPrefix("_strata/staging") || $0.hasPrefix("_strata/transactions") })
        _ = try run(session, "DROP TABLE gold.daily")
        #expect(try store.list(prefix: "gold/", delimiter: nil).objects.isEmpty)
    }

    @Test func aCommittedStatementIsFinishedOnS3() throws {
        let (_, store) = try makeLake("strata-recovery")
        try store.write("t/k=1/old.parquet", bytes: [1])
        try store.write("t/k=2/old.parquet", bytes: [2])
        var record = TransactionRecord(id: "5-5-s3", statement: "TEST", targetPrefix: "t/", controlPrefix: "_strata/")
        record.owner = ProcessIdentity(host: ProcessIdentity.current.host, pid: 999_999_999, startTicks: 1)
        try store.write(record.stagingPrefix + "k=1/new.parquet", bytes: [3])
        try store.write(record.stagingPrefix + "k=3/new.parquet", bytes: [4])
        record.units = [.init(path: "k=1", replace: true, files: ["new.parquet"]), .init(path: "k=3", replace: true, files: ["new.parquet"])]
        record.state = .committed
        try store.write("_strata/transactions/5-5-s3.json", bytes: try LakeJSON.encode(record))
        try WriteTransaction.recover(store: store)
        #expect(try store.list(prefix: "", delimiter: nil).objects.map(\.key) == ["t/k=1/new.parquet", "t/k=2/old.parquet", "t/k=3/new.parquet"])
    }
}
