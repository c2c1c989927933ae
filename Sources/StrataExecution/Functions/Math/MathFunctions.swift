// The numeric functions: abs, sign, rounding (ceil, floor, round, truncate) for every numeric type with
// Trino's result types, the DOUBLE functions (power, sqrt, cbrt, exp, ln, log2, log10, log), mod,
// greatest/least, pi, random and the NaN/infinity tests.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Musl)
import Musl
#endif
import StrataCore
import StrataPlanner

enum MathFunctions {
    static func call(_ function: ScalarFunction, _ arguments: [Column], resultType: DataType, context: KernelContext) throws -> Column {
        switch function {
        case .pi:
            return Column.constant(.double(Double.pi), .double, count: context.scope.count)
        case .e:
            return Column.constant(.double(M_E), .double, count: context.scope.count)
        case .infinity:
            return Column.constant(.double(.infinity), .double, count: context.scope.count)
        case .nan:
            return Column.constant(.double(.nan), .double, count: context.scope.count)
        case .random:
            return try random(arguments, resultType: resultType, context: context)
        case .mod:
            return try ArithmeticKernel.apply(.modulo, arguments[0], arguments[1], resultType: resultType, context: context)
        case .greatest, .least:
            return try extreme(arguments, greatest: function == .greatest, resultType: resultType, context: context)
        default:
            break
        }
        return try KernelRunner.run(arguments, resultType: resultType, context: context) { a, count, validity, context in
            switch function {
            case .abs: return try abs(a[0], count, validity, context)
            case .sign: return sign(a[0], resultType, count, validity)
            case .ceil: return try rounding(a[0], .up, resultType, count, validity, context)
            case .floor: return try rounding(a[0], .down, resultType, count, validity, context)
            case .round:
                if a.count == 2 { return try roundDigits(a[0], a[1], truncate: false, resultType, count, validity, context) }
                return try rounding(a[0], .toNearestOrAwayFromZero, resultType, count, validity, context)
            case .truncate:
                if a.count == 2 { return try roundDigits(a[0], a[1], truncate: true, resultType, count, validity, context) }
                return try rounding(a[0], .towardZero, resultType, count, validity, context)
            case .power: return double2(a, count, validity) { pow($0, $1) }
            case .log: return double2(a, count, validity) { base, x in log(x) / log(base) }
            case .sqrt: return double1(a[0], count, validity) { $0.squareRoot() }
            case .cbrt: return double1(a[0], count, validity, cubeRoot)
            case .exp: return double1(a[0], count, validity) { exp($0) }
            case .ln: return double1(a[0], count, validity) { log($0) }
            case .log2: return double1(a[0], count, validity) { log2($0) }
            case .log10: return double1(a[0], count, validity) { log10($0) }
            case .sin: return double1(a[0], count, validity) { sin($0) }
            case .cos: return double1(a[0], count, validity) { cos($0) }
            case .tan: return double1(a[0], count, validity) { tan($0) }
            case .asin: return double1(a[0], count, validity) { asin($0) }
            case .acos: return double1(a[0], count, validity) { acos($0) }
            case .atan: return double1(a[0], count, validity) { atan($0) }
            case .sinh: return double1(a[0], count, validity) { sinh($0) }
            case .cosh: return double1(a[0], count, validity) { cosh($0) }
            case .tanh: return double1(a[0], count, validity) { tanh($0) }
            case .atan2: return double2(a, count, validity) { atan2($0, $1) }
            case .degrees: return double1(a[0], count, validity) { $0 * 180 / Double.pi }
            case .radians: return double1(a[0], count, validity) { $0 / 180 * Double.pi }
            case .widthBucket: return try widthBucket(a, count, validity, context)
            case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
                let x = a[0].fixed(Int64.self)
                let y = a[1].fixed(Int64.self)
                let result = FixedResult<Int64>(.bigint, count: count, validity: validity)
                switch function {
                case .bitwiseAnd: mapPairs(x, y, into: result.values, count: count) { $0 & $1 }
                case .bitwiseOr: mapPairs(x, y, into: result.values, count: count) { $0 | $1 }
                default: mapPairs(x, y, into: result.values, count: count) { $0 ^ $1 }
                }
                return result.finish()
            case .bitwiseNot:
                let x = a[0].fixed(Int64.self)
                let result = FixedResult<Int64>(.bigint, count: count, validity: validity)
                for row in 0..<count { result[row] = ~x[row] }
                return result.finish()
            case .isNaN: return doubleTest(a[0], count, validity) { $0.isNaN }
            case .isFinite: return doubleTest(a[0], count, validity) { $0.isFinite }
            case .isInfinite: return doubleTest(a[0], count, validity) { $0.isInfinite }
            default: throw ExecutionError(.internal, "\(function.rawValue) is not a math function")
            }
        }
    }

