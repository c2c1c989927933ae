// The parser of regular expressions, from pattern text to `RegexNode`s. The syntax is Java's (what Trino documents):
// literals and escapes (\t \n \r \f \e \a \xhh \x{h…} \uhhhh \0ooo, escaped punctuation), `.`, classes
// `[a-z]`, `[^…]`, `\d \D \w \W \s \S`, `\p{…}` (general categories and the POSIX names), groups
// `( )`, `(?: )`, `(?<name> )`, flags `(?i) (?s) (?m) (?x)` and `(?i: … )`, alternation, the quantifiers
// `* + ? {n} {n,} {n,m}` and their lazy forms, anchors `^ $ \A \z \Z \b \B`. Backreferences, lookaround
// and possessive quantifiers need backtracking and are rejected with an error.
import StrataCore

struct RegexParser {
    private let pattern: [UInt32]
    private var position = 0
    private var flags = RegexFlags()
    private(set) var captureCount = 0
    private(set) var groupNames: [String: Int] = [:]
    private let text: String

    /// Repetition counts above this are rejected (they multiply the program's size).
    static let maximumRepetition = 1000

    init(_ pattern: String) {
        self.pattern = pattern.unicodeScalars.map(\.value)
        text = pattern
    }

    mutating func parse() throws -> RegexNode {
        let node = try parseAlternation()
        if position < pattern.count {
            throw error(pattern[position] == 0x29 ? "unmatched closing ')'" : "unexpected character")
        }
        return node
    }

    private func error(_ message: String) -> ExecutionError {
        ExecutionError(.invalidArgument, "Invalid regular expression '\(text)': \(message) near index \(position)")
    }

    private var atEnd: Bool { position >= pattern.count }

    private func peek(_ offset: Int = 0) -> UInt32? {
        position + offset < pattern.count ? pattern[position + offset] : nil
    }

    private mutating func consume(_ scalar: Character) -> Bool {
        if peek() == scalar.unicodeScalars.first!.value {
            position += 1
            return true
        }
        return false
    }

    private mutating func parseAlternation() throws -> RegexNode {
        var branches = [try parseConcatenation()]
        while consume("|") { branches.append(try parseConcatenation()) }
        return branches.count == 1 ? branches[0] : .alternate(branches)
    }

