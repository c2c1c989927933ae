// Turning the inside of a quoted field into its value: CSV's doubled quotes and escape characters, JSON's
// backslash escapes. Both only shrink the text, so the output fits in as many bytes as the input.

enum FieldUnescaping {
    /// Copies a CSV field's quoted content to `output`, turning `quote quote` into one quote and
    /// `escape x` into `x`. Returns the bytes written.
    static func unescapeCSV(
        _ input: UnsafeRawBufferPointer, quote: UInt8, escape: UInt8, into output: UnsafeMutablePointer<UInt8>
    ) -> Int {
        var written = 0
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            if (byte == escape || byte == quote) && index + 1 < count {
                // An escape before a quote or another escape, or the first of two quotes, stands for
                // the byte after it.
                let next = input[index + 1]
                if next == quote || (byte == escape && next == escape) {
                    output[written] = next
                    written &+= 1
                    index &+= 2
                    continue
                }
            }
            output[written] = byte
            written &+= 1
            index &+= 1
        }
        return written
    }

    /// Copies a JSON string's content to `output` with its escapes decoded to UTF-8. A lone surrogate
    /// (which UTF-8 cannot hold) becomes U+FFFD. Returns the bytes written.
    static func unescapeJSON(_ input: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>) -> Int {
        var written = 0
        var index = 0
        let count = input.count
        while index < count {
            let byte = input[index]
            guard byte == UInt8(ascii: "\\"), index + 1 < count else {
                output[written] = byte
                written &+= 1
                index &+= 1
                continue
            }
            let escaped = input[index + 1]
            index &+= 2
            switch escaped {
            case UInt8(ascii: "b"): output[written] = 0x08
            case UInt8(ascii: "f"): output[written] = 0x0C
            case UInt8(ascii: "n"): output[written] = 0x0A
            case UInt8(ascii: "r"): output[written] = 0x0D
            case UInt8(ascii: "t"): output[written] = 0x09
            case UInt8(ascii: "u"):
                guard var scalar = hex4(input, at: index) else { continue }
                index &+= 4
                if scalar >= 0xD800 && scalar <= 0xDBFF {
                    if index + 6 <= count, input[index] == UInt8(ascii: "\\"), input[index + 1] == UInt8(ascii: "u"),
                        let low = hex4(input, at: index + 2), low >= 0xDC00, low <= 0xDFFF
                    {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        index &+= 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                    scalar = 0xFFFD
                }
                written &+= encodeUTF8(scalar, into: output + written)
                continue
            default: output[written] = escaped
            }
            written &+= 1
        }
        return written
    }

    /// The value of four hex digits at `index`, or nil.
    static func hex4(_ input: UnsafeRawBufferPointer, at index: Int) -> UInt32? {
        guard index + 4 <= input.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexValue(input[index + offset]) else { return nil }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// Writes `scalar` as UTF-8 and returns its length (1 to 4).
    static func encodeUTF8(_ scalar: UInt32, into output: UnsafeMutablePointer<UInt8>) -> Int {
        switch scalar {
        case 0..<0x80:
            output[0] = UInt8(scalar)
            return 1
        case 0x80..<0x800:
            output[0] = UInt8(0xC0 | (scalar >> 6))
            output[1] = UInt8(0x80 | (scalar & 0x3F))
            return 2
        case 0x800..<0x10000:
            output[0] = UInt8(0xE0 | (scalar >> 12))
            output[1] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[2] = UInt8(0x80 | (scalar & 0x3F))
            return 3
        default:
            output[0] = UInt8(0xF0 | (scalar >> 18))
            output[1] = UInt8(0x80 | ((scalar >> 12) & 0x3F))
            output[2] = UInt8(0x80 | ((scalar >> 6) & 0x3F))
            output[3] = UInt8(0x80 | (scalar & 0x3F))
            return 4
        }
    }
}