    // MARK: - DOUBLE functions

    @inline(__always)
    private static func double1(_ a: KernelArgument, _ count: Int, _ validity: ResultValidity, _ f: (Double) -> Double) -> Column {
        let x = a.fixed(Double.self)
        let result = FixedResult<Double>(.double, count: count, validity: validity)
        for row in 0..<count { result[row] = f(x[row]) }
        return result.finish()
    }

    @inline(__always)
    private static func double2(_ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ f: (Double, Double) -> Double) -> Column {
        let x = a[0].fixed(Double.self)
        let y = a[1].fixed(Double.self)
        let result = FixedResult<Double>(.double, count: count, validity: validity)
        for row in 0..<count { result[row] = f(x[row], y[row]) }
        return result.finish()
    }

    private static func doubleTest(_ a: KernelArgument, _ count: Int, _ validity: ResultValidity, _ f: (Double) -> Bool) -> Column {
        let x = a.fixed(Double.self)
        let result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
        for row in 0..<count { result[row] = f(x[row]) ? 1 : 0 }
        return result.finish()
    }

    /// The C library's cube root can be an ulp off (cbrt(27) = 3.0000000000000004 on glibc); one Newton
    /// step lands on the correctly rounded root, as Java's Math.cbrt gives.
    private static func cubeRoot(_ x: Double) -> Double {
        let root = cbrt(x)
        guard root.isFinite, root != 0 else { return root }
        let refined = root - (root * root * root - x) / (3 * root * root)
        return refined.isFinite ? refined : root
    }

    /// The bucket (1…n) of `x` in n equal buckets between two bounds; 0 below, n + 1 above.
    private static func widthBucket(
        _ a: [KernelArgument], _ count: Int, _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let values = a[0].fixed(Double.self)
        let lows = a[1].fixed(Double.self)
        let highs = a[2].fixed(Double.self)
        let buckets = a[3].fixed(Int64.self)
        return try DecimalCast.fixed(Int64.self, .bigint, count, validity, context, { row in
            let (x, low, high, n) = (values[row], lows[row], highs[row], buckets[row])
            guard n > 0, low != high, x.isFinite, low.isFinite, high.isFinite else { return nil }
            let bucket: Double
            if low < high {
                if x < low { return 0 }
                if x >= high { return n &+ 1 }
                bucket = ((x - low) / (high - low) * Double(n)).rounded(.down) + 1
            } else {
                if x > low { return 0 }
                if x <= high { return n &+ 1 }
                bucket = ((low - x) / (low - high) * Double(n)).rounded(.down) + 1
            }
            return Int64(min(bucket, Double(n)))
        }, error: { row in
            if buckets[row] <= 0 { return ExecutionError(.invalidArgument, "bucketCount must be greater than 0") }
            if lows[row] == highs[row] { return ExecutionError(.invalidArgument, "bounds cannot equal each other") }
            return ExecutionError(.invalidArgument, "operand and bounds must be finite")
        })
    }

    // MARK: - abs, sign

