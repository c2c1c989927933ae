// A small validating JSON parser over bytes, for one record at a time: the members of a top-level object
// (key and value byte ranges, value kinds), or a single top-level value. Nested objects and arrays are
// checked and skipped with an explicit stack, never recursion, so deep input cannot overflow the stack.

/// The JSON type of a value.
enum JSONValueType: UInt8 {
    case string, number, `true`, `false`, null, object, array
}

/// One member of a record object: where its key and value are in the window.
struct JSONMember {
    var keyStart: Int
    var keyEnd: Int
    var keyEscaped: Bool
    var valueStart: Int
    var valueEnd: Int
    var valueType: JSONValueType
    /// For strings: whether the content holds escapes.
    var valueEscaped: Bool
}

/// What scanning one record found.
struct JSONRecordScan {
    enum Outcome {
        case record
        /// The record runs past the bytes in the window.
        case needMoreData
        /// Malformed JSON at `errorOffset`.
        case malformed
    }

    var outcome: Outcome
    /// Where the record ends (after its last byte).
    var end = 0
    /// Line breaks inside the record.
    var lineBreaks = 0
    /// The top-level value: for objects the members are in the scanner's `members`.
    var rootType: JSONValueType = .null
    var rootStart = 0
    var rootEnd = 0
    var rootEscaped = false
    var errorOffset = 0
}

final class JSONScanner {
    /// The members of the last object record scanned (`memberCount` of them).
    // Hot state of a class read and written per byte or member: runtime exclusivity checks would cost
    // more than the work, and the scanner is used from one thread at a time.
    @exclusivity(unchecked) private(set) var members: UnsafeMutablePointer<JSONMember>
    @exclusivity(unchecked) private(set) var memberCount = 0
    @exclusivity(unchecked) private var memberCapacity = 64
    /// Why the last record was malformed.
    private(set) var errorMessage = ""
    private var stack: [UInt8] = []
    let maximumNesting: Int
    /// Whether a record may span lines (not in `newline_delimited` format).
    let allowsLineBreaks: Bool

    // Scanning state for the record in progress.
    @exclusivity(unchecked) private var bytes: UnsafePointer<UInt8> = UnsafePointer(bitPattern: 1)!
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var isComplete = false
    @exclusivity(unchecked) private var lineBreaks = 0
    @exclusivity(unchecked) private var failure: (offset: Int, message: String)? = nil
    @exclusivity(unchecked) private var needsMore = false

    /// Returned by the scanning helpers when they fail (see `failure` and `needsMore`).
    private static let stop = -1

