// File globs as `read_parquet('silver/events/*/*.parquet')` takes them: `*` and `?` match within one path
// segment, `**` matches any number of segments, `[abc]`/`[a-z]`/`[!x]` match one character of a set.
import StrataStorage

public struct GlobPattern: Sendable {
    private let segments: [[UInt8]]
    /// The longest leading run of segments with no wildcard: where listing can start.
    public let literalPrefix: String

    public init(_ pattern: String) {
        let parts = ObjectKey.segments(pattern)
        segments = parts.map { Array($0.utf8) }
        var literal: [Substring] = []
        for part in parts {
            if part.contains(where: { "*?[".contains($0) }) { break }
            literal.append(part)
        }
        literalPrefix = literal.joined(separator: "/")
    }

    public static func hasWildcards(_ text: String) -> Bool { text.contains { "*?[".contains($0) } }

    /// Whether `path` (a `/`-separated key) matches.
    public func matches(_ path: String) -> Bool {
        let parts = ObjectKey.segments(path).map { Array($0.utf8) }
        return match(segmentIndex: 0, parts: parts[...])
    }

    private func match(segmentIndex: Int, parts: ArraySlice<[UInt8]>) -> Bool {
        guard segmentIndex < segments.count else { return parts.isEmpty }
        let segment = segments[segmentIndex]
        if segment == Array("**".utf8) {
            // Zero or more whole segments.
            var rest = parts
            while true {
                if match(segmentIndex: segmentIndex + 1, parts: rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        }
        guard let first = parts.first, GlobPattern.matchSegment(segment[...], first[...]) else { return false }
        return match(segmentIndex: segmentIndex + 1, parts: parts.dropFirst())
    }

    private static func matchSegment(_ pattern: ArraySlice<UInt8>, _ text: ArraySlice<UInt8>) -> Bool {
        guard let head = pattern.first else { return text.isEmpty }
        switch head {
        case UInt8(ascii: "*"):
            var rest = text
            while true {
                if matchSegment(pattern.dropFirst(), rest) { return true }
                guard !rest.isEmpty else { return false }
                rest = rest.dropFirst()
            }
        case UInt8(ascii: "?"):
            return !text.isEmpty && matchSegment(pattern.dropFirst(), text.dropFirst())
        case UInt8(ascii: "["):
            guard let character = text.first, let close = pattern.dropFirst().firstIndex(of: UInt8(ascii: "]")) else {
                return text.first == head && matchSegment(pattern.dropFirst(), text.dropFirst())
            }
            var set = pattern[(pattern.startIndex + 1)..<close]
            let negated = set.first == UInt8(ascii: "!") || set.first == UInt8(ascii: "^")
            if negated { set = set.dropFirst() }
            var found = false
            var index = set.startIndex
            while index < set.endIndex {
                if index + 2 < set.endIndex, set[index + 1] == UInt8(ascii: "-") {
                    if set[index] <= character && character <= set[index + 2] { found = true }
                    index += 3
                } else {
                    if set[index] == character { found = true }
                    index += 1
                }
            }
            return found != negated && matchSegment(pattern[(close + 1)...], text.dropFirst())
        default:
            return text.first == head && matchSegment(pattern.dropFirst(), text.dropFirst())
        }
    }
}