    private static func abs(_ a: KernelArgument, _ count: Int, _ validity: ResultValidity, _ context: KernelContext) throws -> Column {
        func integer<T: FixedWidthInteger & SignedInteger & BitwiseCopyable>(_: T.Type) throws -> Column {
            let x = a.fixed(T.self)
            var result = FixedResult<T>(a.type, count: count, validity: validity)
            for row in 0..<count {
                let value = x[row]
                if value == T.min {
                    result[row] = 0
                    if result.validity.isValid(row) {
                        try context.fail(row, ExecutionError(.overflow, "Value \(value) is out of range for abs(\(a.type.sqlName.lowercased()))"))
                        result.validity.setNull(row)
                    }
                    continue
                }
                result[row] = value < 0 ? -value : value
            }
            return result.finish()
        }
        switch a.type {
        case .tinyint: return try integer(Int8.self)
        case .smallint: return try integer(Int16.self)
        case .integer: return try integer(Int32.self)
        case .bigint: return try integer(Int64.self)
        case .real:
            let x = a.fixed(Float.self)
            let result = FixedResult<Float>(.real, count: count, validity: validity)
            for row in 0..<count { result[row] = Swift.abs(x[row]) }
            return result.finish()
        case .double:
            let x = a.fixed(Double.self)
            let result = FixedResult<Double>(.double, count: count, validity: validity)
            for row in 0..<count { result[row] = Swift.abs(x[row]) }
            return result.finish()
        case .decimal:
            let x = a.fixed(Int128.self)
            let result = FixedResult<Int128>(a.type, count: count, validity: validity)
            for row in 0..<count { result[row] = x[row] < 0 ? -x[row] : x[row] }
            return result.finish()
        default:
            throw ExecutionError(.internal, "abs(\(a.type))")
        }
    }

    private static func sign(_ a: KernelArgument, _ type: DataType, _ count: Int, _ validity: ResultValidity) -> Column {
        func integer<T: FixedWidthInteger & SignedInteger & BitwiseCopyable>(_: T.Type) -> Column {
            let x = a.fixed(T.self)
            let result = FixedResult<T>(type, count: count, validity: validity)
            for row in 0..<count { result[row] = x[row] > 0 ? 1 : (x[row] < 0 ? -1 : 0) }
            return result.finish()
        }
        func floating<T: BinaryFloatingPoint & BitwiseCopyable>(_: T.Type) -> Column {
            let x = a.fixed(T.self)
            let result = FixedResult<T>(type, count: count, validity: validity)
            for row in 0..<count {
                let value = x[row]
                result[row] = value.isNaN || value == 0 ? value : (value > 0 ? 1 : -1)
            }
            return result.finish()
        }
        switch a.type {
        case .tinyint: return integer(Int8.self)
        case .smallint: return integer(Int16.self)
        case .integer: return integer(Int32.self)
        case .bigint: return integer(Int64.self)
        case .real: return floating(Float.self)
        case .double: return floating(Double.self)
        default:
            let x = a.fixed(Int128.self)
            let result = FixedResult<Int128>(type, count: count, validity: validity)
            for row in 0..<count { result[row] = x[row] > 0 ? 1 : (x[row] < 0 ? -1 : 0) }
            return result.finish()
        }
    }

    // MARK: - Rounding

    /// ceil, floor, round and truncate to a whole number. Integers are already whole; decimals become
    /// DECIMAL(p', 0).
    private static func rounding(
        _ a: KernelArgument, _ rule: FloatingPointRoundingRule, _ type: DataType, _ count: Int,
        _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        switch a.type {
        case .tinyint, .smallint, .integer, .bigint:
            return a.isConstant ? Column.constant(a.column, count: count) : a.column
        case .real:
            let x = a.fixed(Float.self)
            let result = FixedResult<Float>(type, count: count, validity: validity)
            for row in 0..<count { result[row] = x[row].rounded(rule) }
            return result.finish()
        case .double:
            let x = a.fixed(Double.self)
            let result = FixedResult<Double>(type, count: count, validity: validity)
            for row in 0..<count { result[row] = x[row].rounded(rule) }
            return result.finish()
        case .decimal(_, let scale):
            let x = a.fixed(Int128.self)
            guard case .decimal(let precision, let resultScale) = type else { throw ExecutionError(.internal, "rounding to \(type)") }
            var result = FixedResult<Int128>(type, count: count, validity: validity)
            let limit = DecimalMath.powerOfTen(precision)
            for row in 0..<count {
                // Whole numbers: the result scale is 0.
                let value = resultScale == 0 ? roundDecimal(x[row], dropping: scale, rule) : x[row]
                guard value.magnitude < limit.magnitude || !result.validity.isValid(row) else {
                    try context.fail(row, ExecutionError(.overflow, "Decimal overflow"))
                    result.validity.setNull(row)
                    result[row] = 0
                    continue
                }
                result[row] = value
            }
            return result.finish()
        default:
            throw ExecutionError(.internal, "rounding of \(a.type)")
        }
    }

