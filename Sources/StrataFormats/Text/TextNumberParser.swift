// Numbers and booleans parsed straight from the bytes of a field, without a String per value: the
// conversions every text reader runs once per value, so they are written for speed and exactness.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum TextNumberParser {
    @usableFromInline static let zero = UInt8(ascii: "0")
    @usableFromInline static let minus = UInt8(ascii: "-")
    @usableFromInline static let plus = UInt8(ascii: "+")

    @inline(__always)
    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }

    // MARK: Integers

    /// `[+-]digits` as an `Int64`, or nil if the text is not one or does not fit.
    static func int64(_ text: UnsafeRawBufferPointer) -> Int64? {
        let count = text.count
        guard count > 0 else { return nil }
        var index = 0
        let negative = text[0] == minus
        if negative || text[0] == plus { index = 1 }
        guard index < count else { return nil }
        var magnitude: UInt64 = 0
        if count - index <= 18 {
            // 18 digits cannot overflow: no checks in the loop.
            while index < count {
                let digit = text[index] &- zero
                guard digit < 10 else { return nil }
                magnitude = magnitude &* 10 &+ UInt64(digit)
                index &+= 1
            }
        } else {
            while index < count {
                let digit = text[index] &- zero
                guard digit < 10 else { return nil }
                let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times.addingReportingOverflow(UInt64(digit))
                guard !overflow1 && !overflow2 else { return nil }
                magnitude = sum
                index &+= 1
            }
        }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
        }
        guard magnitude <= UInt64(Int64.max) else { return nil }
        return Int64(magnitude)
    }

    /// An integer column's value: an integer, or a decimal number rounded half away from zero (`2.5` is
    /// 3, `1e3` is 1000), as DuckDB casts text to integers.
    static func roundedInteger(_ text: UnsafeRawBufferPointer) -> Int64? {
        if let exact = int64(text) { return exact }
        guard let rounded = decimal(text, precision: 38, scale: 0) else { return nil }
        return Int64(exactly: rounded)
    }

    /// The shape inference accepts as an integer: an optional `-`, then digits without a leading zero
    /// (`007` is a code, not a number, as DuckDB also decides), at most 38 of them.
    static func integerDigits(_ text: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        if text.count > 0 && text[0] == minus { index = 1 }
        let digits = text.count - index
        guard digits > 0, digits <= 38 else { return nil }
        if digits > 1 && text[index] == zero { return nil }
        while index < text.count {
            guard isDigit(text[index]) else { return nil }
            index &+= 1
        }
        return digits
    }

    /// `[+-]digits` up to 38 digits as an `Int128`.
    static func int128(_ text: UnsafeRawBufferPointer) -> Int128? {
        guard text.count > 0 else { return nil }
        var index = 0
        let negative = text[0] == minus
        if negative || text[0] == plus { index = 1 }
        guard index < text.count, text.count - index <= 38 else { return nil }
        var value: Int128 = 0
        while index < text.count {
            let digit = text[index] &- zero
            guard digit < 10 else { return nil }
            value = value &* 10 &+ Int128(digit)
            index &+= 1
        }
        return negative ? -value : value
    }

    // MARK: Floating point

    /// Exact powers of ten a `Double` holds: the fast path multiplies or divides by one of these.
    private static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// A decimal floating-point number `[+-](digits[.digits]|.digits)[(e|E)[+-]digits]` (with
    /// `decimalSeparator` for the point), or `inf`, `infinity`, `nan` in any case; correctly rounded.
    static func double(_ text: UnsafeRawBufferPointer, decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Double? {
        guard let scan = scanDecimal(text, decimalSeparator: decimalSeparator) else {
            return specialDouble(text)
        }
        if scan.mantissa == 0 { return scan.negative ? -0.0 : 0.0 }
        // Clinger's fast path: an exact mantissa times an exact power of ten rounds once, correctly.
        if !scan.inexact && scan.mantissa <= 1 << 53 && scan.exponent >= -22 && scan.exponent <= 22 {
            var value = Double(scan.mantissa)
            if scan.exponent < 0 {
                value /= exactPowersOfTen[-scan.exponent]
            } else {
                value *= exactPowersOfTen[scan.exponent]
            }
            return scan.negative ? -value : value
        }
        return slowDouble(text, decimalSeparator: decimalSeparator)
    }

    /// Whether inference takes the text as a DOUBLE: a decimal number whose integer part has no leading
    /// zero, or `inf`/`nan`.
    static func isInferredDouble(_ text: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> Bool {
        guard text.count > 0, text[0] != plus else { return false }
        guard scanDecimal(text, decimalSeparator: decimalSeparator) != nil else { return specialDouble(text) != nil }
        var index = 0
        if text[0] == minus { index = 1 }
        guard text.count - index >= 2, text[index] == zero else { return true }
        return !isDigit(text[index + 1])
    }

    struct DecimalScan {
        var negative: Bool
        /// The first 19 significant digits.
        var mantissa: UInt64
        /// Power of ten to apply to `mantissa`.
        var exponent: Int
        /// Whether nonzero digits were dropped from `mantissa`.
        var inexact: Bool
    }

    /// Checks the grammar of a decimal number and collects its leading digits.
    static func scanDecimal(_ text: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> DecimalScan? {
        let count = text.count
        guard count > 0 else { return nil }
        var index = 0
        let negative = text[0] == minus
        if negative || text[0] == plus { index = 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var inexact = false
        var sawDigit = false
        while index < count {
            let digit = text[index] &- zero
            guard digit < 10 else { break }
            sawDigit = true
            if significant < 19 {
                if mantissa != 0 || digit != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significant &+= 1
                }
            } else {
                exponent &+= 1
                if digit != 0 { inexact = true }
            }
            index &+= 1
        }
        if index < count && text[index] == decimalSeparator {
            index &+= 1
            while index < count {
                let digit = text[index] &- zero
                guard digit < 10 else { break }
                sawDigit = true
                if significant < 19 {
                    if mantissa != 0 || digit != 0 {
                        mantissa = mantissa &* 10 &+ UInt64(digit)
                        significant &+= 1
                    }
                    exponent &-= 1
                } else if digit != 0 {
                    inexact = true
                }
                index &+= 1
            }
        }
        guard sawDigit else { return nil }
        if index < count && (text[index] | 0x20) == UInt8(ascii: "e") {
            index &+= 1
            var exponentNegative = false
            if index < count && (text[index] == minus || text[index] == plus) {
                exponentNegative = text[index] == minus
                index &+= 1
            }
            var value = 0
            var digits = 0
            while index < count {
                let digit = text[index] &- zero
                guard digit < 10 else { break }
                // Past a million the number is zero or infinite anyway; stop growing.
                if value < 1_000_000 { value = value * 10 + Int(digit) }
                digits &+= 1
                index &+= 1
            }
            guard digits > 0 else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard index == count else { return nil }
        return DecimalScan(negative: negative, mantissa: mantissa, exponent: exponent, inexact: inexact)
    }

    /// `inf`, `infinity`, `nan` with an optional sign, in any case.
    static func specialDouble(_ text: UnsafeRawBufferPointer) -> Double? {
        guard text.count >= 3, text.count <= 9 else { return nil }
        let negative = text[0] == minus
        let rest = negative || text[0] == plus ? UnsafeRawBufferPointer(rebasing: text[1...]) : text
        if matches(rest, "inf") || matches(rest, "infinity") { return negative ? -.infinity : .infinity }
        if matches(rest, "nan") { return .nan }
        return nil
    }

    /// The C library's correctly rounded conversion, for long mantissas and large exponents. The text has
    /// already been checked against the grammar, so `strtod`'s own leniencies (hex, leading spaces) never apply.
    private static func slowDouble(_ text: UnsafeRawBufferPointer, decimalSeparator: UInt8) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { copy in
            for index in 0..<text.count {
                let byte = text[index]
                copy[index] = CChar(bitPattern: byte == decimalSeparator ? UInt8(ascii: ".") : byte)
            }
            copy[text.count] = 0
            return strtod(copy.baseAddress!, nil)
        }
    }

    /// A REAL from the same grammar; rounds once, from the text.
    static func float(_ text: UnsafeRawBufferPointer, decimalSeparator: UInt8 = UInt8(ascii: ".")) -> Float? {
        guard let scan = scanDecimal(text, decimalSeparator: decimalSeparator) else {
            return specialDouble(text).map { Float($0) }
        }
        if scan.mantissa == 0 { return scan.negative ? -0.0 : 0.0 }
        if !scan.inexact && scan.mantissa <= 1 << 24 && scan.exponent >= -10 && scan.exponent <= 10 {
            var value = Float(scan.mantissa)
            let power = Float(exactPowersOfTen[abs(scan.exponent)])
            if scan.exponent < 0 { value /= power } else { value *= power }
            return scan.negative ? -value : value
        }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { copy in
            for index in 0..<text.count {
                let byte = text[index]
                copy[index] = CChar(bitPattern: byte == decimalSeparator ? UInt8(ascii: ".") : byte)
            }
            copy[text.count] = 0
            return strtof(copy.baseAddress!, nil)
        }
    }

    // MARK: Decimals

    /// 10^0 through 10^38.
    static let powersOfTen128: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...38 { powers.append(powers[powers.count - 1] * 10) }
        return powers
    }()

    /// The unscaled value of a DECIMAL(precision, scale) from decimal text (exponent allowed), rounded
    /// half away from zero at `scale` digits; nil if the text is not a number or needs more than
    /// `precision` digits.
    static func decimal(
        _ text: UnsafeRawBufferPointer, precision: Int, scale: Int, decimalSeparator: UInt8 = UInt8(ascii: ".")
    ) -> Int128? {
        let count = text.count
        guard count > 0 else { return nil }
        var index = 0
        let negative = text[0] == minus
        if negative || text[0] == plus { index = 1 }
        // Digits in order with the position of the point; then shift by the exponent.
        var digits: [UInt8] = []
        digits.reserveCapacity(count)
        var pointPosition: Int? = nil
        while index < count {
            let byte = text[index]
            if isDigit(byte) {
                digits.append(byte &- zero)
            } else if byte == decimalSeparator && pointPosition == nil {
                pointPosition = digits.count
            } else {
                break
            }
            index += 1
        }
        guard !digits.isEmpty else { return nil }
        var exponent = 0
        if index < count && (text[index] | 0x20) == UInt8(ascii: "e") {
            index += 1
            var exponentNegative = false
            if index < count && (text[index] == minus || text[index] == plus) {
                exponentNegative = text[index] == minus
                index += 1
            }
            var value = 0
            var exponentDigits = 0
            while index < count, isDigit(text[index]) {
                if value < 10_000 { value = value * 10 + Int(text[index] - zero) }
                exponentDigits += 1
                index += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent = exponentNegative ? -value : value
        }
        guard index == count else { return nil }
        // Value = digits * 10^(exponent - fractionDigits); we want it times 10^scale.
        let fractionDigits = digits.count - (pointPosition ?? digits.count)
        let shift = exponent - fractionDigits + scale
        // Below 10^37 one more digit cannot overflow; at or above it the value needs more than 38
        // digits, more than any DECIMAL holds.
        let limit = powersOfTen128[37]
        var unscaled: Int128 = 0
        if shift >= 0 {
            for digit in digits {
                guard unscaled < limit else { return nil }
                unscaled = unscaled * 10 + Int128(digit)
            }
            guard shift <= 38 else { return unscaled == 0 ? 0 : nil }
            for _ in 0..<shift {
                guard unscaled < limit else { return nil }
                unscaled *= 10
            }
        } else {
            let kept = digits.count + shift
            if kept > 0 {
                for digit in digits[0..<kept] {
                    guard unscaled < limit else { return nil }
                    unscaled = unscaled * 10 + Int128(digit)
                }
            }
            // Round half away from zero on the first dropped digit.
            let firstDropped = kept >= 0 && kept < digits.count ? digits[kept] : 0
            if firstDropped >= 5 { unscaled += 1 }
        }
        guard unscaled < powersOfTen128[max(0, min(precision, 38))] else { return nil }
        return negative ? -unscaled : unscaled
    }

    // MARK: Booleans

    /// The spellings a BOOLEAN column accepts: `true`/`false`, `t`/`f`, `yes`/`no`, `y`/`n`, `1`/`0`,
    /// in any case.
    static func boolean(_ text: UnsafeRawBufferPointer) -> Bool? {
        switch text.count {
        case 1:
            switch text[0] | 0x20 {
            case UInt8(ascii: "t"), UInt8(ascii: "y"): return true
            case UInt8(ascii: "f"), UInt8(ascii: "n"): return false
            default:
                if text[0] == UInt8(ascii: "1") { return true }
                if text[0] == UInt8(ascii: "0") { return false }
                return nil
            }
        case 2: return matches(text, "no") ? false : nil
        case 3: return matches(text, "yes") ? true : nil
        case 4: return matches(text, "true") ? true : nil
        case 5: return matches(text, "false") ? false : nil
        default: return nil
        }
    }

    /// The spellings inference takes as BOOLEAN: `true`/`false`, `t`/`f`, `yes`/`no` in any case (as
    /// DuckDB's sniffer does); `1`/`0` are integers and `y`/`n` letters.
    static func isInferredBoolean(_ text: UnsafeRawBufferPointer) -> Bool {
        switch text.count {
        case 1: return text[0] | 0x20 == UInt8(ascii: "t") || text[0] | 0x20 == UInt8(ascii: "f")
        case 2, 3, 4, 5: return boolean(text) != nil
        default: return false
        }
    }

    /// Case-insensitive comparison with a lowercase ASCII word of the same length.
    @inline(__always)
    static func matches(_ text: UnsafeRawBufferPointer, _ word: StaticString) -> Bool {
        guard text.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<text.count where text[index] | 0x20 != expected[index] {
            return false
        }
        return true
    }
}
