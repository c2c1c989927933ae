// A small XML reader for S3's responses (listings, errors, multipart and delete results). S3 documents
// are shallow trees of elements holding text; attributes and namespaces carry nothing we need, so they
// are skipped. The reader is lenient where S3 is (raw control characters in keys) and strict where a
// broken document must not pass for a valid one (unbalanced tags, truncated input).

struct S3XMLElement: Sendable {
    /// The local name (any `prefix:` removed).
    var name: String
    /// The element's own text, entities decoded (text of children not included).
    var text: String
    var children: [S3XMLElement]

    /// The first child named `name`.
    func child(_ name: String) -> S3XMLElement? {
        children.first { $0.name == name }
    }

    func children(_ name: String) -> [S3XMLElement] {
        children.filter { $0.name == name }
    }

    /// The text of the first child named `name`.
    func text(of name: String) -> String? {
        child(name)?.text
    }
}

struct S3XMLError: Error, Sendable, CustomStringConvertible {
    var message: String
    var offset: Int
    var description: String { "\(message) at byte \(offset)" }
}

extension S3XMLElement {
    /// Parses a whole document and returns its root element.
    static func parse(_ bytes: [UInt8]) throws(S3XMLError) -> S3XMLElement {
        var parser = S3XMLParser(bytes: bytes)
        return try parser.document()
    }
}

private struct S3XMLParser {
    let bytes: [UInt8]
    var position = 0
    /// Nesting deeper than this is not an S3 response; it stops hostile input from exhausting memory.
    static let maximumDepth = 64

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func document() throws(S3XMLError) -> S3XMLElement {
        var stack: [S3XMLElement] = []
        var root: S3XMLElement?
        var text: [UInt8] = []
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count, bytes[position] != UInt8(ascii: "<") { position += 1 }
                if !stack.isEmpty { try decodeEntities(bytes[start..<position], into: &text) }
                continue
            }
            if matches("<?") {
                try skip(past: "?>")
            } else if matches("<!--") {
                try skip(past: "-->")
            } else if matches("<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>")
                if !stack.isEmpty { text.append(contentsOf: bytes[start..<(position - 3)]) }
            } else if matches("<!") {
                try skip(past: ">")
            } else if matches("</") {
                position += 2
                let name = try readName()
                skipSpaces()
                try expect(">")
                guard var element = stack.popLast(), element.name == name else {
                    throw S3XMLError(message: "unexpected closing tag </\(name)>", offset: position)
                }
                element.text += String(decoding: text, as: UTF8.self)
                text.removeAll(keepingCapacity: true)
                if stack.isEmpty {
                    guard root == nil else { throw S3XMLError(message: "more than one root element", offset: position) }
                    root = element
                } else {
                    stack[stack.count - 1].children.append(element)
                }
            } else {
                position += 1
                let name = try readName()
                let selfClosing = try skipAttributes()
                // Text before a child belongs to the parent (S3 never mixes text and children).
                if !stack.isEmpty {
                    stack[stack.count - 1].text += String(decoding: text, as: UTF8.self)
                    text.removeAll(keepingCapacity: true)
                }
                let element = S3XMLElement(name: name, text: "", children: [])
                if selfClosing {
                    if stack.isEmpty {
                        guard root == nil else { throw S3XMLError(message: "more than one root element", offset: position) }
                        root = element
                    } else {
                        stack[stack.count - 1].children.append(element)
                    }
                } else {
                    guard stack.count < S3XMLParser.maximumDepth else {
                        throw S3XMLError(message: "elements nested too deeply", offset: position)
                    }
                    stack.append(element)
                }
            }
        }
        guard stack.isEmpty else {
            throw S3XMLError(message: "document ends inside <\(stack[stack.count - 1].name)>", offset: position)
        }
        guard let root else { throw S3XMLError(message: "no root element", offset: position) }
        return root
    }

    private func matches(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let pointer = literal.utf8Start
        for index in 0..<count where bytes[position + index] != pointer[index] { return false }
        return true
    }

    private mutating func skip(past terminator: StaticString) throws(S3XMLError) {
        let start = position
        while position < bytes.count {
            if matches(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            position += 1
        }
        throw S3XMLError(message: "unterminated markup", offset: start)
    }

    private mutating func expect(_ character: Unicode.Scalar) throws(S3XMLError) {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else {
            throw S3XMLError(message: "expected '\(character)'", offset: position)
        }
        position += 1
    }

    private mutating func skipSpaces() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    /// An element name; a namespace prefix is dropped.
    private mutating func readName() throws(S3XMLError) -> String {
        let start = position
        var localStart = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "/")
            {
                break
            }
            if byte == UInt8(ascii: ":") { localStart = position + 1 }
            position += 1
        }
        guard position > localStart else { throw S3XMLError(message: "missing element name", offset: start) }
        return String(decoding: bytes[localStart..<position], as: UTF8.self)
    }

    /// Skips to the end of a start tag; returns whether it was `<name ... />`.
    private mutating func skipAttributes() throws(S3XMLError) -> Bool {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: ">"):
                position += 1
                return false
            case UInt8(ascii: "/") where position + 1 < bytes.count && bytes[position + 1] == UInt8(ascii: ">"):
                position += 2
                return true
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                let quote = bytes[position]
                position += 1
                while position < bytes.count, bytes[position] != quote { position += 1 }
                guard position < bytes.count else { throw S3XMLError(message: "unterminated attribute", offset: position) }
                position += 1
            default:
                position += 1
            }
        }
        throw S3XMLError(message: "unterminated start tag", offset: position)
    }

    /// Appends `raw` with `&amp;`, `&lt;`, `&#NN;`, `&#xNN;` ... replaced by what they stand for.
    private func decodeEntities(_ raw: ArraySlice<UInt8>, into text: inout [UInt8]) throws(S3XMLError) {
        var index = raw.startIndex
        while index < raw.endIndex {
            let byte = raw[index]
            guard byte == UInt8(ascii: "&") else {
                text.append(byte)
                index += 1
                continue
            }
            guard let semicolon = raw[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                throw S3XMLError(message: "unterminated entity", offset: index)
            }
            let name = String(decoding: raw[(index + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "amp": text.append(UInt8(ascii: "&"))
            case "lt": text.append(UInt8(ascii: "<"))
            case "gt": text.append(UInt8(ascii: ">"))
            case "quot": text.append(UInt8(ascii: "\""))
            case "apos": text.append(UInt8(ascii: "'"))
            default:
                var value: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    value = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    value = UInt32(name.dropFirst(), radix: 10)
                }
                guard let value, let scalar = Unicode.Scalar(value) else {
                    throw S3XMLError(message: "unknown entity &\(name);", offset: index)
                }
                text.append(contentsOf: String(Character(scalar)).utf8)
            }
            index = semicolon + 1
        }
    }
}

extension S3XMLElement {
    /// `text` escaped for an XML request body. Line breaks and tabs become character references so that
    /// the server's XML parser does not normalize them away.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\r": escaped += "&#13;"
            case "\n": escaped += "&#10;"
            case "\t": escaped += "&#9;"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Whether XML 1.0 can carry `text` at all (it has no way to write most control characters).
    static func canRepresent(_ text: String) -> Bool {
        !text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" }
    }
}