    /// `value / 10^digits` rounded by `rule` (the unscaled result at scale s - digits).
    static func roundDecimal(_ value: Int128, dropping digits: Int, _ rule: FloatingPointRoundingRule) -> Int128 {
        guard digits > 0 else { return value }
        if digits > 38 { return 0 }
        let divisor = DecimalMath.powerOfTen(digits)
        let quotient = value / divisor
        let remainder = value % divisor
        if remainder == 0 { return quotient }
        switch rule {
        case .up: return value > 0 ? quotient + 1 : quotient
        case .down: return value < 0 ? quotient - 1 : quotient
        case .towardZero: return quotient
        default: return DecimalMath.roundedDivide(value, by: divisor)
        }
    }

    /// round(x, d) and truncate(x, d): keep d digits after the point (negative d rounds to tens, hundreds…).
    private static func roundDigits(
        _ a: KernelArgument, _ digitsArgument: KernelArgument, truncate: Bool, _ type: DataType, _ count: Int,
        _ validity: ResultValidity, _ context: KernelContext
    ) throws -> Column {
        let digits = digitsArgument.fixed(Int64.self)
        let rule: FloatingPointRoundingRule = truncate ? .towardZero : .toNearestOrAwayFromZero
        func integer<T: FixedWidthInteger & SignedInteger & BitwiseCopyable>(_: T.Type) throws -> Column {
            let x = a.fixed(T.self)
            var result = FixedResult<T>(type, count: count, validity: validity)
            for row in 0..<count {
                let places = digits[row]
                let rounded = places >= 0 ? Int128(x[row]) : roundDecimal(Int128(x[row]), dropping: Int(min(-places, 39)), rule)
                let scaled = places >= 0 ? rounded : DecimalMath.rescale(rounded, from: 0, to: Int(min(-places, 39)))
                if let scaled, let value = T(exactly: scaled) {
                    result[row] = value
                } else {
                    result[row] = 0
                    if result.validity.isValid(row) {
                        try context.fail(row, ExecutionError(.overflow, "\(type.sqlName.lowercased()) overflow rounding \(x[row])"))
                        result.validity.setNull(row)
                    }
                }
            }
            return result.finish()
        }
        func floating<T: BinaryFloatingPoint & BitwiseCopyable>(_: T.Type) -> Column {
            let x = a.fixed(T.self)
            let result = FixedResult<T>(type, count: count, validity: validity)
            for row in 0..<count {
                let value = x[row]
                let factor = T(pow(10, Double(max(-400, min(400, digits[row])))))
                let scaled = value * factor
                // Values too large to have digits after the point, and non-finite ones, stay as they are.
                if !value.isFinite || !scaled.isFinite || factor == 0 {
                    result[row] = value
                } else {
                    result[row] = scaled.rounded(rule) / factor
                }
            }
            return result.finish()
        }
        switch a.type {
        case .tinyint: return try integer(Int8.self)
        case .smallint: return try integer(Int16.self)
        case .integer: return try integer(Int32.self)
        case .bigint: return try integer(Int64.self)
        case .real: return floating(Float.self)
        case .double: return floating(Double.self)
        case .decimal(_, let scale):
            guard case .decimal(let precision, let resultScale) = type else { throw ExecutionError(.internal, "rounding to \(type)") }
            let x = a.fixed(Int128.self)
            var result = FixedResult<Int128>(type, count: count, validity: validity)
            let limit = DecimalMath.powerOfTen(precision)
            for row in 0..<count {
                let dropped = scale - Int(max(-40, min(40, digits[row])))
                var value: Int128? = x[row]
                if dropped > 0 {
                    value = DecimalMath.rescale(roundDecimal(x[row], dropping: dropped, rule), from: scale - dropped, to: resultScale)
                }
                if let value, value.magnitude < limit.magnitude {
                    result[row] = value
                } else {
                    result[row] = 0
                    if result.validity.isValid(row) {
                        try context.fail(row, ExecutionError(.overflow, "Decimal overflow"))
                        result.validity.setNull(row)
                    }
                }
            }
            return result.finish()
        default:
            throw ExecutionError(.internal, "rounding of \(a.type)")
        }
    }

