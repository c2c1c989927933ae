// Checks that bytes are well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF), as
// every VARCHAR value must be. ASCII, the common case, is checked eight bytes at a time.

enum UTF8Validation {
    /// Whether `text` is well-formed UTF-8.
    static func isValid(_ text: UnsafeRawBufferPointer) -> Bool {
        firstInvalidOffset(text) == nil
    }

    /// The offset of the first byte that starts an ill-formed sequence, or nil if there is none.
    static func firstInvalidOffset(_ text: UnsafeRawBufferPointer) -> Int? {
        guard let base = text.baseAddress else { return nil }
        let count = text.count
        var index = 0
        while index < count {
            // Skip ASCII a word at a time.
            while index + 8 <= count && base.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index &+= 8
            }
            guard index < count else { break }
            let lead = text[index]
            if lead < 0x80 {
                index &+= 1
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80
            var upper: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return index
            }
            guard index + length <= count else { return index }
            let second = text[index + 1]
            guard second >= lower && second <= upper else { return index }
            for offset in 2..<length where text[index + offset] & 0xC0 != 0x80 {
                return index
            }
            index &+= length
        }
        return nil
    }
}
