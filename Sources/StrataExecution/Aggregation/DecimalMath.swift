// Exact DECIMAL arithmetic helpers for the aggregates: powers of ten, the DECIMAL(38) bound, and division
// rounded half away from zero (as Trino rounds).

enum DecimalMath {
    /// 10^38: an unscaled DECIMAL(38, s) value must stay strictly below it in magnitude.
    static let limit: Int128 = powerOfTen(38)

    static func powerOfTen(_ exponent: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<exponent { result &*= 10 }
        return result
    }

    /// `numerator / denominator` rounded half away from zero; `denominator` > 0.
    static func divideRounded(_ numerator: Int128, by denominator: Int128) -> Int128 {
        let quotient = numerator / denominator
        let remainder = numerator % denominator
        let twice = remainder.magnitude * 2
        guard twice >= denominator.magnitude else { return quotient }
        return numerator < 0 ? quotient - 1 : quotient + 1
    }

    /// `value` moved from `scale` to `newScale`, rounding when the scale shrinks; nil on overflow.
    static func rescale(_ value: Int128, from scale: Int, to newScale: Int) -> Int128? {
        if newScale == scale { return value }
        if newScale > scale {
            let (result, overflow) = value.multipliedReportingOverflow(by: powerOfTen(newScale - scale))
            return overflow || result.magnitude >= limit.magnitude ? nil : result
        }
        return divideRounded(value, by: powerOfTen(scale - newScale))
    }
}
