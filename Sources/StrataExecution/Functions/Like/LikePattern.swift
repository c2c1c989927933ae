// A compiled LIKE pattern. `%` matches any sequence, `_` one character (code point), and the escape
// character makes the next `%`, `_` or escape literal. Common shapes get fast paths (exact, prefix%,
// %suffix, %infix%, prefix%suffix); the rest use a wildcard matcher that backtracks only to the last `%`,
// so matching is O(text × pattern) at worst, never exponential.
import StrataCore

final class LikePattern {
    enum Token: Equatable {
        case byte(UInt8)
        case anyCharacter
        case anySequence
    }

    enum Shape {
        case exact([UInt8])
        case prefix([UInt8])
        case suffix([UInt8])
        case contains([UInt8])
        case prefixSuffix([UInt8], [UInt8])
        /// Literal segments separated by `%` (no `_`): matched left to right, each at its first occurrence.
        case segments(first: [UInt8], middle: [[UInt8]], last: [UInt8])
        case anything
        case general([Token])
    }

    let shape: Shape

    init(pattern: UnsafeBufferPointer<UInt8>, escape: UInt8?) throws {
        var tokens: [Token] = []
        var index = 0
        while index < pattern.count {
            let byte = pattern[index]
            if let escape, byte == escape {
                index += 1
                guard index < pattern.count else {
                    throw ExecutionError(.invalidArgument, "Escape character must be followed by '%', '_' or the escape character")
                }
                let next = pattern[index]
                guard next == UInt8(ascii: "%") || next == UInt8(ascii: "_") || next == escape else {
                    throw ExecutionError(.invalidArgument, "Escape character must be followed by '%', '_' or the escape character")
                }
                tokens.append(.byte(next))
            } else if byte == UInt8(ascii: "%") {
                if tokens.last != .anySequence { tokens.append(.anySequence) }
            } else if byte == UInt8(ascii: "_") {
                tokens.append(.anyCharacter)
            } else {
                tokens.append(.byte(byte))
            }
            index += 1
        }
        shape = LikePattern.classify(tokens)
    }

    private static func classify(_ tokens: [Token]) -> Shape {
        if tokens.contains(.anyCharacter) { return .general(tokens) }
        // Split into literal segments at every `%`.
        var segments: [[UInt8]] = [[]]
        for token in tokens {
            switch token {
            case .byte(let byte): segments[segments.count - 1].append(byte)
            case .anySequence: segments.append([])
            case .anyCharacter: break
            }
        }
        switch segments.count {
        case 1: return .exact(segments[0])
        case 2:
            let (head, tail) = (segments[0], segments[1])
            if head.isEmpty && tail.isEmpty { return .anything }
            if tail.isEmpty { return .prefix(head) }
            if head.isEmpty { return .suffix(tail) }
            return .prefixSuffix(head, tail)
        default:
            if segments.count == 3 && segments[0].isEmpty && segments[2].isEmpty { return .contains(segments[1]) }
            return .segments(first: segments[0], middle: Array(segments[1..<(segments.count - 1)]), last: segments[segments.count - 1])
        }
    }

    /// Whether all of `text` matches.
    @inline(__always)
    func matches(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        switch shape {
        case .exact(let literal): return literal.withUnsafeBufferPointer { ByteString.equal(text, $0) }
        case .prefix(let literal): return literal.withUnsafeBufferPointer { ByteString.hasPrefix(text, $0) }
        case .suffix(let literal): return literal.withUnsafeBufferPointer { ByteString.hasSuffix(text, $0) }
        case .contains(let literal): return literal.withUnsafeBufferPointer { ByteString.find($0, in: text) != nil }
        case .prefixSuffix(let head, let tail):
            return text.count >= head.count + tail.count
                && head.withUnsafeBufferPointer { ByteString.hasPrefix(text, $0) }
                && tail.withUnsafeBufferPointer { ByteString.hasSuffix(text, $0) }
        case .anything: return true
        case .segments(let first, let middle, let last):
            guard text.count >= first.count + last.count,
                first.withUnsafeBufferPointer({ ByteString.hasPrefix(text, $0) }),
                last.withUnsafeBufferPointer({ ByteString.hasSuffix(text, $0) })
            else { return false }
            var position = first.count
            let end = text.count - last.count
            let window = UnsafeBufferPointer(rebasing: text[0..<end])
            for segment in middle {
                guard let hit = segment.withUnsafeBufferPointer({ ByteString.find($0, in: window, from: position) }) else {
                    return false
                }
                position = hit + segment.count
            }
            return true
        case .general(let tokens):
            return LikePattern.wildcardMatch(tokens, text)
        }
    }

    /// Greedy wildcard matching with one backtrack point (the last `%` seen).
    private static func wildcardMatch(_ tokens: [Token], _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var position = 0
        var token = 0
        var starToken = -1
        var starPosition = 0
        let n = text.count
        while position < n {
            if token < tokens.count {
                switch tokens[token] {
                case .anyCharacter:
                    position = min(n, position + UTF8Text.sequenceLength(text[position]))
                    token += 1
                    continue
                case .byte(let byte) where byte == text[position]:
                    position += 1
                    token += 1
                    continue
                case .anySequence:
                    starToken = token
                    starPosition = position
                    token += 1
                    continue
                default:
                    break
                }
            }
            guard starToken >= 0 else { return false }
            token = starToken + 1
            starPosition = min(n, starPosition + UTF8Text.sequenceLength(text[starPosition]))
            position = starPosition
        }
        while token < tokens.count && tokens[token] == .anySequence { token += 1 }
        return token == tokens.count
    }
}
