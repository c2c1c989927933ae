// An AWS key pair (and session token) as found by the credential chain. The secret parts never leave
// this type in text: its description, debug description and mirror mask them, and `redact` scrubs them
// from any message built from server responses or library errors.

public struct AWSCredentials: Sendable, Hashable {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// Where the credentials came from, for messages: `environment`, `profile dev in ~/.aws/credentials`.
    public var source: String

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, source: String = "explicit") {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken.flatMap { $0.isEmpty ? nil : $0 }
        self.source = source
    }

    /// The key id with all but its first and last four characters hidden: enough to tell keys apart.
    public var maskedAccessKeyID: String {
        guard accessKeyID.count >= 12 else { return String(repeating: "*", count: accessKeyID.count) }
        return accessKeyID.prefix(4) + "…" + accessKeyID.suffix(4)
    }

    /// `text` with every occurrence of the secret key, the session token and the key id replaced.
    public func redact(_ text: String) -> String {
        var result = text
        for secret in [secretAccessKey, sessionToken ?? "", accessKeyID] where secret.count >= 4 {
            if result.contains(secret) {
                result = result.replacing(secret, with: secret == accessKeyID ? maskedAccessKeyID : "[REDACTED]")
            }
        }
        return result
    }
}

extension AWSCredentials: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "AWSCredentials(accessKeyID: \(maskedAccessKeyID), secretAccessKey: [REDACTED]"
            + (sessionToken == nil ? "" : ", sessionToken: [REDACTED]") + ", source: \(source))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "accessKeyID": maskedAccessKeyID, "secretAccessKey": "[REDACTED]",
                "sessionToken": sessionToken == nil ? "nil" : "[REDACTED]", "source": source,
            ])
    }
}
