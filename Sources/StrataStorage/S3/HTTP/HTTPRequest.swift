// One HTTP exchange as the S3 client describes it to the transport, and what came back: plain values, so
// requests can be built on any thread and handed to the curl event loop.

enum HTTPMethod: String, Sendable {
    case get = "GET"
    case head = "HEAD"
    case put = "PUT"
    case post = "POST"
    case delete = "DELETE"
}

struct HTTPRequest: Sendable {
    var method: HTTPMethod
    /// Absolute URL with an already percent-encoded path and query.
    var url: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// How many body bytes are expected back, to size the buffer once (0 when unknown).
    var expectedResponseSize: Int

    init(
        method: HTTPMethod, url: String, headers: [(name: String, value: String)] = [], body: [UInt8] = [],
        expectedResponseSize: Int = 0
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.expectedResponseSize = expectedResponseSize
    }
}

struct HTTPResponse: Sendable {
    var status: Int
    /// Header values by lower-cased name (the last one wins for repeated headers).
    var headers: [String: String]
    var body: [UInt8]

    func header(_ lowercasedName: String) -> String? { headers[lowercasedName] }

    var isSuccess: Bool { (200..<300).contains(status) }
}

/// The exchange never produced a complete response: no connection, a reset, a timeout, or a body shorter
/// than its Content-Length.
struct HTTPTransportError: Error, Sendable {
    /// The libcurl result code.
    var curlCode: Int
    /// libcurl's explanation (host names and ports, never headers or credentials).
    var message: String
    /// Whether a new attempt may succeed: the connection broke or timed out rather than being refused
    /// by configuration (bad TLS certificate, unknown host, bad URL).
    var isTransient: Bool
}
