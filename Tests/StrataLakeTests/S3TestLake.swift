// A lake in a new bucket of the shared moto server, for the tests that run Strata on S3: its location,
// the settings that reach moto, a store, fresh sessions, and statements run to rows.
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
@testable import StrataLake
@testable import StrataStorage

struct S3TestLake {
    let location: StorageLocation
    let environment: [String: String]
    let store: any ObjectStore

    /// A lake at `s3://<label>-<random>/lake`.
    init(_ label: String) throws {
        let moto = try MotoServer.shared()
        environment = [
            "AWS_ENDPOINT_URL": moto.endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
        ]
        location = StorageLocation.s3(bucket: "\(label)-\(UInt32.random(in: 0...UInt32.max))", prefix: "lake")
        store = try location.makeStore(environment: environment)
        try (store as! S3ObjectStore).createBucket()
    }

    /// A new session, which sees what earlier ones wrote.
    func session() throws -> LakeSession {
        try LakeSession(location: location, environment: environment)
    }

    /// The rows of `sql`, run in a new session.
    @discardableResult
    func rows(_ sql: String) throws -> [[Value]] {
        guard case .rows(let result) = try session().run(try SQLParser.parseStatement(sql)) else { return [] }
        return try result.drain().flatMap { batch in (0..<batch.count).map { row in batch.columns.map { $0.value(at: row) } } }
    }
}
