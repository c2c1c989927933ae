// `+ - * / %` and unary minus. Integers compute in their own type and report overflow (Trino: "bigint
// addition overflow: a + b"); floating point follows IEEE 754 (x / 0 is an infinity or NaN); decimals and
// the date/time/interval forms live in their own files.
import StrataCore
import StrataPlanner

enum ArithmeticKernel {
    static func apply(
        _ op: ArithmeticOperator, _ lhs: Column, _ rhs: Column, resultType: DataType, context: KernelContext
    ) throws -> Column {
        let leftType = lhs.type
        let rightType = rhs.type
        return try KernelRunner.run([lhs, rhs], resultType: resultType, context: context) { arguments, count, validity, context in
            let a = arguments[0]
            let b = arguments[1]
            switch (leftType, rightType, resultType) {
            case (.tinyint, .tinyint, .tinyint):
                return try integer(op, Int8.self, resultType, a, b, count, validity, context)
            case (.smallint, .smallint, .smallint):
                return try integer(op, Int16.self, resultType, a, b, count, validity, context)
            case (.integer, .integer, .integer):
                return try integer(op, Int32.self, resultType, a, b, count, validity, context)
            case (.bigint, .bigint, .bigint):
                return try integer(op, Int64.self, resultType, a, b, count, validity, context)
            case (.double, .double, .double):
                return floating(op, Double.self, resultType, a, b, count, validity)
            case (.real, .real, .real):
                return floating(op, Float.self, resultType, a, b, count, validity)
            case (.decimal, .decimal, .decimal):
                return try DecimalArithmetic.apply(op, a, b, resultType: resultType, count: count, validity: validity, context: context)
            default:
                return try TemporalArithmetic.apply(op, a, b, resultType: resultType, count: count, validity: validity, context: context)
            }
        }
    }

    static func negate(_ input: Column, context: KernelContext) throws -> Column {
        let type = input.type
        return try KernelRunner.run([input], resultType: type, context: context) { arguments, count, validity, context in
            let a = arguments[0]
            switch type {
            case .tinyint: return try negateInteger(Int8.self, type, a, count, validity, context)
            case .smallint: return try negateInteger(Int16.self, type, a, count, validity, context)
            case .integer: return try negateInteger(Int32.self, type, a, count, validity, context)
            case .bigint: return try negateInteger(Int64.self, type, a, count, validity, context)
            case .real: return negateSymmetric(Float.self, type, a, count, validity)
            case .double: return negateSymmetric(Double.self, type, a, count, validity)
            case .decimal: return negateSymmetric(Int128.self, type, a, count, validity)
            case .interval:
                let values = a.fixed(Interval.self)
                var result = FixedResult<Interval>(type, count: count, validity: validity)
                for row in 0..<count {
                    let value = values[row]
                    if value.months == .min || value.days == .min || value.microseconds == .min {
                        if result.validity.isValid(row) {
                            try context.fail(row, ExecutionError(.overflow, "interval negation overflow"))
                            result.validity.setNull(row)
                        }
                        continue
                    }
                    result[row] = Interval(months: -value.months, days: -value.days, microseconds: -value.microseconds)
                }
                return result.finish()
            default:
                throw ExecutionError(.internal, "negation of \(type)")
            }
        }
    }

    // MARK: - Integers

