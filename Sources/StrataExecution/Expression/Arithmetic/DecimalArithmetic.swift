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
