// A cursor over JSON text that steps over values without building them (iteratively, so nesting depth
// cannot exhaust the stack).
import StrataCore

/// A cursor over JSON text that steps over values without building them.
struct JSONScanner {
    let text: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ text: UnsafeBufferPointer<UInt8>) {
        self.text = text
    }

    mutating func skipWhitespace() {
        while position < text.count, text[position] == 0x20 || text[position] == 0x0A || text[position] == 0x0D || text[position] == 0x09 {
            position += 1
        }
    }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < text.count, text[position] == byte else { return false }
        position += 1
        return true
    }

    /// A string at the cursor, unescaped (UTF-8), or nil if there is none.
    mutating func string() -> [UInt8]? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        var bytes: [UInt8] = []
        while position < text.count {
            let byte = text[position]
            position += 1
            if byte == UInt8(ascii: "\"") { return bytes }
            guard byte == UInt8(ascii: "\\") else {
                bytes.append(byte)
                continue
            }
            guard position < text.count else { return nil }
            let escaped = text[position]
            position += 1
            switch escaped {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4() else { return nil }
                // A surrogate pair spells one code point.
                if scalar >= 0xD800 && scalar < 0xDC00, position + 1 < text.count, text[position] == UInt8(ascii: "\\"),
                    text[position + 1] == UInt8(ascii: "u")
                {
                    position += 2
                    guard let low = hex4(), low >= 0xDC00 && low < 0xE000 else { return nil }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                UTF8Text.encode(Unicode.Scalar(scalar) == nil ? 0xFFFD : scalar, into: &bytes)
            default: bytes.append(escaped)
            }
        }
        return nil
    }

    private mutating func hex4() -> UInt32? {
        guard position + 4 <= text.count else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = text[position]
            let digit: UInt32
            switch c {
            case 48...57: digit = UInt32(c - 48)
            case 65...70: digit = UInt32(c - 55)
            case 97...102: digit = UInt32(c - 87)
            default: return nil
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// Steps over one value (iteratively, so deep nesting cannot exhaust the stack); false if malformed.
    mutating func skipValue() -> Bool {
        skipWhitespace()
        var depth = 0
        repeat {
            guard position < text.count else { return false }
            let byte = text[position]
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                position += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                guard depth > 0 else { return false }
                depth -= 1
                position += 1
            case UInt8(ascii: "\""):
                guard string() != nil else { return false }
            case UInt8(ascii: ","), UInt8(ascii: ":"):
                guard depth > 0 else { return false }
                position += 1
            case 0x20, 0x0A, 0x0D, 0x09:
                position += 1
            default:
                // A number or a literal: letters, digits, sign, point, exponent.
                let start = position
                while position < text.count, Self.isScalarByte(text[position]) { position += 1 }
                guard position > start else { return false }
            }
        } while depth > 0
        return true
    }

    static func isScalarByte(_ byte: UInt8) -> Bool {
        byte &- 48 < 10 || byte &- 97 < 26 || byte &- 65 < 26 || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: ".")
    }
}
