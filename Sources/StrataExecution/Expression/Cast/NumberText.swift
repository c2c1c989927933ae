// Numbers to and from text the way Trino's casts do it: integers and decimals in plain digits, floating
// point as Java's `Double.toString` (shortest round-trip digits; `1.0E7` notation outside 10^-3 ..< 10^7),
// and parsing that trims surrounding whitespace as Java's `String.trim` does.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif

enum NumberText {
    /// Java's `Double.toString` / `Float.toString` for `value`.
    static func javaText<F: BinaryFloatingPoint & CustomStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == 0 { return value.sign == .minus ? "-0.0" : "0.0" }
        // Swift's description has the shortest digits that round-trip; only the layout differs.
        let (negative, digits, exponent) = decompose(value.description)
        var text = negative ? "-" : ""
        let magnitude = abs(Double(value))
        if magnitude >= 1e-3 && magnitude < 1e7 {
            // digits × 10^(exponent - digits.count + 1), written out in full.
            let pointPosition = exponent + 1
            if pointPosition <= 0 {
                text += "0." + String(repeating: "0", count: -pointPosition) + digits
            } else if pointPosition >= digits.count {
                text += digits + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            } else {
                let index = digits.index(digits.startIndex, offsetBy: pointPosition)
                text += digits[..<index] + "." + digits[index...]
            }
        } else {
            let first = digits.prefix(1)
            let rest = digits.dropFirst()
            text += first + "." + (rest.isEmpty ? "0" : rest) + "E" + String(exponent)
        }
        return text
    }

    /// Sign, significant digits (no leading or trailing zeros) and decimal exponent of the first digit,
    /// from Swift's `description` ("123.45", "1e-05", "1.5e+20").
    private static func decompose(_ description: String) -> (Bool, String, Int) {
        var text = Substring(description)
        let negative = text.hasPrefix("-")
        if negative { text = text.dropFirst() }
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...]) ?? 0
            text = text[..<e]
        }
        let integerPart: Substring
        let fractionPart: Substring
        if let point = text.firstIndex(of: ".") {
            integerPart = text[..<point]
            fractionPart = text[text.index(after: point)...]
        } else {
            integerPart = text
            fractionPart = ""
        }
        var digits = String(integerPart) + fractionPart
        var firstExponent = exponent + integerPart.count - 1
        while digits.hasPrefix("0") && digits.count > 1 {
            digits.removeFirst()
            firstExponent -= 1
        }
        while digits.hasSuffix("0") && digits.count > 1 { digits.removeLast() }
        return (negative, digits, firstExponent)
    }

    /// Whether `byte` is whitespace as Java's `String.trim` sees it (any control character or space).
    @inline(__always)
    static func isTrimmed(_ byte: UInt8) -> Bool { byte <= 0x20 }

    /// `text` without leading and trailing bytes <= 0x20.
    @inline(__always)
    static func trimmed(_ text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = text.count
        while start < end && isTrimmed(text[start]) { start += 1 }
        while end > start && isTrimmed(text[end - 1]) { end -= 1 }
        return UnsafeBufferPointer(rebasing: text[start..<end])
    }

    /// A base-10 integer with an optional sign (Java's `Long.parseLong` on trimmed text), or nil when
    /// the text is not one or does not fit in 64 bits.
    static func parseInteger(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let text = trimmed(raw)
        var index = 0
        var negative = false
        if index < text.count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        guard index < text.count else { return nil }
        // Accumulate negatively so Int64.min parses.
        var value: Int64 = 0
        while index < text.count {
            let digit = text[index] &- 48
            guard digit < 10 else { return nil }
            let (shifted, o1) = value.multipliedReportingOverflow(by: 10)
            let (next, o2) = shifted.subtractingReportingOverflow(Int64(digit))
            guard !o1, !o2 else { return nil }
            value = next
            index += 1
        }
        if negative { return value }
        return value == .min ? nil : -value
    }

    /// A floating-point number as Java's `Double.parseDouble` accepts it on trimmed text (decimal digits
    /// with optional point and exponent, an optional `d`/`f` suffix, `NaN`, `Infinity`), or nil.
    static func parseDouble(_ raw: UnsafeBufferPointer<UInt8>) -> Double? {
        let text = trimmed(raw)
        let count = text.count
        guard count > 0, count < 400 else { return nil }
        var index = 0
        var negative = false
        if text[0] == UInt8(ascii: "-") || text[0] == UInt8(ascii: "+") {
            negative = text[0] == UInt8(ascii: "-")
            index = 1
        }
        let rest = UnsafeBufferPointer(rebasing: text[index...])
        if rest.elementsEqual("NaN".utf8) { return .nan }
        if rest.elementsEqual("Infinity".utf8) { return negative ? -.infinity : .infinity }
        var digits = 0
        var position = index
        while position < count, text[position] &- 48 < 10 { position += 1; digits += 1 }
        if position < count, text[position] == UInt8(ascii: ".") {
            position += 1
            while position < count, text[position] &- 48 < 10 { position += 1; digits += 1 }
        }
        guard digits > 0 else { return nil }
        if position < count, text[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < count, text[position] == UInt8(ascii: "-") || text[position] == UInt8(ascii: "+") { position += 1 }
            var exponentDigits = 0
            while position < count, text[position] &- 48 < 10 { position += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
        }
        var numberEnd = position
        if position < count, "dDfF".utf8.contains(text[position]) { position += 1 }
        guard position == count else { return nil }
        if numberEnd == 0 { numberEnd = count }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: numberEnd + 1) { buffer in
            for offset in 0..<numberEnd { buffer[offset] = CChar(bitPattern: text[offset]) }
            buffer[numberEnd] = 0
            return strtod(buffer.baseAddress!, nil)
        }
    }

    /// A decimal number (digits, optional point, optional exponent) as an unscaled value at `scale`,
    /// rounded half away from zero; nil when the text is not a number or has more than `precision` digits.
    static func parseDecimal(_ raw: UnsafeBufferPointer<UInt8>, precision: Int, scale: Int) -> Int128? {
        let text = trimmed(raw)
        let count = text.count
        var index = 0
        var negative = false
        if index < count && (text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+")) {
            negative = text[index] == UInt8(ascii: "-")
            index += 1
        }
        // Significant digits, and how many of them are before the point.
        var digits: [UInt8] = []
        var integerDigits = 0
        var sawPoint = false
        var sawDigit = false
        while index < count {
            let byte = text[index]
            if byte &- 48 < 10 {
                sawDigit = true
                if digits.isEmpty && byte == 48 {
                    if sawPoint { integerDigits -= 1 }
                } else {
                    digits.append(byte - 48)
                    if !sawPoint { integerDigits += 1 }
                }
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
            } else {
                break
            }
            index += 1
        }
        guard sawDigit else { return nil }
        if index < count, text[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count, text[index] == UInt8(ascii: "-") || text[index] == UInt8(ascii: "+") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            var exponent = 0
            var exponentDigits = 0
            while index < count, text[index] &- 48 < 10 {
                exponent = min(exponent * 10 + Int(text[index] - 48), 100_000)
                index += 1
                exponentDigits += 1
            }
            guard exponentDigits > 0 else { return nil }
            integerDigits += exponentNegative ? -exponent : exponent
        }
        guard index == count else { return nil }
        // The kept digits are those before position integerDigits + scale; the next one rounds.
        let kept = integerDigits + scale
        guard kept <= precision else { return digits.isEmpty ? 0 : nil }
        var value: Int128 = 0
        var position = 0
        while position < kept {
            value = value * 10 + Int128(position < digits.count ? digits[position] : 0)
            position += 1
        }
        if kept >= 0 && kept < digits.count && digits[kept] >= 5 { value += 1 }
        if kept < 0 { value = 0 }
        guard value < DecimalMath.powerOfTen(precision) else { return nil }
        return negative ? -value : value
    }
}
