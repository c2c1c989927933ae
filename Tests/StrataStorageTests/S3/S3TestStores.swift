// S3 stores for tests: a fresh bucket on the shared moto server (optionally behind a fault proxy), with
// fake credentials that tests check never leak into messages.
import StrataTestSupport
@testable import StrataStorage

enum S3TestStores {
    static let accessKeyID = "AKIAFAKEKEYFORTESTS01"
    static let secretAccessKey = "fakeSecret/ForStrataTests+0123456789abcdefXYZ"
    static let sessionToken = "fakeSessionTokenForStrataTests/abcdefghijklmnopqrstuvwxyz0123456789=="

    static let credentials = AWSCredentials(
        accessKeyID: accessKeyID, secretAccessKey: secretAccessKey, sessionToken: sessionToken, source: "tests")

    /// A configuration for `endpoint` with fast retries, so failure tests stay quick.
    static func configuration(endpoint: String) throws -> S3Configuration {
        var configuration = S3Configuration(
            region: "us-east-1", credentials: credentials, endpoint: try S3Endpoint(parsing: endpoint))
        configuration.retryPolicy = RetryPolicy(
            maxAttempts: 4, initialDelayMilliseconds: 20, maxDelayMilliseconds: 200, maxElapsedMilliseconds: 20_000)
        configuration.connectTimeoutMilliseconds = 2_000
        // Generous: a loaded test machine must not look like a stalled server (the stall test sets its own).
        configuration.stallTimeoutSeconds = 10
        return configuration
    }

    static func uniqueBucket() -> String {
        "strata-test-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// A store on a new bucket of the shared moto server, reached through `endpoint` when given (a
    /// fault proxy), else directly.
    static func make(
        prefix: String = "lake", endpoint: String? = nil, configure: (inout S3Configuration) -> Void = { _ in }
    ) throws -> S3ObjectStore {
        let moto = try MotoServer.shared()
        let bucket = uniqueBucket()
        // The bucket is made directly on moto, so faults meant for the test do not hit its creation.
        try S3ObjectStore(bucket: bucket, prefix: "", configuration: configuration(endpoint: moto.endpoint)).createBucket()
        var configuration = try configuration(endpoint: endpoint ?? moto.endpoint)
        configure(&configuration)
        return S3ObjectStore(bucket: bucket, prefix: prefix, configuration: configuration)
    }

    /// Bytes 0, 1, 2, ... 255, 0, 1, ... of length `count`, mixed so that misplaced ranges show.
    static func pattern(_ count: Int, seed: UInt8 = 0) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ ($0 >> 8) &+ Int(seed)) }
    }
}