    /// 1 for the bytes that end a run of plain string content: quote, backslash, control characters.
    private let stringStops: UnsafeMutablePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        table.initialize(repeating: 0, count: 256)
        for byte in 0..<0x20 { table[byte] = 1 }
        table[Int(UInt8(ascii: "\""))] = 1
        table[Int(UInt8(ascii: "\\"))] = 1
        return table
    }()

    init(maximumNesting: Int, allowsLineBreaks: Bool) {
        self.maximumNesting = maximumNesting
        self.allowsLineBreaks = allowsLineBreaks
        members = .allocate(capacity: memberCapacity)
    }

    deinit {
        members.deallocate()
        stringStops.deallocate()
    }

    @inline(__always)
    private func appendMember(_ member: JSONMember) {
        if memberCount == memberCapacity { growMembers() }
        (members + memberCount).initialize(to: member)
        memberCount &+= 1
    }

    private func growMembers() {
        let grown = UnsafeMutablePointer<JSONMember>.allocate(capacity: memberCapacity * 2)
        grown.moveInitialize(from: members, count: memberCount)
        members.deallocate()
        members = grown
        memberCapacity *= 2
    }

    /// Scans the record (a value) starting at `start`, which is not whitespace.
    func scanRecord(_ bytes: UnsafePointer<UInt8>, count: Int, isComplete: Bool, from start: Int) -> JSONRecordScan {
        self.bytes = bytes
        self.count = count
        self.isComplete = isComplete
        lineBreaks = 0
        failure = nil
        needsMore = false
        memberCount = 0

        var scan = JSONRecordScan(outcome: .record)
        let end: Int
        if bytes[start] == UInt8(ascii: "{") {
            end = scanObjectMembers(start)
            scan.rootType = .object
        } else {
            var type = JSONValueType.null
            var escaped = false
            end = scanValue(start, type: &type, escaped: &escaped)
            scan.rootType = type
            scan.rootEscaped = escaped
        }
        if end == Self.stop {
            if needsMore { return JSONRecordScan(outcome: .needMoreData) }
            scan.outcome = .malformed
            scan.errorOffset = failure?.offset ?? start
            errorMessage = failure?.message ?? "malformed JSON"
            return scan
        }
        scan.end = end
        scan.rootStart = start
        scan.rootEnd = end
        if scan.rootType == .string {
            scan.rootStart = start + 1
            scan.rootEnd = end - 1
        }
        scan.lineBreaks = lineBreaks
        return scan
    }

    // MARK: Pieces

    /// Fails at `offset`, or asks for more bytes when the text may go on past the window.
    private func fail(_ offset: Int, _ message: String) -> Int {
        if offset >= count && !isComplete {
            needsMore = true
        } else {
            failure = (offset, offset >= count ? "unexpected end of text: " + message : message)
        }
        return Self.stop
    }

    /// The first position at or after `position` that is not whitespace (line breaks counted).
    @inline(__always)
    private func skipWhitespace(_ position: Int) -> Int {
        var position = position
        while position < count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0D {
                position &+= 1
            } else if byte == 0x0A {
                if !allowsLineBreaks { return position }
                lineBreaks &+= 1
                position &+= 1
            } else {
                break
            }
        }
        return position
    }

    /// The members of the object at `start` (`{`); returns the position after its `}`.
    private func scanObjectMembers(_ start: Int) -> Int {
        var position = skipWhitespace(start + 1)
        guard position < count else { return fail(position, "object not closed") }
        if bytes[position] == UInt8(ascii: "}") { return position + 1 }
        while true {
            guard position < count else { return fail(position, "object not closed") }
            guard bytes[position] == UInt8(ascii: "\"") else {
                return fail(position, "expected a quoted key, found \(describe(position))")
            }
            let keyStart = position
            var keyEscaped = false
            let keyEnd = scanString(position, escaped: &keyEscaped)
            guard keyEnd != Self.stop else { return Self.stop }
            position = skipWhitespace(keyEnd)
            guard position < count, bytes[position] == UInt8(ascii: ":") else {
                return fail(position, "expected ':' after a key, found \(describe(position))")
            }
            position = skipWhitespace(position + 1)
            guard position < count else { return fail(position, "expected a value") }
            let valueStart = position
            var type = JSONValueType.null
            var valueEscaped = false
            let valueEnd = scanValue(position, type: &type, escaped: &valueEscaped)
            guard valueEnd != Self.stop else { return Self.stop }
            let isString = type == .string
            appendMember(
                JSONMember(
                    keyStart: keyStart + 1, keyEnd: keyEnd - 1, keyEscaped: keyEscaped,
                    valueStart: isString ? valueStart + 1 : valueStart, valueEnd: isString ? valueEnd - 1 : valueEnd,
                    valueType: type, valueEscaped: valueEscaped))
            position = skipWhitespace(valueEnd)
            guard position < count else { return fail(position, "object not closed") }
            let separator = bytes[position]
            if separator == UInt8(ascii: "}") { return position + 1 }
            guard separator == UInt8(ascii: ",") else {
                return fail(position, "expected ',' or '}' in an object, found \(describe(position))")
            }
            position = skipWhitespace(position + 1)
        }
    }

    /// A value of any type at `start`; returns the position after it.
    private func scanValue(_ start: Int, type: inout JSONValueType, escaped: inout Bool) -> Int {
        let byte = bytes[start]
        switch byte {
        case UInt8(ascii: "\""):
            type = .string
            return scanString(start, escaped: &escaped)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            type = byte == UInt8(ascii: "{") ? .object : .array
            return skipContainer(start)
        case UInt8(ascii: "t"):
            type = .true
            return scanLiteral(start, "true")
        case UInt8(ascii: "f"):
            type = .false
            return scanLiteral(start, "false")
        case UInt8(ascii: "n"):
            type = .null
            return scanLiteral(start, "null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            type = .number
            return scanNumber(start)
        default:
            return fail(start, "unexpected \(describe(start)) where a value should be")
        }
    }

    /// A string at `start` (its opening quote); returns the position after the closing quote.
    private func scanString(_ start: Int, escaped: inout Bool) -> Int {
        var position = start + 1
        while true {
            let stops = stringStops
            while position < count && stops[Int(bytes[position])] == 0 {
                position &+= 1
            }
            guard position < count else { return fail(position, "string not closed") }
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { return position + 1 }
            if byte < 0x20 {
                return fail(position, byte == 0x0A ? "string not closed before the end of the line" : "control character in a string (it must be escaped)")
            }
            escaped = true
            guard position + 1 < count else { return fail(position + 1, "string not closed") }
            switch bytes[position + 1] {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                position += 2
            case UInt8(ascii: "u"):
                for offset in 2..<6 {
                    guard position + offset < count else { return fail(position + offset, "string not closed") }
                    guard FieldUnescaping.hexValue(bytes[position + offset]) != nil else {
                        return fail(position, "invalid \\u escape (four hex digits must follow)")
                    }
                }
                position += 6
            default:
                return fail(position, "invalid escape '\\\(describeByte(bytes[position + 1]))' in a string")
            }
        }
    }

    /// A number at `start`, by JSON's grammar; returns the position after it.
    private func scanNumber(_ start: Int) -> Int {
        var position = start
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        guard position < count else { return fail(position, "number not complete") }
        if bytes[position] == UInt8(ascii: "0") {
            position += 1
        } else if TextNumberParser.isDigit(bytes[position]) {
            while position < count && TextNumberParser.isDigit(bytes[position]) { position &+= 1 }
        } else {
            return fail(position, "invalid number")
        }
        if position < count && bytes[position] == UInt8(ascii: ".") {
            position += 1
            let digits = position
            while position < count && TextNumberParser.isDigit(bytes[position]) { position &+= 1 }
            guard position > digits else { return fail(position, "invalid number (digits must follow '.')") }
        }
        if position < count && (bytes[position] | 0x20) == UInt8(ascii: "e") {
            position += 1
            if position < count && (bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-")) {
                position += 1
            }
            let digits = position
            while position < count && TextNumberParser.isDigit(bytes[position]) { position &+= 1 }
            guard position > digits else { return fail(position, "invalid number (digits must follow the exponent)") }
        }
        if position == count && !isComplete {
            // The number may go on in bytes not read yet.
            needsMore = true
            return Self.stop
        }
        if position < count && !isValueEnd(bytes[position]) {
            return fail(position, "invalid number")
        }
        return position
    }

    @inline(__always)
    private func isValueEnd(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == 0x20
            || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private func scanLiteral(_ start: Int, _ word: StaticString) -> Int {
        let length = word.utf8CodeUnitCount
        for offset in 0..<length {
            guard start + offset < count else { return fail(start + offset, "'\(word)' not complete") }
            guard bytes[start + offset] == word.utf8Start[offset] else {
                return fail(start, "invalid literal (expected '\(word)')")
            }
        }
        let end = start + length
        if end == count && !isComplete {
            needsMore = true
            return Self.stop
        }
        if end < count && !isValueEnd(bytes[end]) { return fail(end, "invalid literal") }
        return end
    }

    /// An object or array at `start`, checked to the end and skipped; returns the position after it.
    private func skipContainer(_ start: Int) -> Int {
        stack.removeAll(keepingCapacity: true)
        stack.append(bytes[start])
        var position = skipWhitespace(start + 1)
        // Right after an opening bracket the container may close at once.
        var justOpened = true
        while true {
            guard position < count else { return fail(position, "\(stack.last == UInt8(ascii: "{") ? "object" : "array") not closed") }
            let inObject = stack.last == UInt8(ascii: "{")
            let closer = inObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if justOpened && bytes[position] == closer {
                stack.removeLast()
                position += 1
                if stack.isEmpty { return position }
                justOpened = false
                position = afterValue(position)
                if position == Self.stop { return Self.stop }
                if position < 0 { return -position - 2 }
                continue
            }
            justOpened = false
            if inObject {
                guard bytes[position] == UInt8(ascii: "\"") else {
                    return fail(position, "expected a quoted key, found \(describe(position))")
                }
                var escaped = false
                let keyEnd = scanString(position, escaped: &escaped)
                guard keyEnd != Self.stop else { return Self.stop }
                position = skipWhitespace(keyEnd)
                guard position < count, bytes[position] == UInt8(ascii: ":") else {
                    return fail(position, "expected ':' after a key, found \(describe(position))")
                }
                position = skipWhitespace(position + 1)
                guard position < count else { return fail(position, "expected a value") }
            }
            let byte = bytes[position]
            if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                guard stack.count < maximumNesting else {
                    return fail(position, "nesting deeper than \(maximumNesting) levels")
                }
                stack.append(byte)
                position = skipWhitespace(position + 1)
                justOpened = true
                continue
            }
            var type = JSONValueType.null
            var escaped = false
            position = scanValue(position, type: &type, escaped: &escaped)
            guard position != Self.stop else { return Self.stop }
            position = afterValue(position)
            if position == Self.stop { return Self.stop }
            if position < 0 { return -position - 2 }
        }
    }

    /// After a value inside a container: a separator (then the next element), or closers (then the
    /// value they end). Returns the position of the next element, `stop`, or `-(end + 2)` when the
    /// outermost container closed at `end`.
    private func afterValue(_ start: Int) -> Int {
        var position = skipWhitespace(start)
        while true {
            guard position < count else { return fail(position, "\(stack.last == UInt8(ascii: "{") ? "object" : "array") not closed") }
            let byte = bytes[position]
            let closer = stack.last == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            if byte == UInt8(ascii: ",") { return skipWhitespace(position + 1) }
            guard byte == closer else {
                return fail(position, "expected ',' or '\(Character(Unicode.Scalar(closer)))', found \(describe(position))")
            }
            stack.removeLast()
            position += 1
            if stack.isEmpty { return -(position + 2) }
            position = skipWhitespace(position)
        }
    }

    private func describe(_ position: Int) -> String {
        guard position < count else { return "the end of the text" }
        return "'" + describeByte(bytes[position]) + "'"
    }

    private func describeByte(_ byte: UInt8) -> String {
        if byte >= 0x20 && byte < 0x7F { return String(Character(Unicode.Scalar(byte))) }
        return "\\u{\(String(byte, radix: 16))}"
    }
}