    private mutating func parseConcatenation() throws -> RegexNode {
        var items: [RegexNode] = []
        while let next = peek(), next != 0x7C, next != 0x29 {  // '|' ')'
            if flags.extended {
                if next == 0x23 {  // '#' comment to end of line
                    while let c = peek(), c != 0x0A { position += 1 }
                    continue
                }
                if CaseMapping.isWhitespace(next) {
                    position += 1
                    continue
                }
            }
            guard let atom = try parseAtom() else { continue }
            items.append(try parseQuantifiers(atom))
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    private mutating func parseQuantifiers(_ atom: RegexNode) throws -> RegexNode {
        var node = atom
        while let next = peek() {
            var minimum = 0
            var maximum: Int?
            switch next {
            case 0x2A: minimum = 0; maximum = nil; position += 1  // *
            case 0x2B: minimum = 1; maximum = nil; position += 1  // +
            case 0x3F: minimum = 0; maximum = 1; position += 1  // ?
            case 0x7B:  // {
                guard let bounds = try parseBraces() else { return node }
                (minimum, maximum) = bounds
            default:
                return node
            }
            if case .assertion = node { throw error("quantifier after an anchor") }
            if case .empty = node { throw error("dangling quantifier") }
            var greedy = true
            if consume("?") {
                greedy = false
            } else if consume("+") {
                throw error("possessive quantifiers are not supported")
            }
            node = .repetition(node, minimum: minimum, maximum: maximum, greedy: greedy)
            if let after = peek(), after == 0x2A || after == 0x2B || after == 0x3F {
                throw error("dangling meta character '\(Character(Unicode.Scalar(after)!))'")
            }
        }
        return node
    }

    /// `{n}`, `{n,}`, `{n,m}`; nil (and nothing consumed) if the brace does not start a quantifier.
    private mutating func parseBraces() throws -> (Int, Int?)? {
        let start = position
        position += 1
        func number() -> Int? {
            var value = 0
            var digits = 0
            while let c = peek(), c >= 48, c <= 57 {
                value = min(value * 10 + Int(c - 48), Int(Int32.max))
                position += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        guard let minimum = number() else {
            position = start
            return nil
        }
        var maximum: Int? = minimum
        if consume(",") { maximum = number() }
        guard consume("}") else {
            position = start
            return nil
        }
        if let maximum, maximum < minimum { throw error("bad repetition bounds {\(minimum),\(maximum)}") }
        if minimum > RegexParser.maximumRepetition || (maximum ?? 0) > RegexParser.maximumRepetition {
            throw error("repetition count above \(RegexParser.maximumRepetition)")
        }
        return (minimum, maximum)
    }

    private mutating func parseAtom() throws -> RegexNode? {
        guard let next = peek() else { return nil }
        position += 1
        switch next {
        case 0x28: return try parseGroup()  // (
        case 0x5B: return .set(try parseClass(), folded: flags.caseInsensitive)  // [
        case 0x2E: return .any(dotAll: flags.dotAll)  // .
        case 0x5E: return .assertion(flags.multiline ? .startOfLine : .startOfText)  // ^
        case 0x24: return .assertion(flags.multiline ? .endOfLine : .endOfTextOrFinalTerminator)  // $
        case 0x5C: return try parseEscape(inClass: false)  // \
        case 0x2A, 0x2B, 0x3F: throw error("dangling quantifier")
        default: return literal(next)
        }
    }

    private func literal(_ scalar: UInt32) -> RegexNode {
        if flags.caseInsensitive { return .literal(RegexParser.fold(scalar), folded: true) }
        return .literal(scalar, folded: false)
    }

    /// The case-insensitive form of a code point.
    static func fold(_ scalar: UInt32) -> UInt32 {
        CaseMapping.map(CaseMapping.map(scalar, upper: true), upper: false)
    }

    private mutating func parseGroup() throws -> RegexNode {
        var capture: Int?
        let outerFlags = flags
        if consume("?") {
            if consume(":") {
                capture = nil
            } else if peek() == 0x3C && peek(1) != 0x3D && peek(1) != 0x21 || peek() == 0x50 && peek(1) == 0x3C {  // (?<name> or (?P<name>
                if peek() == 0x50 { position += 1 }
                position += 1
                var name = ""
                while let c = peek(), c != 0x3E {
                    name.unicodeScalars.append(Unicode.Scalar(c)!)
                    position += 1
                }
                guard consume(">"), !name.isEmpty else { throw error("bad group name") }
                captureCount += 1
                capture = captureCount
                groupNames[name] = captureCount
            } else if peek() == 0x3D || peek() == 0x21 || peek() == 0x3C {
                throw error("lookaround is not supported")
            } else if peek() == 0x3E {
                throw error("atomic groups are not supported")
            } else {
                // Flags: (?imsx-imsx) for the rest of the group, or (?imsx-imsx: … ) for a subgroup.
                var enable = true
                var newFlags = flags
                while let c = peek(), c != 0x29, c != 0x3A {
                    switch c {
                    case 0x69: newFlags.caseInsensitive = enable
                    case 0x73: newFlags.dotAll = enable
                    case 0x6D: newFlags.multiline = enable
                    case 0x78: newFlags.extended = enable
                    case 0x75, 0x64, 0x55: break  // unicode-case, unix-lines, unicode-class: accepted, no effect
                    case 0x2D: enable = false
                    default: throw error("unknown flag")
                    }
                    position += 1
                }
                if consume(")") {
                    flags = newFlags
                    return .empty
                }
                guard consume(":") else { throw error("unterminated flag group") }
                flags = newFlags
                let inner = try parseAlternation()
                guard consume(")") else { throw error("missing ')'") }
                flags = outerFlags
                return .group(inner, capture: nil)
            }
        } else {
            captureCount += 1
            capture = captureCount
        }
        let inner = try parseAlternation()
        guard consume(")") else { throw error("missing ')'") }
        flags = outerFlags
        return .group(inner, capture: capture)
    }

    private mutating func parseClass() throws -> CodePointSet {
        var set = CodePointSet()
        if consume("^") { set.negated = true }
        var first = true
        while true {
            guard let next = peek() else { throw error("unterminated character class") }
            if next == 0x5D && !first {  // ]
                position += 1
                break
            }
            first = false
            if next == 0x5B {  // nested class or POSIX bracket
                throw error("nested classes and set operations are not supported")
            }
            if next == 0x26 && peek(1) == 0x26 { throw error("class intersection (&&) is not supported") }
            position += 1
            var low: UInt32
            if next == 0x5C {
                switch try parseEscape(inClass: true) {
                case .literal(let scalar, _): low = scalar
                case .set(let other, _):
                    try set.add(other)
                    continue
                default: throw error("bad escape in class")
                }
            } else {
                low = next
            }
            // A range a-z (a '-' before ']' is literal).
            if peek() == 0x2D, let after = peek(1), after != 0x5D {
                position += 1
                var high: UInt32
                if after == 0x5C {
                    position += 1
                    guard case .literal(let scalar, _) = try parseEscape(inClass: true) else { throw error("bad range") }
                    high = scalar
                } else {
                    position += 1
                    high = after
                }
                guard low <= high else { throw error("illegal character range") }
                set.ranges.append(low...high)
                if flags.caseInsensitive { RegexParser.addFolded(&set, low...high) }
                continue
            }
            set.ranges.append(low...low)
            if flags.caseInsensitive { RegexParser.addFolded(&set, low...low) }
        }
        set.seal()
        return set
    }

    /// Adds both cases of the letters in `range` (for case-insensitive classes).
    private static func addFolded(_ set: inout CodePointSet, _ range: ClosedRange<UInt32>) {
        guard range.count <= 4096 else { return }
        for scalar in range {
            let upper = CaseMapping.map(scalar, upper: true)
            let lower = CaseMapping.map(scalar, upper: false)
            if upper != scalar { set.ranges.append(upper...upper) }
            if lower != scalar { set.ranges.append(lower...lower) }
        }
    }

    /// After a backslash.
    private mutating func parseEscape(inClass: Bool) throws -> RegexNode {
        guard let next = peek() else { throw error("trailing backslash") }
        position += 1
        func sealed(_ set: CodePointSet, negated: Bool = false) -> RegexNode {
            var copy = set
            copy.negated = negated
            copy.seal()
            return .set(copy, folded: false)
        }
        switch next {
        case 0x64: return sealed(.digits)  // d
        case 0x44: return sealed(.digits, negated: true)  // D
        case 0x77: return sealed(.word)  // w
        case 0x57: return sealed(.word, negated: true)  // W
        case 0x73: return sealed(.space)  // s
        case 0x53: return sealed(.space, negated: true)  // S
        case 0x70, 0x50:  // p{…} P{…}
            return sealed(try parseProperty(), negated: next == 0x50)
        case 0x74: return .literal(0x09, folded: false)
        case 0x6E: return .literal(0x0A, folded: false)
        case 0x72: return .literal(0x0D, folded: false)
        case 0x66: return .literal(0x0C, folded: false)
        case 0x65: return .literal(0x1B, folded: false)
        case 0x61: return .literal(0x07, folded: false)
        case 0x78:  // x
            if consume("{") {
                var value: UInt32 = 0
                var digits = 0
                while let c = peek(), let digit = RegexParser.hexValue(c) {
                    value = value &* 16 &+ digit
                    position += 1
                    digits += 1
                }
                guard consume("}"), digits > 0, value <= 0x10FFFF else { throw error("bad \\x{…} escape") }
                return literal(value)
            }
            return literal(try hexDigits(2))
        case 0x75: return literal(try hexDigits(4))  // u
        case 0x30:  // 0 octal
            var value: UInt32 = 0
            var digits = 0
            while digits < 3, let c = peek(), c >= 48, c <= 55 {
                value = value * 8 + (c - 48)
                position += 1
                digits += 1
            }
            guard digits > 0 else { throw error("bad octal escape") }
            return literal(value)
        case 0x31...0x39:
            throw error("backreferences are not supported")
        case 0x62 where !inClass: return .assertion(.wordBoundary)  // b
        case 0x42 where !inClass: return .assertion(.notWordBoundary)  // B
        case 0x41 where !inClass: return .assertion(.startOfText)  // A
        case 0x7A where !inClass: return .assertion(.endOfText)  // z
        case 0x5A where !inClass: return .assertion(.endOfTextOrFinalTerminator)  // Z
        case 0x51:  // \Q…\E quotes literally
            var items: [RegexNode] = []
            while let c = peek() {
                if c == 0x5C && peek(1) == 0x45 {
                    position += 2
                    break
                }
                items.append(literal(c))
                position += 1
            }
            if inClass { throw error("\\Q inside a class is not supported") }
            return .concat(items)
        default:
            // Escaped punctuation stands for itself; an escaped letter without meaning is an error (Java).
            if (next >= 0x41 && next <= 0x5A) || (next >= 0x61 && next <= 0x7A) {
                throw error("unknown escape \\\(Character(Unicode.Scalar(next)!))")
            }
            return literal(next)
        }
    }

    private mutating func hexDigits(_ count: Int) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<count {
            guard let c = peek(), let digit = RegexParser.hexValue(c) else { throw error("bad hex escape") }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    private static func hexValue(_ c: UInt32) -> UInt32? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }

    /// `\p{Name}` or `\pL`: general categories (L, Lu, N, Nd, P, S, Z, …), Is/In-prefixed forms and the
    /// POSIX names Java knows (Alpha, Digit, Alnum, Upper, Lower, Punct, Space, Blank, XDigit, …).
    private mutating func parseProperty() throws -> CodePointSet {
        var name = ""
        if consume("{") {
            while let c = peek(), c != 0x7D {
                name.unicodeScalars.append(Unicode.Scalar(c)!)
                position += 1
            }
            guard consume("}") else { throw error("unterminated \\p{…}") }
        } else if let c = peek() {
            name = String(Unicode.Scalar(c)!)
            position += 1
        }
        if name.hasPrefix("Is") { name.removeFirst(2) }
        if name.hasPrefix("general_category=") { name.removeFirst(17) }
        if let set = RegexParser.posixClass(name) { return set }
        let categories = RegexParser.categories(name)
        guard !categories.isEmpty else { throw error("unknown character property '\(name)'") }
        return CodePointSet(categories: categories)
    }

    private static func posixClass(_ name: String) -> CodePointSet? {
        switch name {
        case "Lower": return CodePointSet(ranges: [97...122])
        case "Upper": return CodePointSet(ranges: [65...90])
        case "ASCII": return CodePointSet(ranges: [0...127])
        case "Alpha": return CodePointSet(ranges: [65...90, 97...122])
        case "Digit": return CodePointSet(ranges: [48...57])
        case "Alnum": return CodePointSet(ranges: [48...57, 65...90, 97...122])
        case "Punct": return CodePointSet(ranges: [33...47, 58...64, 91...96, 123...126])
        case "Graph": return CodePointSet(ranges: [33...126])
        case "Print": return CodePointSet(ranges: [32...126])
        case "Blank": return CodePointSet(ranges: [9...9, 32...32])
        case "Cntrl": return CodePointSet(ranges: [0...31, 127...127])
        case "XDigit": return CodePointSet(ranges: [48...57, 65...70, 97...102])
        case "Space": return CodePointSet(ranges: [9...13, 32...32])
        case "Alphabetic": return CodePointSet(categories: categories("L") + [.letterNumber])
        case "Letter": return CodePointSet(categories: categories("L"))
        default: return nil
        }
    }

    private static func categories(_ name: String) -> [Unicode.GeneralCategory] {
        switch name {
        case "L": return [.uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter]
        case "Lu": return [.uppercaseLetter]
        case "Ll": return [.lowercaseLetter]
        case "Lt": return [.titlecaseLetter]
        case "Lm": return [.modifierLetter]
        case "Lo": return [.otherLetter]
        case "M": return [.nonspacingMark, .spacingMark, .enclosingMark]
        case "Mn": return [.nonspacingMark]
        case "N": return [.decimalNumber, .letterNumber, .otherNumber]
        case "Nd": return [.decimalNumber]
        case "Nl": return [.letterNumber]
        case "No": return [.otherNumber]
        case "P": return [.connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                          .initialPunctuation, .finalPunctuation, .otherPunctuation]
        case "Pd": return [.dashPunctuation]
        case "Ps": return [.openPunctuation]
        case "Pe": return [.closePunctuation]
        case "Po": return [.otherPunctuation]
        case "S": return [.mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol]
        case "Sm": return [.mathSymbol]
        case "Sc": return [.currencySymbol]
        case "Z": return [.spaceSeparator, .lineSeparator, .paragraphSeparator]
        case "Zs": return [.spaceSeparator]
        case "C": return [.control, .format, .surrogate, .privateUse, .unassigned]
        case "Cc": return [.control]
        case "Cf": return [.format]
        default: return []
        }
    }
}
