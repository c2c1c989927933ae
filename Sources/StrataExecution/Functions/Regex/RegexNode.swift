// The parsed form of a regular expression: nodes, anchors and the flags in force while parsing.
import StrataCore

indirect enum RegexNode {
    case empty
    case literal(UInt32, folded: Bool)
    case any(dotAll: Bool)
    case set(CodePointSet, folded: Bool)
    case concat([RegexNode])
    case alternate([RegexNode])
    case repetition(RegexNode, minimum: Int, maximum: Int?, greedy: Bool)
    case group(RegexNode, capture: Int?)
    case assertion(RegexAssertion)
}

enum RegexAssertion: Equatable {
    case startOfText
    case endOfText
    /// `$` without MULTILINE: the end, or before a line terminator that ends the text.
    case endOfTextOrFinalTerminator
    case startOfLine
    case endOfLine
    case wordBoundary
    case notWordBoundary
}

struct RegexFlags {
    var caseInsensitive = false
    var dotAll = false
    var multiline = false
    var extended = false
}
