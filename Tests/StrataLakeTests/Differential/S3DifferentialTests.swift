import Foundation
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake
@testable import StrataStorage

/// The differential lake copied to an S3 server (moto on a loopback port): every other query of the
/// corpus must give DuckDB's answer through `s3://` too, exercising listing, footers and ranged reads.
@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3DifferentialTests {
    static let lake: Result<S3Lake, Error> = Result { try S3Lake() }

    struct S3Lake: Sendable {
        let environment: [String: String]
        let location = StorageLocation.s3(bucket: "strata-differential", prefix: "lakes/test")

        init() throws {
            let moto = try MotoServer.shared()
            environment = [
                "AWS_ENDPOINT_URL": moto.endpoint, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                "AWS_REGION": "us-east-1",
            ]
            let store = try location.makeStore(environment: environment)
            try (store as! S3ObjectStore).createBucket()
            let local = LocalObjectStore(root: try DifferentialLake.shared.get().path)
            for object in try local.list(prefix: "", delimiter: nil).objects {
                try store.write(object.key, bytes: try local.read(object.key, range: nil))
            }
        }
    }

    static let queries = DifferentialQueries.all.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)

    @Test(arguments: queries)
    func matchesDuckDBThroughS3(_ query: DifferentialQuery) throws {
        let local = try DifferentialLake.shared.get()
        let lake = try Self.lake.get()
        let expected = try #require(local.duckdbResults[query.sql]).get()
        let actual: [[String?]]
        do {
            actual = try DifferentialLake.rows(query.sql, session: try LakeSession(location: lake.location, environment: lake.environment))
        } catch {
            Issue.record("Strata failed through S3: \(error)\n\(query.sql)")
            return
        }
        if let difference = ResultComparison.difference(strata: actual, duckdb: expected, ordered: query.ordered) {
            Issue.record("\(difference)\n\(query.sql)")
        }
    }
}
