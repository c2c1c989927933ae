// The JSON paths of json_extract and json_extract_scalar: `$`, then `.key`, `["key"]` or `[index]` steps
// (Trino's simple path form; wildcards and filters are not supported and fail with an error).
import StrataCore

struct JSONPath: Equatable {
    enum Step: Equatable {
        case key([UInt8])
        case index(Int)
    }

    let steps: [Step]

    init(_ text: UnsafeBufferPointer<UInt8>) throws {
        let source = String(decoding: text, as: UTF8.self)
        func invalid(_ why: String) -> ExecutionError {
            ExecutionError(.invalidArgument, "Invalid JSON path: '\(source)' (\(why))")
        }
        var steps: [Step] = []
        var position = 0
        let count = text.count
        while position < count && text[position] == 0x20 { position += 1 }
        guard position < count, text[position] == UInt8(ascii: "$") else { throw invalid("a path starts with $") }
        position += 1
        while position < count {
            switch text[position] {
            case UInt8(ascii: "."):
                position += 1
                let start = position
                while position < count, text[position] != UInt8(ascii: "."), text[position] != UInt8(ascii: "[") {
                    position += 1
                }
                guard position > start else { throw invalid("empty key") }
                let key = Array(text[start..<position])
                guard key != [UInt8(ascii: "*")] else { throw invalid("wildcards are not supported") }
                steps.append(.key(key))
            case UInt8(ascii: "["):
                position += 1
                guard position < count else { throw invalid("unterminated [") }
                let quote = text[position]
                if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                    position += 1
                    var key: [UInt8] = []
                    while position < count, text[position] != quote {
                        if text[position] == UInt8(ascii: "\\"), position + 1 < count { position += 1 }
                        key.append(text[position])
                        position += 1
                    }
                    guard position + 1 < count, text[position + 1] == UInt8(ascii: "]") else { throw invalid("unterminated key") }
                    position += 2
                    steps.append(.key(key))
                } else {
                    var index = 0
                    var digits = 0
                    while position < count, text[position] &- 48 < 10 {
                        index = min(index * 10 + Int(text[position] - 48), Int(Int32.max))
                        position += 1
                        digits += 1
                    }
                    guard digits > 0, position < count, text[position] == UInt8(ascii: "]") else {
                        throw invalid("an array subscript is a non-negative number")
                    }
                    position += 1
                    steps.append(.index(index))
                }
            default:
                throw invalid("unexpected character at \(position)")
            }
        }
        self.steps = steps
    }

    /// The byte range of the value the path selects in `json`, or nil when it selects nothing or the JSON
    /// is malformed along the way.
    func locate(in json: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var scanner = JSONScanner(json)
        scanner.skipWhitespace()
        for step in steps {
            switch step {
            case .key(let wanted):
                guard scanner.consume(UInt8(ascii: "{")) else { return nil }
                scanner.skipWhitespace()
                if scanner.consume(UInt8(ascii: "}")) { return nil }
                // Members until the wanted key (the cursor is then at its value); none left: nothing.
                while true {
                    scanner.skipWhitespace()
                    guard let key = scanner.string() else { return nil }
                    scanner.skipWhitespace()
                    guard scanner.consume(UInt8(ascii: ":")) else { return nil }
                    scanner.skipWhitespace()
                    if key == wanted { break }
                    guard scanner.skipValue() else { return nil }
                    scanner.skipWhitespace()
                    guard scanner.consume(UInt8(ascii: ",")) else { return nil }
                }
            case .index(let wanted):
                guard scanner.consume(UInt8(ascii: "[")) else { return nil }
                scanner.skipWhitespace()
                if scanner.consume(UInt8(ascii: "]")) { return nil }
                var index = 0
                while index < wanted {
                    guard scanner.skipValue() else { return nil }
                    scanner.skipWhitespace()
                    guard scanner.consume(UInt8(ascii: ",")) else { return nil }
                    scanner.skipWhitespace()
                    index += 1
                }
            }
        }
        let start = scanner.position
        guard scanner.skipValue() else { return nil }
        return start..<scanner.position
    }
}
