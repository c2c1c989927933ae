// Compiled patterns (LIKE and regular expressions) of one evaluator, by pattern text, so a constant
// pattern is compiled once per operator rather than once per batch.
import StrataCore

struct PatternCache {
    var entries: [String: AnyObject] = [:]
}
