import StrataCore
import StrataExecution
import StrataFormats
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

/// The partitioned writer: one file per partition however the rows arrive, bounded open files and memory
/// (spilling partitions beyond the limit), files rolled over at a size.
@Suite struct PartitionedWriterTests {
    /// `rows` rows whose partition is `row % partitions` (so every batch touches every partition).
    func batches(rows: Int, partitions: Int, batchSize: Int = 4096) -> [Batch] {
        stride(from: 0, to: rows, by: batchSize).map { start in
            let count = min(batchSize, rows - start)
            let ids = Column.build(.bigint, (start..<(start + count)).map { .integer(Int64($0)) })
            let text = Column.build(.varchar, (start..<(start + count)).map { .varchar("row \($0) " + String(repeating: "x", count: $0 % 50)) })
            let keys = Column.build(.varchar, (start..<(start + count)).map { row in
                row % partitions == 0 ? .null : .varchar("p/\(row % partitions)")
            })
            return Batch(columns: [ids, text, keys], count: count)
        }
    }

    func write(_ batches: [Batch], limits: PartitionedWriter.Limits, into folder: String) throws -> [WrittenFile] {
        let store = LocalObjectStore(root: folder)
        let layout = PartitionedWriter.Layout(
            dataFields: [Field("id", .bigint), Field("text", .varchar)], partitionKeys: ["part"], partitionTypes: [.varchar])
        let writer = try PartitionedWriter(
            store: store, prefix: "t/", layout: layout, format: .parquet(ParquetWriterOptions()), fileStem: "part-test", limits: limits,
            context: ExecutionContext(batchSize: 4096, parallelism: 1, statementTimestamp: 0))
        for batch in batches { try writer.write(batch) }
        return try writer.finish()
    }

    @Test func manyInterleavedPartitionsGetOneFileEachWithFewFilesOpen() throws {
        let folder = try TemporaryDirectory("strata-partitioned")
        var limits = PartitionedWriter.Limits(memoryBudget: 256 << 10, maxOpenFiles: 4)
        limits.spillFiles = 3
        let files = try write(batches(rows: 60_000, partitions: 37), limits: limits, into: folder.path)
        #expect(files.count == 37)
        #expect(Set(files.map(\.partitionPath)).count == 37)
        #expect(files.reduce(0) { $0 + $1.rows } == 60_000)
        #expect(files.contains { $0.partitionPath == "part=__HIVE_DEFAULT_PARTITION__" })
        #expect(files.contains { $0.partitionPath == "part=p%2F5" })
        // Nothing but the table's files is left (the spill is gone).
        let check = try Python.run("""
            import sys, duckdb
            rows = duckdb.sql("SELECT part, count(*), min(id), count(DISTINCT id) FROM read_parquet('%s/t/*/*.parquet', hive_partitioning = true) GROUP BY part ORDER BY part" % sys.argv[1]).fetchall()
            assert len(rows) == 37, len(rows)
            assert sum(r[1] for r in rows) == 60000
            assert all(r[1] == r[3] for r in rows)
            print('ok')
            """, arguments: [folder.path])
        #expect(check.contains("ok"))
    }

    @Test func aSmallBudgetWritesSmallRowGroupsAndBigFilesRollOver() throws {
        let folder = try TemporaryDirectory("strata-partitioned")
        var limits = PartitionedWriter.Limits(memoryBudget: 64 << 10, maxOpenFiles: 64)
        limits.maxFileBytes = 200 << 10
        let files = try write(batches(rows: 100_000, partitions: 3), limits: limits, into: folder.path)
        #expect(files.reduce(0) { $0 + $1.rows } == 100_000)
        #expect(files.count > 3)
        let groups = try files.map { file in
            try ParquetFile.open(path: folder.path + "/t/" + file.relativeKey).rowGroups.count
        }
        #expect(groups.contains { $0 > 1 })
    }

    @Test func badPartitionTypesAreRefused() throws {
        let folder = try TemporaryDirectory("strata-partitioned")
        let layout = PartitionedWriter.Layout(dataFields: [Field("x", .bigint)], partitionKeys: ["amount"], partitionTypes: [.decimal(precision: 10, scale: 2)])
        #expect(throws: LakeError.self) {
            _ = try PartitionedWriter(
                store: LocalObjectStore(root: folder.path), prefix: "", layout: layout, format: .parquet(ParquetWriterOptions()),
                fileStem: "x", limits: .init(), context: ExecutionContext(batchSize: 10, parallelism: 1, statementTimestamp: 0))
        }
    }
}
