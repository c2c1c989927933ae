// Per-code-point case mapping and whitespace, as Java's `Character.toLowerCase`/`toUpperCase` and
// `Character.isWhitespace` (which Trino's lower, upper and trim use): one code point maps to one code
// point, so 'ß' stays 'ß' under upper().

enum CaseMapping {
    static func map(_ scalar: UInt32, upper: Bool) -> UInt32 {
        if scalar < 0x80 {
            if upper { return scalar &- 97 < 26 ? scalar ^ 0x20 : scalar }
            return scalar &- 65 < 26 ? scalar ^ 0x20 : scalar
        }
        guard let value = Unicode.Scalar(scalar) else { return scalar }
        let mapped = upper ? value.properties.uppercaseMapping : value.properties.lowercaseMapping
        let scalars = mapped.unicodeScalars
        // Only simple (one-to-one) mappings; the special cases that expand keep the original.
        guard scalars.count == 1, let single = scalars.first else { return scalar }
        return single.value
    }

    /// Java's `Character.isWhitespace`: space separators other than no-break spaces, and the ASCII
    /// controls tab, line feed, vertical tab, form feed, carriage return and 0x1C–0x1F.
    static func isWhitespace(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x20, 0x09...0x0D, 0x1C...0x1F: return true
        case 0x1680, 0x2000...0x2006, 0x2008...0x200A, 0x2028, 0x2029, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
