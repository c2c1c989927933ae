// The replacement strings of regexp_replace, compiled once: literal text and group references.
import StrataCore

/// A replacement string of regexp_replace: literal text and references to groups (`$1`, `${name}`), with
/// `\` escaping the next character, as Java's `Matcher.appendReplacement`.
struct RegexReplacement {
    enum Part {
        case literal([UInt8])
        case group(Int)
    }

    let parts: [Part]

    init(_ text: String, program: RegexProgram) throws {
        var parts: [Part] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        func invalid(_ message: String) -> ExecutionError {
            ExecutionError(.invalidArgument, "Invalid replacement '\(text)': \(message)")
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") {
                index += 1
                guard index < bytes.count else { throw invalid("character to be escaped is missing") }
                literal.append(bytes[index])
                index += 1
            } else if byte == UInt8(ascii: "$") {
                index += 1
                guard index < bytes.count else { throw invalid("illegal group reference: group index is missing") }
                var group: Int
                if bytes[index] == UInt8(ascii: "{") {
                    let start = index + 1
                    guard let close = bytes[start...].firstIndex(of: UInt8(ascii: "}")), close > start else {
                        throw invalid("named capturing group is missing trailing '}'")
                    }
                    let name = String(decoding: bytes[start..<close], as: UTF8.self)
                    guard let named = program.groupNames[name] else { throw invalid("no group with name {\(name)}") }
                    group = named
                    index = close + 1
                } else {
                    guard bytes[index] &- 48 < 10 else { throw invalid("illegal group reference") }
                    group = Int(bytes[index] - 48)
                    index += 1
                    // More digits only while they still name an existing group (Java's rule).
                    while index < bytes.count, bytes[index] &- 48 < 10 {
                        let longer = group * 10 + Int(bytes[index] - 48)
                        if longer > program.groupCount { break }
                        group = longer
                        index += 1
                    }
                    guard group <= program.groupCount else { throw invalid("no group \(group)") }
                }
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = []
                }
                parts.append(.group(group))
            } else {
                literal.append(byte)
                index += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        self.parts = parts
    }

    func append(_ value: UnsafeBufferPointer<UInt8>, _ captures: [Int], to result: StringResult) {
        for part in parts {
            switch part {
            case .literal(let bytes):
                bytes.withUnsafeBufferPointer { result.appendPart($0) }
            case .group(let group):
                let start = captures[2 * group]
                let end = captures[2 * group + 1]
                if start >= 0 && end >= start { result.appendPart(UnsafeBufferPointer(rebasing: value[start..<end])) }
            }
        }
    }
}
