// DECIMAL arithmetic on unscaled Int128 values, with Trino's result scales (see
// `ArithmeticOperator.resolve`): operands are brought to a common scale, quotients are rounded half away
// from zero, and a result with more digits than its type allows is "Decimal overflow".
import StrataCore
import StrataPlanner

enum DecimalArithmetic {
    static func apply(
        _ op: ArithmeticOperator, _ a: KernelArgument, _ b: KernelArgument, resultType: DataType, count: Int,
        validity: ResultValidity, context: KernelContext
    ) throws -> Column {
        guard case .decimal(_, let s1) = a.type, case .decimal(_, let s2) = b.type,
            case .decimal(let precision, let scale) = resultType
        else { throw ExecutionError(.internal, "decimal arithmetic on \(a.type), \(b.type)") }
        let x = a.fixed(Int128.self)
        let y = b.fixed(Int128.self)
        var result = FixedResult<Int128>(resultType, count: count, validity: validity)
        let limit = DecimalMath.powerOfTen(precision)
        for row in 0..<count {
            guard result.validity.isValid(row) else {
                result[row] = 0
                continue
            }
            let outcome: Int128?
            switch op {
            case .add, .subtract:
                outcome = DecimalMath.rescale(x[row], from: s1, to: scale).flatMap { left in
                    DecimalMath.rescale(y[row], from: s2, to: scale).flatMap { right in
                        let (sum, overflow) = op == .add
                            ? left.addingReportingOverflow(right) : left.subtractingReportingOverflow(right)
                        return overflow ? nil : sum
                    }
                }
            case .multiply:
                let (product, overflow) = x[row].multipliedReportingOverflow(by: y[row])
                outcome = overflow ? nil : DecimalMath.rescale(product, from: s1 + s2, to: scale)
            case .divide, .modulo:
                if y[row] == 0 {
                    try context.fail(row, ExecutionError(.divisionByZero, "Division by zero"))
                    result.validity.setNull(row)
                    continue
                }
                if op == .divide {
                    outcome = DecimalMath.divide(x[row], y[row], shift: scale + s2 - s1)
                } else {
                    let common = max(s1, s2)
                    outcome = DecimalMath.rescale(x[row], from: s1, to: common).flatMap { left in
                        DecimalMath.rescale(y[row], from: s2, to: common).flatMap { right in
                            DecimalMath.rescale(left % right, from: common, to: scale)
                        }
                    }
                }
            }
            guard let value = outcome, value.magnitude < limit.magnitude else {
                try context.fail(row, ExecutionError(.overflow, "Decimal overflow"))
                result.validity.setNull(row)
                continue
            }
            result[row] = value
        }
        return result.finish()
    }
}

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
