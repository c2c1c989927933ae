// The server an S3 store talks to when it is not AWS itself: MinIO, Ceph, moto, ... given as
// `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL` (or `endpoint_url` in the profile), e.g.
// `http://localhost:9000`.

public struct S3Endpoint: Sendable, Hashable, CustomStringConvertible {
    /// `http` or `https`.
    public var scheme: String
    /// A host name or address; IPv6 addresses keep their brackets.
    public var host: String
    /// The port when it is not the scheme's default.
    public var port: Int?

    public init(scheme: String, host: String, port: Int? = nil) {
        self.scheme = scheme
        self.host = host
        self.port = port
    }

    public init(parsing url: String) throws(StorageError) {
        func invalid(_ why: String) -> StorageError {
            StorageError(.invalidArgument, "invalid S3 endpoint URL: \(why)", location: url)
        }
        guard let separator = url.firstRange(of: "://") else { throw invalid("expected http://host[:port] or https://host[:port]") }
        let scheme = url[..<separator.lowerBound].lowercased()
        guard scheme == "http" || scheme == "https" else { throw invalid("the scheme must be http or https") }
        var rest = url[separator.upperBound...]
        if let slash = rest.firstIndex(of: "/") {
            guard rest[slash...].allSatisfy({ $0 == "/" }) else {
                throw invalid("a path after the host is not supported; name the bucket in the s3:// location")
            }
            rest = rest[..<slash]
        }
        guard !rest.contains("@") else { throw invalid("credentials belong in AWS_ACCESS_KEY_ID, not in the URL") }
        var host = rest
        var port: Int?
        if rest.hasPrefix("[") {
            guard let close = rest.firstIndex(of: "]") else { throw invalid("unclosed IPv6 address") }
            host = rest[...close]
            let after = rest[rest.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let number = Int(after.dropFirst()) else { throw invalid("bad port") }
                port = number
            }
        } else if let colon = rest.lastIndex(of: ":") {
            host = rest[..<colon]
            guard let number = Int(rest[rest.index(after: colon)...]) else { throw invalid("bad port") }
            port = number
        }
        guard !host.isEmpty else { throw invalid("missing host") }
        if let value = port, !(1...65535).contains(value) { throw invalid("port out of range") }
        if port == (scheme == "https" ? 443 : 80) { port = nil }
        self.init(scheme: scheme, host: String(host), port: port)
    }

    public var isTLS: Bool { scheme == "https" }

    /// `host[:port]`, as the URL and the `Host` header carry it.
    public var authority: String { port.map { "\(host):\($0)" } ?? host }

    public var description: String { "\(scheme)://\(authority)" }
}
