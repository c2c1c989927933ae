// Exact arithmetic on unscaled DECIMAL values (Int128): powers of ten, rescaling with rounding half away
// from zero, and division through a 256-bit intermediate.
import StrataCore

/// Exact helpers for unscaled decimal values.
enum DecimalMath {
    /// 10^0 … 10^38.
    static let powersOfTen: [Int128] = {
        var powers: [Int128] = [1]
        for _ in 1...38 { powers.append(powers.last! * 10) }
        return powers
    }()

    @inline(__always)
    static func powerOfTen(_ exponent: Int) -> Int128 { powersOfTen[exponent] }

    /// `value` at scale `from` expressed at scale `to`, rounding half away from zero when digits are
    /// dropped; nil on overflow of Int128.
    static func rescale(_ value: Int128, from: Int, to: Int) -> Int128? {
        if from == to { return value }
        if to > from {
            let shift = to - from
            guard shift <= 38 else { return value == 0 ? 0 : nil }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: powerOfTen(shift))
            return overflow ? nil : scaled
        }
        let shift = from - to
        guard shift <= 38 else { return 0 }
        return roundedDivide(value, by: powerOfTen(shift))
    }

    /// `value / divisor` rounded half away from zero (divisor > 0).
    @inline(__always)
    static func roundedDivide(_ value: Int128, by divisor: Int128) -> Int128 {
        let quotient = value / divisor
        let remainder = value % divisor
        if remainder.magnitude * 2 >= divisor.magnitude {
            return value < 0 ? quotient - 1 : quotient + 1
        }
        return quotient
    }

    /// `a * 10^shift / b`, rounded half away from zero, computed in 256 bits; nil when the quotient does
    /// not fit in Int128.
    static func divide(_ a: Int128, _ b: Int128, shift: Int) -> Int128? {
        guard shift >= 0, shift <= 76 else { return nil }
        let negative = (a < 0) != (b < 0)
        let divisor = b.magnitude
        // a * 10^shift as a 256-bit number (high, low), in at most two steps of 10^38.
        var high: UInt128 = 0
        var low = a.magnitude
        var remainingShift = shift
        while remainingShift > 0 {
            let step = min(remainingShift, 38)
            let factor = UInt128(powerOfTen(step))
            let lowProduct = low.multipliedFullWidth(by: factor)
            let highProduct = high.multipliedReportingOverflow(by: factor)
            guard !highProduct.overflow else { return nil }
            let (newHigh, carry) = highProduct.partialValue.addingReportingOverflow(lowProduct.high)
            guard !carry else { return nil }
            high = newHigh
            low = lowProduct.low
            remainingShift -= step
        }
        guard high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth((high: high, low: low))
        var magnitude = quotient
        if remainder >= divisor - remainder { magnitude += 1 }
        guard magnitude <= UInt128(Int128.max) else { return nil }
        return negative ? -Int128(magnitude) : Int128(magnitude)
    }
}