    @inline(__always)
    private static func integer<T: FixedWidthInteger & SignedInteger & BitwiseCopyable>(
        _ op: ArithmeticOperator, _: T.Type, _ type: DataType, _ a: KernelArgument, _ b: KernelArgument,
        _ count: Int, _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let x = a.fixed(T.self)
        let y = b.fixed(T.self)
        var result = FixedResult<T>(type, count: count, validity: validity)
        let name = type.sqlName.lowercased()
        switch op {
        case .add, .subtract, .multiply:
            // Branch-free loop that remembers whether any row overflowed; only then look for the rows.
            var overflowed: UInt8 = 0
            switch op {
            case .add:
                mapPairs(x, y, into: result.values, count: count) { left, right in
                    let (value, overflow) = left.addingReportingOverflow(right)
                    overflowed |= overflow ? 1 : 0
                    return value
                }
            case .subtract:
                mapPairs(x, y, into: result.values, count: count) { left, right in
                    let (value, overflow) = left.subtractingReportingOverflow(right)
                    overflowed |= overflow ? 1 : 0
                    return value
                }
            default:
                mapPairs(x, y, into: result.values, count: count) { left, right in
                    let (value, overflow) = left.multipliedReportingOverflow(by: right)
                    overflowed |= overflow ? 1 : 0
                    return value
                }
            }
            if overflowed != 0 {
                let (verb, symbol) = op == .add ? ("addition", "+") : op == .subtract ? ("subtraction", "-") : ("multiplication", "*")
                for row in 0..<count where result.validity.isValid(row) {
                    let overflow: Bool
                    switch op {
                    case .add: overflow = x[row].addingReportingOverflow(y[row]).overflow
                    case .subtract: overflow = x[row].subtractingReportingOverflow(y[row]).overflow
                    default: overflow = x[row].multipliedReportingOverflow(by: y[row]).overflow
                    }
                    if overflow {
                        try context.fail(row, ExecutionError(.overflow, "\(name) \(verb) overflow: \(x[row]) \(symbol) \(y[row])"))
                        result.validity.setNull(row)
                    }
                }
            }
        case .divide, .modulo:
            for row in 0..<count {
                let divisor = y[row]
                if divisor == 0 || (divisor == -1 && x[row] == T.min) {
                    result[row] = 0
                    guard result.validity.isValid(row) else { continue }
                    if divisor == 0 {
                        try context.fail(row, ExecutionError(.divisionByZero, "Division by zero"))
                    } else if op == .modulo {
                        result[row] = 0
                        continue
                    } else {
                        try context.fail(row, ExecutionError(.overflow, "\(name) division overflow: \(x[row]) / \(divisor)"))
                    }
                    result.validity.setNull(row)
                    continue
                }
                result[row] = op == .divide ? x[row] / divisor : x[row] % divisor
            }
        }
        return result.finish()
    }

    private static func negateInteger<T: FixedWidthInteger & SignedInteger & BitwiseCopyable>(
        _: T.Type, _ type: DataType, _ a: KernelArgument, _ count: Int, _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let x = a.fixed(T.self)
        var result = FixedResult<T>(type, count: count, validity: validity)
        for row in 0..<count {
            let value = x[row]
            if value == T.min {
                result[row] = 0
                if result.validity.isValid(row) {
                    try context.fail(row, ExecutionError(.overflow, "\(type.sqlName.lowercased()) negation overflow: \(value)"))
                    result.validity.setNull(row)
                }
                continue
            }
            result[row] = -value
        }
        return result.finish()
    }

    // MARK: - Floating point

    @inline(__always)
    private static func floating<T: BinaryFloatingPoint & BitwiseCopyable>(
        _ op: ArithmeticOperator, _: T.Type, _ type: DataType, _ a: KernelArgument, _ b: KernelArgument,
        _ count: Int, _ validity: ResultValidity
    ) -> Column {
        let x = a.fixed(T.self)
        let y = b.fixed(T.self)
        let result = FixedResult<T>(type, count: count, validity: validity)
        switch op {
        case .add: mapPairs(x, y, into: result.values, count: count) { $0 + $1 }
        case .subtract: mapPairs(x, y, into: result.values, count: count) { $0 - $1 }
        case .multiply: mapPairs(x, y, into: result.values, count: count) { $0 * $1 }
        case .divide: mapPairs(x, y, into: result.values, count: count) { $0 / $1 }
        case .modulo: mapPairs(x, y, into: result.values, count: count) { $0.truncatingRemainder(dividingBy: $1) }
        }
        return result.finish()
    }

    private static func negateSymmetric<T: SignedNumeric & BitwiseCopyable>(
        _: T.Type, _ type: DataType, _ a: KernelArgument, _ count: Int, _ validity: ResultValidity
    ) -> Column {
        let x = a.fixed(T.self)
        let result = FixedResult<T>(type, count: count, validity: validity)
        for row in 0..<count { result[row] = -x[row] }
        return result.finish()
    }
}
