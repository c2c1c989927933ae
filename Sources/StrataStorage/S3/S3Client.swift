// The request layer under `S3ObjectStore`: turns an operation on a key into a URL (path-style or
// virtual-hosted), signs it, runs batches of them concurrently over the pooled connections, retries what
// may succeed later, and turns what cannot into a `StorageError` naming the bucket and key, the HTTP
// status, S3's error code and the request id — with credentials scrubbed from every message.
import StrataCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

final class S3Client: Sendable {
    /// One S3 call, before signing.
    struct Operation: Sendable {
        var method: HTTPMethod
        /// The full object key, or nil for a request on the bucket itself.
        var key: String?
        var query: [(name: String, value: String)] = []
        var headers: [(name: String, value: String)] = []
        var body: [UInt8] = []
        var expectedResponseSize = 0
        /// What the user would call it: "read", "list", "write" ... (for "cannot read: ...").
        var action: String
        /// The object or folder, as users name it, for messages.
        var location: String
        /// Whether the response body is object data (counted in `bytesRead`).
        var readsObjectData = false
        /// CompleteMultipartUpload and CopyObject can fail after answering 200: the error is in the body.
        var errorsMayArriveWith200 = false
        /// Error statuses the caller handles itself: returned, neither retried nor thrown.
        var acceptedStatuses: Set<Int> = []
    }

    let bucket: String
    let configuration: S3Configuration
    let statistics: StorageStatistics
    private let http: CurlHTTPClient
    private let signer: SigV4Signer
    /// Corrected when AWS says the bucket lives in another region.
    private let currentRegion: Locked<String>

    init(bucket: String, configuration: S3Configuration, statistics: StorageStatistics) {
        self.bucket = bucket
        self.configuration = configuration
        self.statistics = statistics
        signer = SigV4Signer(credentials: configuration.credentials)
        currentRegion = Locked(configuration.region)
        http = CurlHTTPClient(
            configuration: CurlHTTPClient.Configuration(
                maxConnections: max(1, configuration.maxConnections),
                connectTimeoutMilliseconds: configuration.connectTimeoutMilliseconds,
                stallTimeoutSeconds: configuration.stallTimeoutSeconds, caBundlePath: configuration.caBundlePath))
    }

    var region: String { currentRegion.withLock { $0 } }

    // MARK: Sending

    func send(_ operation: Operation) throws(StorageError) -> HTTPResponse {
        try send([operation])[0]
    }

    /// Runs the operations concurrently; retries the retryable failures with backoff until they succeed
    /// or the policy gives up, and throws the first failure that is final.
    func send(_ operations: [Operation]) throws(StorageError) -> [HTTPResponse] {
        let policy = configuration.retryPolicy
        var responses = [HTTPResponse?](repeating: nil, count: operations.count)
        var pending = Array(operations.indices)
        var lastFailure: [Int: StorageError] = [:]
        let started = S3Client.monotonicMilliseconds()
        var attempt = 0
        var redirected = false
        while !pending.isEmpty {
            attempt += 1
            let region = self.region
            let requests = pending.map { makeRequest(operations[$0], region: region) }
            let results = http.perform(requests)
            var retry: [Int] = []
            var regionChanged = false
            for (index, result) in zip(pending, results) {
                let operation = operations[index]
                switch result {
                case .failure(let failure):
                    statistics.recordRequest()
                    let error = StorageError(
                        .network, configuration.credentials.redact("cannot \(operation.action): \(failure.message)"),
                        location: operation.location)
                    guard failure.isTransient else { throw error }
                    lastFailure[index] = error
                    retry.append(index)
                case .success(let response):
                    statistics.recordRequest(
                        bytesRead: operation.readsObjectData && response.isSuccess ? response.body.count : 0,
                        bytesWritten: response.isSuccess && operation.method == .put ? operation.body.count : 0)
                    if let newRegion = regionCorrection(response), !redirected {
                        currentRegion.withLock { $0 = newRegion }
                        regionChanged = true
                        retry.append(index)
                        continue
                    }
                    if operation.acceptedStatuses.contains(response.status) {
                        responses[index] = response
                        continue
                    }
                    if let error = failure(of: response, for: operation) {
                        guard error.isRetryable else { throw error.error }
                        lastFailure[index] = error.error
                        retry.append(index)
                        continue
                    }
                    responses[index] = response
                }
            }
            pending = retry
            guard !pending.isEmpty else { break }
            if regionChanged {
                redirected = true
                attempt -= 1
                continue
            }
            let elapsed = S3Client.monotonicMilliseconds() - started
            let delay = policy.delayMilliseconds(afterAttempt: attempt)
            if attempt >= policy.maxAttempts || elapsed + delay > policy.maxElapsedMilliseconds {
                var error = lastFailure[pending[0]]!
                error.message += "; gave up after \(attempt) attempt\(attempt == 1 ? "" : "s") in \(S3Client.seconds(elapsed)) s"
                throw error
            }
            if delay > 0 { usleep(UInt32(min(delay, 60_000)) * 1000) }
        }
        return responses.map { $0! }
    }

    // MARK: Requests

