// Casts among TINYINT … BIGINT, REAL and DOUBLE. Narrowing integers checks the range; floating point to
// integer rounds half away from zero (Trino) and rejects NaN and values out of range.
import StrataCore

enum NumericCast {
    static func convert(
        _ a: KernelArgument, from source: DataType, to target: DataType, count: Int, validity: ResultValidity,
        context: KernelContext
    ) throws -> Column {
        switch source {
        case .tinyint: return try from(a.fixed(Int8.self), source, target, count, validity, context)
        case .smallint: return try from(a.fixed(Int16.self), source, target, count, validity, context)
        case .integer: return try from(a.fixed(Int32.self), source, target, count, validity, context)
        case .bigint: return try from(a.fixed(Int64.self), source, target, count, validity, context)
        case .real: return try fromFloating(a.fixed(Float.self), source, target, count, validity, context)
        case .double: return try fromFloating(a.fixed(Double.self), source, target, count, validity, context)
        default: throw ExecutionError(.internal, "numeric cast from \(source)")
        }
    }

    private static func from<S: FixedWidthInteger & SignedInteger & BitwiseCopyable>(
        _ values: FixedInput<S>, _ source: DataType, _ target: DataType, _ count: Int, _ validity: ResultValidity,
        _ context: KernelContext
    ) throws -> Column {
        switch target {
        case .tinyint: return try narrow(values, Int8.self, target, count, validity, context)
        case .smallint: return try narrow(values, Int16.self, target, count, validity, context)
        case .integer: return try narrow(values, Int32.self, target, count, validity, context)
        case .bigint: return try narrow(values, Int64.self, target, count, validity, context)
        case .real:
            let result = FixedResult<Float>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = Float(values[row]) }
            return result.finish()
        case .double:
            let result = FixedResult<Double>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = Double(values[row]) }
            return result.finish()
        default: throw ExecutionError(.internal, "numeric cast to \(target)")
        }
    }

    private static func narrow<S: FixedWidthInteger & SignedInteger & BitwiseCopyable, T: FixedWidthInteger & SignedInteger & BitwiseCopyable>(
        _ values: FixedInput<S>, _: T.Type, _ target: DataType, _ count: Int, _ validity: ResultValidity,
        _ context: KernelContext
    ) throws -> Column {
        var result = FixedResult<T>(target, count: count, validity: validity)
        if S.bitWidth <= T.bitWidth {
            for row in 0..<count { result[row] = T(truncatingIfNeeded: values[row]) }
            return result.finish()
        }
        for row in 0..<count {
            if let value = T(exactly: values[row]) {
                result[row] = value
            } else {
                result[row] = 0
                guard result.validity.isValid(row) else { continue }
                try context.fail(row, ExecutionError(.overflow, "Out of range for \(target.sqlName.lowercased()): \(values[row])"))
                result.validity.setNull(row)
            }
        }
        return result.finish()
    }

    private static func fromFloating<F: BinaryFloatingPoint & CustomStringConvertible & BitwiseCopyable>(
        _ values: FixedInput<F>, _ source: DataType, _ target: DataType, _ count: Int, _ validity: ResultValidity,
        _ context: KernelContext
    ) throws -> Column {
        switch target {
        case .tinyint: return try round(values, Int8.self, source, target, count, validity, context)
        case .smallint: return try round(values, Int16.self, source, target, count, validity, context)
        case .integer: return try round(values, Int32.self, source, target, count, validity, context)
        case .bigint: return try round(values, Int64.self, source, target, count, validity, context)
        case .real:
            let result = FixedResult<Float>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = Float(values[row]) }
            return result.finish()
        case .double:
            let result = FixedResult<Double>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = Double(values[row]) }
            return result.finish()
        default: throw ExecutionError(.internal, "numeric cast to \(target)")
        }
    }

    private static func round<F: BinaryFloatingPoint & CustomStringConvertible & BitwiseCopyable, T: FixedWidthInteger & SignedInteger & BitwiseCopyable>(
        _ values: FixedInput<F>, _: T.Type, _ source: DataType, _ target: DataType, _ count: Int,
        _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        var result = FixedResult<T>(target, count: count, validity: validity)
        for row in 0..<count {
            let rounded = values[row].rounded(.toNearestOrAwayFromZero)
            if let value = T(exactly: rounded) {
                result[row] = value
            } else {
                result[row] = 0
                guard result.validity.isValid(row) else { continue }
                let text = ValueFormatter.floatingText(Double(values[row]))
                try context.fail(row, ExecutionError(.invalidCast, "Out of range for \(target.sqlName.lowercased()): \(text)"))
                result.validity.setNull(row)
            }
        }
        return result.finish()
    }
}
