// AWS Signature Version 4 for S3, header form: canonical request → string to sign → HMAC chain of date,
// region and service → `Authorization` header. S3's variant: the path is encoded once and never
// normalized, and the payload hash is always sent in `x-amz-content-sha256` (the SHA-256 of the body, or
// `UNSIGNED-PAYLOAD` when TLS already protects it).
import Crypto
import StrataCore

struct SigV4Signer: Sendable {
    let credentials: AWSCredentials
    let service = "s3"

    static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let unsignedPayload = "UNSIGNED-PAYLOAD"

    /// Headers that proxies may add, drop or rewrite; signing them would break the signature.
    private static let unsignedHeaders: Set<String> = [
        "authorization", "connection", "expect", "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
        "trailer", "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id",
    ]

    /// Adds `x-amz-date`, `x-amz-content-sha256`, `x-amz-security-token` (with a session token) and
    /// `authorization` to `headers`, which must already hold `host` and every other header to be signed.
    /// `encodedPath` is the URL's path as sent; `query` the unencoded parameters.
    func sign(
        method: String, encodedPath: String, query: [(name: String, value: String)],
        headers: inout [(name: String, value: String)], payloadHash: String, region: String, epochSeconds: Int64
    ) {
        let timestamp = SigV4Signer.amzDate(epochSeconds)
        let date = String(timestamp.prefix(8))
        headers.removeAll {
            let name = $0.name.lowercased()
            return name == "authorization" || name == "x-amz-date" || name == "x-amz-content-sha256"
                || name == "x-amz-security-token"
        }
        headers.append(("x-amz-date", timestamp))
        headers.append(("x-amz-content-sha256", payloadHash))
        if let token = credentials.sessionToken { headers.append(("x-amz-security-token", token)) }

        let (canonicalHeaders, signedHeaders) = SigV4Signer.canonicalHeaders(headers)
        let canonicalRequest = [
            method, encodedPath, SigV4Signer.canonicalQuery(query), canonicalHeaders, signedHeaders, payloadHash,
        ].joined(separator: "\n")
        let scope = "\(date)/\(region)/\(service)/aws4_request"
        let stringToSign = "AWS4-HMAC-SHA256\n\(timestamp)\n\(scope)\n" + SigV4Signer.sha256Hex(Array(canonicalRequest.utf8))

        var key = SymmetricKey(data: Array(("AWS4" + credentials.secretAccessKey).utf8))
        for part in [date, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        let signature = HMAC<SHA256>.authenticationCode(for: Array(stringToSign.utf8), using: key)
        headers.append((
            "authorization",
            "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), SignedHeaders=\(signedHeaders), "
                + "Signature=\(SigV4Signer.hex(signature))"
        ))
    }

    /// `name:value` lines (names lower-cased and sorted, values trimmed with inner runs of spaces
    /// collapsed, repeated headers joined by commas) with a trailing newline, and the `;`-joined names.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (String, String) {
        var byName: [String: [String]] = [:]
        for header in headers {
            let name = header.name.lowercased()
            guard !unsignedHeaders.contains(name) else { continue }
            let value = header.value.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
            byName[name, default: []].append(value)
        }
        let names = byName.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        var text = ""
        for name in names {
            text += name + ":" + byName[name]!.joined(separator: ",") + "\n"
        }
        return (text, names.joined(separator: ";"))
    }

    /// Parameters percent-encoded and sorted by name, then value: the form both signed and sent.
    static func canonicalQuery(_ query: [(name: String, value: String)]) -> String {
        query.map { (uriEncode($0.name, encodeSlash: true), uriEncode($0.value, encodeSlash: true)) }
            .sorted { $0.0 == $1.0 ? $0.1.utf8.lexicographicallyPrecedes($1.1.utf8) : $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
            .map { $0.0 + "=" + $0.1 }
            .joined(separator: "&")
    }

    /// RFC 3986 percent-encoding of the UTF-8 bytes: only `A-Z a-z 0-9 - _ . ~` (and `/` when
    /// `encodeSlash` is false) stay as they are; hex digits are upper case.
    static func uriEncode(_ text: String, encodeSlash: Bool) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "~"):
                bytes.append(byte)
            case UInt8(ascii: "/") where !encodeSlash:
                bytes.append(byte)
            default:
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hexDigits[Int(byte >> 4)])
                bytes.append(hexDigits[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// `YYYYMMDDTHHMMSSZ` for a time in seconds since the epoch.
    static func amzDate(_ epochSeconds: Int64) -> String {
        let days = epochSeconds >= 0 ? epochSeconds / Time.secondsPerDay : (epochSeconds - Time.secondsPerDay + 1) / Time.secondsPerDay
        let secondOfDay = Int(epochSeconds - days * Time.secondsPerDay)
        let (year, month, day) = Time.civil(days: days)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(year)\(two(month))\(two(day))T\(two(secondOfDay / 3600))\(two(secondOfDay / 60 % 60))\(two(secondOfDay % 60))Z"
    }
}
