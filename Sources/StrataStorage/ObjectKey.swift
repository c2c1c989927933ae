// Keys name objects below a store's root, and on a local disk a key is a path: a `..` or `.` segment, an
// empty one (a leading or doubled `/`) or a NUL could reach outside the root or somewhere unintended. The
// layers above never build such keys from names or values (they escape or refuse them), but keys also come
// back from records in the lake, which anything could have edited: those are checked, and the local
// store refuses to write or delete anywhere such a key points.

public enum ObjectKey {
    /// Whether `key` (an object's key, or a prefix ending with `/`) stays below the root it is resolved
    /// against. The empty key, the root itself, is contained.
    public static func isContained(_ key: String) -> Bool {
        if key.isEmpty { return true }
        var segments = Self.segments(key, omittingEmpty: false)
        if segments.last == "" { segments.removeLast() }
        return segments.allSatisfy { segment in
            !segment.isEmpty && segment != "." && segment != ".." && !segment.utf8.contains(0)
        }
    }

    /// Throws unless `key` is contained (see `isContained`); `location` names it in the message.
    public static func check(_ key: String, location: String) throws(StorageError) {
        guard isContained(key) else {
            throw StorageError(
                .invalidArgument, "refused the key '\(key)': a key may not hold '.', '..', empty segments or NUL, so it cannot leave the lake",
                location: location)
        }
    }

    /// The `/`-separated segments of a key or path, split at every `/` scalar. `split(separator: "/")` on a
    /// String compares Characters, and a `/` followed by a combining mark is another Character: it would
    /// not split there, and `../\u{301}x` would look like one harmless segment.
    public static func segments<Path: StringProtocol>(_ path: Path, omittingEmpty: Bool = true) -> [Substring] {
        let text = Substring(path)
        return text.unicodeScalars.split(separator: "/", omittingEmptySubsequences: omittingEmpty).map { Substring($0) }
    }
}
