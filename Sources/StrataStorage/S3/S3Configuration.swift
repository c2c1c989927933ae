// Everything an S3 store needs to know besides the bucket: region, endpoint and addressing, credentials,
// retries, connection limits and the sizes that shape requests. `fromEnvironment` reads the standard AWS
// settings, in the AWS CLI's order of precedence:
//   credentials  AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN, else the AWS_PROFILE (or
//                default) profile of ~/.aws/credentials, else of ~/.aws/config
//   region       AWS_REGION, AWS_DEFAULT_REGION, the profile's `region`, else us-east-1
//   endpoint     AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL, the profile's `s3.endpoint_url` or `endpoint_url`,
//                else AWS (AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true ignores them all)
//   addressing   the profile's `s3.addressing_style` (path | virtual | auto); auto is path-style for a
//                custom endpoint and virtual-hosted for AWS
//   retries      AWS_MAX_ATTEMPTS or the profile's `max_attempts`
//   TLS          AWS_CA_BUNDLE or the profile's `ca_bundle`; certificates are always verified
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public struct S3Configuration: Sendable {
    public enum AddressingStyle: String, Sendable {
        /// `https://endpoint/bucket/key`
        case path
        /// `https://bucket.endpoint/key`
        case virtualHosted
    }

    public var region: String
    /// The server when it is not AWS itself.
    public var endpoint: S3Endpoint?
    /// nil: path-style for a custom endpoint, virtual-hosted for AWS.
    public var addressingStyle: AddressingStyle?
    public var credentials: AWSCredentials
    /// Whether uploads carry the SHA-256 of their body (else `UNSIGNED-PAYLOAD`, relying on TLS).
    public var signsPayload = true
    public var retryPolicy = RetryPolicy()

    /// Requests in flight at once, and connections kept alive for reuse.
    public var maxConnections = 32
    public var connectTimeoutMilliseconds = 10_000
    /// A request that moves no byte for this long is abandoned and retried.
    public var stallTimeoutSeconds = 30
    /// Certificate authorities to trust instead of the system's.
    public var caBundlePath: String?

    /// Objects larger than this are uploaded in parts of this size (the part size doubles every 1000
    /// parts, so that S3's 10,000-part limit is never reached).
    public var multipartPartSize = 8 << 20
    /// Parts uploading concurrently while the writer keeps filling the next one.
    public var maxPartsInFlight = 4
    /// Ranges of one object closer than this are fetched as one request (the gap is read and dropped).
    public var coalesceGapBytes = 1 << 20
    /// Larger reads are split into ranges of this size fetched concurrently.
    public var maxRangeBytes = 16 << 20
    /// Keys per ListObjectsV2 page (S3 returns at most 1000).
    public var listPageSize = 1000

    public init(region: String, credentials: AWSCredentials, endpoint: S3Endpoint? = nil) {
        self.region = region
        self.credentials = credentials
        self.endpoint = endpoint
    }

    /// The configuration the standard AWS settings describe; `location` names the lake in messages.
    public static func fromEnvironment(
        _ environment: [String: String] = S3Configuration.processEnvironment(), location: String
    ) throws(StorageError) -> S3Configuration {
        func setting(_ name: String) -> String? {
            environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        let profile = try AWSProfile.load(environment: environment)
        let credentials = try CredentialChain.resolve(environment: environment, profile: profile, location: location)
        let region = setting("AWS_REGION") ?? setting("AWS_DEFAULT_REGION") ?? profile.config("region") ?? "us-east-1"
        var configuration = S3Configuration(region: region, credentials: credentials)

        let ignoreEndpoints = setting("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.lowercased() == "true"
            || profile.config("ignore_configured_endpoint_urls")?.lowercased() == "true"
        if !ignoreEndpoints,
            let url = setting("AWS_ENDPOINT_URL_S3") ?? setting("AWS_ENDPOINT_URL") ?? profile.config("s3.endpoint_url")
                ?? profile.config("endpoint_url")
        {
            configuration.endpoint = try S3Endpoint(parsing: url)
        }
        switch profile.config("s3.addressing_style")?.lowercased() {
        case "path": configuration.addressingStyle = .path
        case "virtual": configuration.addressingStyle = .virtualHosted
        case nil, "auto": break
        case let other?:
            throw StorageError(
                .invalidArgument, "s3.addressing_style must be path, virtual or auto, not '\(other)'",
                location: profile.configPath ?? location)
        }
        if let text = setting("AWS_MAX_ATTEMPTS") ?? profile.config("max_attempts") {
            guard let attempts = Int(text), attempts >= 1 else {
                throw StorageError(.invalidArgument, "max attempts must be a positive integer, not '\(text)'", location: location)
            }
            configuration.retryPolicy.maxAttempts = attempts
        }
        configuration.caBundlePath = setting("AWS_CA_BUNDLE") ?? profile.config("ca_bundle")
        return configuration
    }

    /// The process's environment variables.
    public static func processEnvironment() -> [String: String] {
        var variables: [String: String] = [:]
        var entry = environ
        while let pointer = entry.pointee {
            let text = String(cString: pointer)
            if let equals = text.firstIndex(of: "=") {
                variables[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            entry += 1
        }
        return variables
    }
}
