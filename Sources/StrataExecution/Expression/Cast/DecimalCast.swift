// Casts to and from DECIMAL: rescaling rounds half away from zero (Trino's HALF_UP), a value with more
// digits than the target precision is an error, floating point converts from its exact binary value, and
// decimals become the nearest DOUBLE.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import StrataCore

enum DecimalCast {
    static func convert(
        _ a: KernelArgument, from source: DataType, to target: DataType, count: Int, validity: ResultValidity,
        context: KernelContext
    ) throws -> Column {
        switch (source, target) {
        case (.decimal(_, let fromScale), .decimal(let precision, let scale)):
            let values = a.fixed(Int128.self)
            let limit = DecimalMath.powerOfTen(precision)
            return try fixed(Int128.self, target, count, validity, context) { row in
                guard let value = DecimalMath.rescale(values[row], from: fromScale, to: scale), value.magnitude < limit.magnitude
                else { return nil }
                return value
            } error: { row in failure(source, ValueFormatter.decimalText(values[row], scale: fromScale), target) }
        case (.decimal(_, let scale), _) where target.isInteger:
            let values = a.fixed(Int128.self)
            let divisor = DecimalMath.powerOfTen(scale)
            let whole = { (row: Int) in DecimalMath.roundedDivide(values[row], by: divisor) }
            let error = { (row: Int) in failure(source, ValueFormatter.decimalText(values[row], scale: scale), target) }
            switch target {
            case .tinyint: return try fixed(Int8.self, target, count, validity, context, { Int8(exactly: whole($0)) }, error: error)
            case .smallint: return try fixed(Int16.self, target, count, validity, context, { Int16(exactly: whole($0)) }, error: error)
            case .integer: return try fixed(Int32.self, target, count, validity, context, { Int32(exactly: whole($0)) }, error: error)
            default: return try fixed(Int64.self, target, count, validity, context, { Int64(exactly: whole($0)) }, error: error)
            }
        case (.decimal(_, let scale), .double):
            let values = a.fixed(Int128.self)
            let result = FixedResult<Double>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = toDouble(values[row], scale: scale) }
            return result.finish()
        case (.decimal(_, let scale), .real):
            let values = a.fixed(Int128.self)
            let result = FixedResult<Float>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = Float(toDouble(values[row], scale: scale)) }
            return result.finish()
        case (.decimal, .boolean):
            let values = a.fixed(Int128.self)
            let result = FixedResult<UInt8>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = values[row] != 0 ? 1 : 0 }
            return result.finish()
        case (_, .decimal(let precision, let scale)) where source.isInteger || source == .boolean:
            let limit = DecimalMath.powerOfTen(precision)
            let factor = DecimalMath.powerOfTen(scale)
            let wide: (Int) -> Int128
            switch source {
            case .boolean: let v = a.fixed(UInt8.self); wide = { Int128(v[$0]) }
            case .tinyint: let v = a.fixed(Int8.self); wide = { Int128(v[$0]) }
            case .smallint: let v = a.fixed(Int16.self); wide = { Int128(v[$0]) }
            case .integer: let v = a.fixed(Int32.self); wide = { Int128(v[$0]) }
            default: let v = a.fixed(Int64.self); wide = { Int128(v[$0]) }
            }
            return try fixed(Int128.self, target, count, validity, context) { row in
                let (value, overflow) = wide(row).multipliedReportingOverflow(by: factor)
                return overflow || value.magnitude >= limit.magnitude ? nil : value
            } error: { row in failure(source, String(wide(row)), target) }
        case (.double, .decimal(let precision, let scale)), (.real, .decimal(let precision, let scale)):
            // Trino converts the shortest decimal text of the number (Java's BigDecimal.valueOf), so
            // 2.675 becomes 2.68 at scale 2 although its binary value is a little below.
            let text: (Int) -> String
            let isFinite: (Int) -> Bool
            if source == .double {
                let v = a.fixed(Double.self)
                text = { v[$0].description }
                isFinite = { v[$0].isFinite }
            } else {
                let v = a.fixed(Float.self)
                text = { v[$0].description }
                isFinite = { v[$0].isFinite }
            }
            return try fixed(Int128.self, target, count, validity, context) { row in
                guard isFinite(row) else { return nil }
                var digits = text(row)
                return digits.withUTF8 { NumberText.parseDecimal($0, precision: precision, scale: scale) }
            } error: { row in failure(source, NumberText.javaText(Double(text(row)) ?? .nan), target) }
        default:
            throw ExecutionError(.internal, "decimal cast from \(source) to \(target)")
        }
    }

    static func failure(_ source: DataType, _ text: String, _ target: DataType) -> ExecutionError {
        ExecutionError(.invalidCast, "Cannot cast \(source.sqlName) '\(text)' to \(target.sqlName)")
    }

    /// A fixed-width result computed row by row; a nil value fails the row with `error(row)`.
    @inline(__always)
    static func fixed<T: BitwiseCopyable>(
        _: T.Type, _ type: DataType, _ count: Int, _ validity: ResultValidity, _ context: KernelContext,
        _ value: (Int) -> T?, error: (Int) -> ExecutionError
    ) throws -> Column {
        var result = FixedResult<T>(type, count: count, validity: validity)
        for row in 0..<count {
            if let converted = value(row) {
                result[row] = converted
            } else {
                result.values.advanced(by: row).withMemoryRebound(to: UInt8.self, capacity: MemoryLayout<T>.stride) {
                    $0.initialize(repeating: 0, count: MemoryLayout<T>.stride)
                }
                guard result.validity.isValid(row) else { continue }
                try context.fail(row, error(row))
                result.validity.setNull(row)
            }
        }
        return result.finish()
    }

    /// The DOUBLE nearest to `unscaled / 10^scale`.
    static func toDouble(_ unscaled: Int128, scale: Int) -> Double {
        // Both conversions exact, so the one division rounds correctly.
        if unscaled.magnitude < (1 << 53) && scale <= 22 {
            return Double(unscaled) / pow(10, Double(scale))
        }
        let text = ValueFormatter.decimalText(unscaled, scale: scale)
        return text.withCString { strtod($0, nil) }
    }
}
