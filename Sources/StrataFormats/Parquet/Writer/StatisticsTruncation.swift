// Long byte-array bounds cut short for statistics and the page index. A minimum is cut to a prefix, which
// is still a lower bound; a maximum is cut and then its last character (UTF-8 code point for VARCHAR, so
// the bound stays valid text; byte for VARBINARY) is incremented, which keeps it an upper bound. When no
// such shorter bound exists the value is kept whole.

enum StatisticsTruncation {
    /// `value` cut to at most `limit` bytes as a lower bound; whether it is still exact.
    static func minimum(_ value: [UInt8], limit: Int?, isUTF8: Bool) -> (bytes: [UInt8], isExact: Bool) {
        guard let limit, value.count > limit else { return (value, true) }
        var end = limit
        if isUTF8 {
            // Back up to the start of a code point.
            while end > 0 && value[end] & 0xC0 == 0x80 { end -= 1 }
        }
        return (Array(value[..<end]), false)
    }

    /// `value` cut to at most `limit` bytes as an upper bound; whether it is still exact.
    static func maximum(_ value: [UInt8], limit: Int?, isUTF8: Bool) -> (bytes: [UInt8], isExact: Bool) {
        guard let limit, value.count > limit else { return (value, true) }
        if isUTF8, let bound = utf8UpperBound(value, limit: limit) { return (bound, false) }
        // Bytes (or text that is not valid UTF-8, where code points mean nothing): increment the last byte.
        if !isUTF8 || String(validating: value[..<limit], as: UTF8.self) == nil {
            var bytes = Array(value[..<limit])
            while let last = bytes.last {
                if last < 0xFF {
                    bytes[bytes.count - 1] = last + 1
                    return (bytes, false)
                }
                bytes.removeLast()
            }
        }
        return (value, true)
    }

    /// The shortest-found valid UTF-8 string of at most `limit` bytes greater than every string that
    /// starts with `value`'s first `limit` bytes: a prefix whose last code point is incremented.
    private static func utf8UpperBound(_ value: [UInt8], limit: Int) -> [UInt8]? {
        var end = limit
        while end > 0 && value[end] & 0xC0 == 0x80 { end -= 1 }
        // `end` is the start of the code point cut by the limit; try incrementing the ones before it.
        guard let prefix = String(validating: value[..<end], as: UTF8.self) else { return nil }
        var scalars = Array(prefix.unicodeScalars)
        while let last = scalars.popLast() {
            var next = last.value + 1
            if next == 0xD800 { next = 0xE000 }
            guard let scalar = Unicode.Scalar(next) else { continue }
            var bytes = Array(String(String.UnicodeScalarView(scalars)).utf8)
            bytes.append(contentsOf: String(Character(scalar)).utf8)
            if bytes.count <= limit { return bytes }
        }
        return nil
    }
}