    private func makeRequest(_ operation: Operation, region: String) -> HTTPRequest {
        let (baseURL, host, bucketPath) = addressing(region: region)
        var path = bucketPath
        if let key = operation.key {
            path += "/" + SigV4Signer.uriEncode(key, encodeSlash: false)
        } else if path.isEmpty {
            path = "/"
        }
        let query = SigV4Signer.canonicalQuery(operation.query)
        var headers = operation.headers
        headers.append(("host", host))
        let payloadHash: String
        if operation.body.isEmpty {
            payloadHash = SigV4Signer.emptyPayloadHash
        } else if configuration.signsPayload || !(configuration.endpoint?.isTLS ?? true) {
            payloadHash = SigV4Signer.sha256Hex(operation.body)
        } else {
            payloadHash = SigV4Signer.unsignedPayload
        }
        signer.sign(
            method: operation.method.rawValue, encodedPath: path, query: operation.query, headers: &headers,
            payloadHash: payloadHash, region: region, epochSeconds: S3Client.epochSeconds())
        headers.append(("user-agent", "strata"))
        return HTTPRequest(
            method: operation.method, url: baseURL + path + (query.isEmpty ? "" : "?" + query), headers: headers,
            body: operation.body, expectedResponseSize: operation.expectedResponseSize)
    }

    /// The URL up to the path, the `Host` header, and the path prefix naming the bucket (empty for
    /// virtual-hosted requests, where the bucket is in the host name).
    func addressing(region: String) -> (baseURL: String, host: String, bucketPath: String) {
        let endpoint = configuration.endpoint ?? S3Endpoint(
            scheme: "https", host: "s3.\(region).amazonaws.com" + (region.hasPrefix("cn-") ? ".cn" : ""))
        let style = configuration.addressingStyle ?? (configuration.endpoint == nil ? .virtualHosted : .path)
        if style == .virtualHosted && S3Client.isVirtualHostable(bucket, overTLS: endpoint.isTLS) {
            let host = bucket + "." + endpoint.authority
            return ("\(endpoint.scheme)://\(host)", host, "")
        }
        let bucketPath = "/" + SigV4Signer.uriEncode(bucket, encodeSlash: true)
        return ("\(endpoint.scheme)://\(endpoint.authority)", endpoint.authority, bucketPath)
    }

    /// A bucket name usable as a DNS label; over TLS also without dots, which the wildcard certificate
    /// `*.s3.region.amazonaws.com` would not cover.
    static func isVirtualHostable(_ bucket: String, overTLS: Bool) -> Bool {
        guard (3...63).contains(bucket.utf8.count), !(overTLS && bucket.contains(".")) else { return false }
        return bucket.utf8.allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9"))
                || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".")
        }
    }

    /// The bucket's real region when AWS redirects a request sent to the wrong one.
    private func regionCorrection(_ response: HTTPResponse) -> String? {
        guard configuration.endpoint == nil, response.status == 301 || response.status == 400,
            let actual = response.header("x-amz-bucket-region"), !actual.isEmpty, actual != region
        else { return nil }
        return actual
    }

    // MARK: Errors

    private struct Failure {
        var error: StorageError
        var isRetryable: Bool
    }

    private func failure(of response: HTTPResponse, for operation: Operation) -> Failure? {
        if response.isSuccess {
            if let declared = response.header("content-length").flatMap(Int.init), operation.method != .head,
                declared != response.body.count
            {
                return Failure(
                    error: StorageError(
                        .network,
                        "cannot \(operation.action): the response ended after \(response.body.count) of \(declared) bytes",
                        location: operation.location, httpStatus: response.status,
                        requestID: response.header("x-amz-request-id")),
                    isRetryable: true)
            }
            guard operation.errorsMayArriveWith200, let document = try? S3XMLElement.parse(response.body),
                document.name == "Error"
            else { return nil }
        }
        let error = storageError(response, for: operation)
        return Failure(error: error, isRetryable: RetryPolicy.isRetryable(status: response.status, serviceCode: error.serviceCode))
    }

    /// The error S3 reported in `response`, in the user's terms.
    func storageError(_ response: HTTPResponse, for operation: Operation) -> StorageError {
        var serviceCode: String?
        var serverMessage: String?
        var requestID = response.header("x-amz-request-id")
        var location = operation.location
        if !response.body.isEmpty, let document = try? S3XMLElement.parse(response.body), document.name == "Error" {
            serviceCode = document.text(of: "Code")
            serverMessage = document.text(of: "Message")
            requestID = document.text(of: "RequestId") ?? requestID
        }
        let code: StorageError.Code
        switch response.status {
        case 404:
            code = .notFound
            if serviceCode == "NoSuchBucket" { location = "s3://\(bucket)" }
        case 401, 403: code = .accessDenied
        case 400, 405, 411, 416: code = .invalidArgument
        case 409, 412: code = .alreadyExists
        default: code = .server
        }
        let reason = serverMessage.flatMap { $0.isEmpty ? nil : $0 }
            ?? (response.status == 404 && operation.method == .head ? "no such object" : S3Client.reasonPhrase(response.status))
        let redact = configuration.credentials.redact
        return StorageError(
            code, redact("cannot \(operation.action): \(reason)"), location: location, httpStatus: response.status,
            serviceCode: serviceCode.map(redact), requestID: requestID.map(redact))
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "the bucket is in another region (Moved Permanently)"
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 409: return "Conflict"
        case 411: return "Length Required"
        case 412: return "Precondition Failed"
        case 416: return "Requested Range Not Satisfiable"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return "unexpected HTTP status \(status)"
        }
    }

    // MARK: Clocks

    static func epochSeconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return Int64(now.tv_sec)
    }

    static func monotonicMilliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }

    private static func seconds(_ milliseconds: Int) -> String {
        "\(milliseconds / 1000).\(milliseconds % 1000 / 100)"
    }
}
