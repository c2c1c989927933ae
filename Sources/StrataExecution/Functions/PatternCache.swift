// Compiled patterns (LIKE and regular expressions) of one evaluator, by pattern text, so a constant
// pattern is compiled once per operator rather than once per batch.
import StrataCore

struct PatternCache {
    private var likePatterns: [LikeKey: LikePattern] = [:]
    private var regularExpressions: [String: RegexProgram] = [:]

    private struct LikeKey: Hashable {
        var pattern: String
        var escape: UInt8?
    }

    /// Patterns are few per query; the limit only guards against a pattern column with many values.
    private static let limit = 256

    mutating func like(_ pattern: String, escape: UInt8?) throws -> LikePattern {
        let key = LikeKey(pattern: pattern, escape: escape)
        if let cached = likePatterns[key] { return cached }
        var text = pattern
        let compiled = try text.withUTF8 { try LikePattern(pattern: $0, escape: escape) }
        if likePatterns.count >= PatternCache.limit { likePatterns.removeAll() }
        likePatterns[key] = compiled
        return compiled
    }

    mutating func regex(_ pattern: String) throws -> RegexProgram {
        if let cached = regularExpressions[pattern] { return cached }
        let compiled = try RegexProgram(pattern: pattern)
        if regularExpressions.count >= PatternCache.limit { regularExpressions.removeAll() }
        regularExpressions[pattern] = compiled
        return compiled
    }
}
