// Writing Parquet to S3 (moto): a file large enough for a multipart upload reads back exactly, and a
// write that fails midway leaves no object in the bucket.
import Foundation
import StrataCore
import StrataTestSupport
import Testing
@testable import StrataFormats
@testable import StrataStorage

@Suite(.enabled(if: MotoServer.isAvailable)) struct S3WriterTests {
    static func store() throws -> S3ObjectStore {
        let moto = try MotoServer.shared()
        let bucket = "strata-writer-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
        var configuration = S3Configuration(
            region: "us-east-1", credentials: AWSCredentials(accessKeyID: "AKIAFAKEWRITERTESTS0", secretAccessKey: "fake/secret"),
            endpoint: try S3Endpoint(parsing: moto.endpoint))
        configuration.multipartPartSize = 5 << 20
        try S3ObjectStore(bucket: bucket, prefix: "", configuration: configuration).createBucket()
        return S3ObjectStore(bucket: bucket, prefix: "lake", configuration: configuration)
    }

    static let schema = Schema([Field("id", .bigint), Field("payload", .varchar)])

    /// Rows of ids and incompressible text, so the file outgrows one multipart part.
    static func batch(_ rows: Range<Int>) -> Batch {
        var id = ColumnBuilder(type: .bigint)
        var payload = ColumnBuilder(type: .varchar)
        for row in rows {
            id.append(.integer(Int64(row)))
            var generator = SeededRandom(seed: UInt64(row))
            payload.append(.varchar(String((0..<120).map { _ in Character(UnicodeScalar(UInt8.random(in: 33...126, using: &generator))) })))
        }
        return Batch(columns: [id.finish(), payload.finish()], count: rows.count)
    }

    @Test func multipartFileReadsBack() throws {
        let store = try Self.store()
        var options = ParquetWriterOptions()
        options.rowGroupSize = 4 << 20
        let writer = try ParquetWriter(store: store, key: "gold/daily/part-0.parquet", schema: Self.schema, options: options)
        for start in stride(from: 0, to: 100_000, by: 20_000) { try writer.write(Self.batch(start..<(start + 20_000))) }
        let result = try writer.close()
        #expect(result.fileSize > 10 << 20)
        #expect(result.location.hasPrefix("s3://"))
        let file = try ParquetFile.open(store: store, key: "gold/daily/part-0.parquet")
        #expect(file.size == result.fileSize && file.rowCount == 100_000 && file.rowGroups.count > 2)
        let values = try ParquetFixtures.readAll(file)
        #expect(values["id"] == (0..<100_000).map { Value.integer(Int64($0)) })
        #expect(values["payload"]?[777] == Self.batch(777..<778).columns[1].value(at: 0))
    }

    @Test func failedWriteLeavesNoObject() throws {
        let store = try Self.store()
        var options = ParquetWriterOptions()
        options.rowGroupSize = 2 << 20
        let writer = try ParquetWriter(store: store, key: "gold/broken.parquet", schema: Schema([Field("id", .bigint, isNullable: false), Field("payload", .varchar)]), options: options)
        for start in stride(from: 0, to: 60_000, by: 20_000) { try writer.write(Self.batch(start..<(start + 20_000))) }
        #expect(writer.bytesWritten > 5 << 20)
        var id = ColumnBuilder(type: .bigint)
        id.append(.null)
        #expect(throws: ParquetError.self) {
            try writer.write(Batch(columns: [id.finish(), Self.batch(0..<1).columns[1]], count: 1))
        }
        #expect(try store.list(prefix: "gold/", delimiter: nil).objects.isEmpty)
    }
}
