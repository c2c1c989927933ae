// What went wrong reaching the lake, in terms a user can act on: which object, and why.

public struct StorageError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case notFound
        case accessDenied
        case invalidArgument
        /// A local I/O failure (errno in the message).
        case io
        /// Could not reach the server, or the connection broke.
        case network
        /// The server answered with an error not covered above.
        case server
        /// The object is not what it should be (short read, bad length).
        case corrupt
        case alreadyExists
    }

    public var code: Code
    public var message: String
    /// The object or folder concerned: a path or an `s3://bucket/key` URI.
    public var location: String
    public var httpStatus: Int?
    /// The S3 error code (`NoSuchKey`, `SlowDown`, ...).
    public var serviceCode: String?
    public var requestID: String?

    public init(
        _ code: Code, _ message: String, location: String, httpStatus: Int? = nil, serviceCode: String? = nil,
        requestID: String? = nil
    ) {
        self.code = code
        self.message = message
        self.location = location
        self.httpStatus = httpStatus
        self.serviceCode = serviceCode
        self.requestID = requestID
    }

    public var description: String {
        var text = "\(location): \(message)"
        var details: [String] = []
        if let httpStatus { details.append("HTTP \(httpStatus)") }
        if let serviceCode { details.append(serviceCode) }
        if let requestID { details.append("request id \(requestID)") }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        return text
    }
}