    // MARK: - greatest, least

    private static func extreme(_ arguments: [Column], greatest: Bool, resultType: DataType, context: KernelContext) throws -> Column {
        var result = arguments[0]
        for next in arguments.dropFirst() {
            let current = result
            // Row by row: keep the current value unless the next one is beyond it.
            let replace = try ComparisonKernel.compare(greatest ? .greater : .less, next, current, context: context)
            if resultType.isFloatingPoint {
                try rejectNaN(next, context: context, name: greatest ? "greatest" : "least")
                try rejectNaN(current, context: context, name: greatest ? "greatest" : "least")
            }
            result = try KernelRunner.run([current, next, replace], resultType: resultType, context: context) { a, count, validity, _ in
                let useNext = a[2].fixed(UInt8.self)
                var indices = [Int32](repeating: 0, count: count)
                // Select from the two inputs laid end to end.
                for row in 0..<count { indices[row] = useNext[row] != 0 ? Int32(count + row) : Int32(row) }
                let first = a[0].isConstant ? Column.constant(a[0].column, count: count).flattened() : a[0].column
                let second = a[1].isConstant ? Column.constant(a[1].column, count: count).flattened() : a[1].column
                let both = Column.concatenate([first, second], type: resultType)
                let chosen = both.gather(indices)
                return Column(type: resultType, count: count, validity: validity.bitmap, storage: chosen.storage)
            }
        }
        return result
    }

    private static func rejectNaN(_ column: Column, context: KernelContext, name: String) throws {
        let flat = column.flattened()
        for row in 0..<flat.count where !flat.isNull(row) {
            let isNaN: Bool
            switch flat.value(at: row) {
            case .double(let value): isNaN = value.isNaN
            case .real(let value): isNaN = value.isNaN
            default: isNaN = false
            }
            if isNaN { try context.fail(row, ExecutionError(.invalidArgument, "Invalid argument to \(name)(): NaN")) }
        }
    }

    // MARK: - random

    private static func random(_ arguments: [Column], resultType: DataType, context: KernelContext) throws -> Column {
        let count = context.scope.count
        var generator = SystemRandomNumberGenerator()
        if arguments.isEmpty {
            let result = FixedResult<Double>(.double, count: count, validity: nil)
            for row in 0..<count { result[row] = Double.random(in: 0..<1, using: &generator) }
            return result.finish()
        }
        let bounds = KernelArgument(try CastKernel.cast(arguments[0], to: .bigint, isTry: false, context: context))
        if arguments[0].isConstantNull { return Column.nulls(resultType, count: count) }
        var result = FixedResult<Int64>(.bigint, count: count, validity: bounds.validity)
        let limit = bounds.fixed(Int64.self)
        for row in 0..<count {
            let bound = limit[row]
            guard bound > 0 else {
                result[row] = 0
                if result.validity.isValid(row) {
                    try context.fail(row, ExecutionError(.invalidArgument, "bound must be positive"))
                    result.validity.setNull(row)
                }
                continue
            }
            result[row] = Int64.random(in: 0..<bound, using: &generator)
        }
        return try CastKernel.cast(result.finish(), to: resultType, isTry: false, context: context)
    }
}
