// Where a lake or a file lives, parsed from what users type: a local path (relative to the working
// folder) or `s3://bucket/prefix`.

public enum StorageLocation: Hashable, Sendable {
    /// An absolute, normalized local path.
    case local(path: String)
    /// A bucket and a key prefix without leading or trailing `/` (empty for the bucket's root).
    case s3(bucket: String, prefix: String)

    /// Parses `text`; relative local paths are resolved against `workingDirectory`.
    public init(parsing text: String, workingDirectory: String) throws(StorageError) {
        if text.hasPrefix("s3://") || text.hasPrefix("s3a://") {
            let rest = text.drop(while: { $0 != ":" }).dropFirst(3)
            let bucket = rest.prefix(while: { $0 != "/" })
            guard !bucket.isEmpty else {
                throw StorageError(.invalidArgument, "an S3 location needs a bucket: s3://bucket/prefix", location: text)
            }
            let prefix = ObjectKey.segments(rest.dropFirst(bucket.count)).joined(separator: "/")
            self = .s3(bucket: String(bucket), prefix: prefix)
            return
        }
        var path = text
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        guard !path.isEmpty else {
            throw StorageError(.invalidArgument, "empty path", location: text)
        }
        if !path.hasPrefix("/") { path = workingDirectory + "/" + path }
        self = .local(path: StorageLocation.normalize(path))
    }

    /// Removes `.`, `..` and repeated slashes from an absolute path.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in ObjectKey.segments(path) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    public var description: String {
        switch self {
        case .local(let path): return path
        case .s3(let bucket, let prefix): return prefix.isEmpty ? "s3://\(bucket)" : "s3://\(bucket)/\(prefix)"
        }
    }
}
