// Retries and errors, proven through a fault-injecting proxy in front of moto: throttling, 5xx, resets,
// bodies cut short or stalled are retried until they succeed; retries stop at the policy's bounds with an
// error naming bucket, key, HTTP status, S3 code and request id; client errors are not retried; a failed
// multipart upload is aborted; and no message ever carries a credential.
import Testing
import StrataTestSupport
@testable import StrataStorage

@Suite(.enabled(if: MotoServer.isAvailable, "moto is not installed: pip install 'moto[server]'"))
struct S3RetryTests {
    let proxy: FaultProxy
    let store: S3ObjectStore
    let data = S3TestStores.pattern(64 << 10)

    init() throws {
        proxy = try FaultProxy(upstreamPort: try MotoServer.shared().port)
        store = try S3TestStores.make(endpoint: proxy.endpoint)
        try store.write("t/data.bin", bytes: data)
    }

    /// Checks that no credential appears anywhere in the error's text.
    private func expectNoSecrets(_ error: StorageError, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = "\(error) \(error.message) \(error.serviceCode ?? "") \(error.requestID ?? "")"
        for secret in [S3TestStores.secretAccessKey, S3TestStores.sessionToken, S3TestStores.accessKeyID] {
            #expect(!text.contains(secret), "a credential leaked into: \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func throttlingAndServerErrorsAreRetried() throws {
        try proxy.inject([
            .status(503, code: "SlowDown", match: "GET /.*/t/data.bin"),
            .status(500, code: "InternalError", match: "GET /.*/t/data.bin"),
        ])
        #expect(try store.read("t/data.bin", range: 100..<200) == Array(data[100..<200]))
        let statistics = try proxy.statistics()
        #expect(statistics.requests == 3)
        #expect(statistics.faulted == 2)
    }

    @Test func brokenConnectionsAndShortBodiesAreRetried() throws {
        try proxy.inject([
            .reset(match: "GET /.*/t/data.bin"), .dropMidBody(match: "GET /.*/t/data.bin", times: 2),
        ])
        #expect(try store.read("t/data.bin", range: nil) == data)
        #expect(try proxy.statistics().requests == 4)
    }

    @Test func stalledBodiesTimeOutAndAreRetried() throws {
        // The store gives up on a transfer that moves nothing for 1 s; the stall lasts 5 s. Without the
        // stall detection the read would succeed after 5 s in one request.
        let store = try S3TestStores.make(endpoint: proxy.endpoint) { $0.stallTimeoutSeconds = 1 }
        try store.write("t/data.bin", bytes: data)
        try proxy.inject([.stallMidBody(seconds: 5, match: "GET /.*/t/data.bin")])
        let started = ContinuousClock.now
        #expect(try store.read("t/data.bin", range: 0..<60_000) == Array(data[0..<60_000]))
        #expect(ContinuousClock.now - started < .seconds(5))
        #expect(try proxy.statistics().requests >= 2)
    }

    @Test func slowAnswersWithinTheLimitsAreWaitedFor() throws {
        try proxy.inject([.delay(seconds: 0.5, match: "GET /.*/t/data.bin")])
        #expect(try store.readSuffix("t/data.bin", length: 10).bytes == Array(data.suffix(10)))
        #expect(try proxy.statistics().requests == 1)
    }

    @Test func givesUpWithAnErrorNamingEverything() throws {
        try proxy.inject([.status(503, code: "SlowDown", match: "GET /.*/t/data.bin", times: 100)])
        do {
            _ = try store.read("t/data.bin", range: 0..<10)
            Issue.record("must fail")
        } catch {
            #expect(error.code == .server)
            #expect(error.location == "s3://\(store.bucket)/lake/t/data.bin")
            #expect(error.httpStatus == 503)
            #expect(error.serviceCode == "SlowDown")
            #expect(error.requestID == "FAULT-4")
            #expect(error.description.contains("gave up after 4 attempts"))
            #expect(error.description.contains("(HTTP 503, SlowDown, request id FAULT-4)"))
            expectNoSecrets(error)
        }
        #expect(try proxy.statistics().requests == 4)
    }

    @Test func retriesAreBoundedInTime() throws {
        let store = try S3TestStores.make(endpoint: proxy.endpoint) {
            $0.retryPolicy = RetryPolicy(
                maxAttempts: 1_000, initialDelayMilliseconds: 50, maxDelayMilliseconds: 100, maxElapsedMilliseconds: 600)
        }
        try proxy.inject([.status(500, code: "InternalError", times: 10_000)])
        let started = ContinuousClock.now
        #expect(throws: StorageError.self) { try store.list(prefix: "", delimiter: "/") }
        #expect(ContinuousClock.now - started < .seconds(5))
        let requests = try proxy.statistics().requests
        #expect(requests >= 2 && requests < 30)
    }

    @Test func clientErrorsAreNotRetried() throws {
        try proxy.inject([.status(403, code: "AccessDenied", match: "GET /.*/t/data.bin")])
        do {
            _ = try store.read("t/data.bin", range: 0..<10)
            Issue.record("must fail")
        } catch {
            #expect(error.code == .accessDenied)
            #expect(error.description.contains("HTTP 403, AccessDenied, request id FAULT-1"))
            #expect(!error.description.contains("gave up"))
            expectNoSecrets(error)
        }
        #expect(try proxy.statistics().requests == 1)
    }

    @Test func transportFailuresGiveUpAsNetworkErrors() throws {
        try proxy.inject([.reset(times: 100)])
        do {
            _ = try store.head("t/data.bin")
            Issue.record("must fail")
        } catch {
            #expect(error.code == .network)
            #expect(error.location == "s3://\(store.bucket)/lake/t/data.bin")
            #expect(error.description.contains("gave up after 4 attempts"))
            expectNoSecrets(error)
        }
        // libcurl itself resends once when a reused keep-alive connection dies before any answer.
        let statistics = try proxy.statistics()
        #expect((4...5).contains(statistics.requests), "\(statistics.log)")

        let nowhere = S3ObjectStore(
            bucket: store.bucket, prefix: "lake",
            configuration: try S3TestStores.configuration(endpoint: "http://127.0.0.1:\(try MotoServer.freePort())"))
        #expect(throws: StorageError.self) { try nowhere.list(prefix: "", delimiter: nil) }
    }

    @Test func batchesRetryOnlyTheFailedRequests() throws {
        try store.write("t/a.bin", bytes: [1, 2, 3])
        try store.write("t/b.bin", bytes: [4, 5, 6])
        try proxy.inject([.status(503, code: "SlowDown", match: "GET /.*/t/b.bin", times: 2)])
        let results = try store.read([
            RangeRead(key: "t/a.bin", range: 0..<2), RangeRead(key: "t/b.bin", range: 1..<3),
            RangeRead(key: "t/data.bin", range: 5..<9),
        ])
        #expect(results == [[1, 2], [5, 6], Array(data[5..<9])])
        #expect(try proxy.statistics().requests == 5)
    }

    @Test func listingsAndCopiesRetry() throws {
        try proxy.inject([
            .status(500, code: "InternalError", match: "GET /[^/]+\\?"),
            // CopyObject can fail after answering 200: the error is in the body.
            .status(200, code: "InternalError", match: "PUT /.*/t/copy.bin"),
        ])
        #expect(try store.list(prefix: "t/", delimiter: "/").objects.map(\.key) == ["t/data.bin"])
        try store.copy(from: "t/data.bin", to: "t/copy.bin")
        #expect(try store.read("t/copy.bin", range: nil) == data)
        #expect(try proxy.statistics().faulted == 2)
    }

    @Test func multipartUploadsRetryPartsAndCompletion() throws {
        let store = try S3TestStores.make(endpoint: proxy.endpoint) { $0.multipartPartSize = 5 << 20 }
        let bytes = S3TestStores.pattern(11 << 20, seed: 9)
        try proxy.inject([
            .status(503, code: "SlowDown", match: "PUT .*partNumber=2"),
            .reset(match: "PUT .*partNumber=3"),
            .status(200, code: "InternalError", match: "POST .*uploadId="),
        ])
        try store.write("t/big.bin", bytes: bytes)
        #expect(try store.read("t/big.bin", range: nil) == bytes)
        #expect(try proxy.statistics().faulted == 3)
    }

    @Test func completionsWhoseAnswerIsLostAreRecognized() throws {
        let store = try S3TestStores.make(endpoint: proxy.endpoint) { $0.multipartPartSize = 5 << 20 }
        let bytes = S3TestStores.pattern(7 << 20, seed: 4)
        // The server completes the upload, but the answer breaks off; the retry finds the upload gone,
        // as S3 reports it (moto would answer the repeated completion with success).
        try proxy.inject([
            .dropMidBody(match: "POST .*uploadId="), .status(404, code: "NoSuchUpload", match: "POST .*uploadId="),
        ])
        try store.write("t/lost.bin", bytes: bytes)
        #expect(try store.read("t/lost.bin", range: nil) == bytes)
        #expect(try proxy.statistics().log.filter { $0.hasPrefix("POST ") && $0.contains("uploadId=") }.count == 2)
    }

    @Test func failedUploadsAreAborted() throws {
        let store = try S3TestStores.make(endpoint: proxy.endpoint) { $0.multipartPartSize = 5 << 20 }
        try proxy.inject([.status(403, code: "AccessDenied", match: "PUT .*partNumber=2")])
        let writer = try store.makeWriter("t/denied.bin")
        do {
            try writer.write(bytes: S3TestStores.pattern(16 << 20))
            try writer.finish()
            Issue.record("must fail")
        } catch {
            #expect(error.code == .accessDenied)
            #expect(error.description.contains("upload part 2"))
            expectNoSecrets(error)
        }
        #expect(try store.multipartUploads(prefix: "t/").isEmpty)
        #expect(try !store.exists("t/denied.bin"))
        #expect(try proxy.statistics().log.contains { $0.hasPrefix("DELETE ") && $0.contains("uploadId=") })
    }

    @Test func connectionsAreKeptAliveAndReused() throws {
        try proxy.inject([])
        for index in 0..<20 {
            _ = try store.read("t/data.bin", range: index..<(index + 10))
        }
        _ = try store.list(prefix: "t/", delimiter: "/")
        let statistics = try proxy.statistics()
        #expect(statistics.requests == 21)
        #expect(statistics.connections <= 1)
    }
}
