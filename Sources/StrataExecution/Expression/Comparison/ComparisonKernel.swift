// `= <> < <= > >=` and `IS [NOT] DISTINCT FROM` over two columns of one type: a typed loop per physical
// type, with the constant side hoisted out of the loop.
import StrataCore
import StrataPlanner

enum ComparisonKernel {
    static func compare(_ op: ComparisonOperator, _ lhs: Column, _ rhs: Column, context: KernelContext) throws -> Column {
        switch op {
        case .isDistinctFrom, .isNotDistinctFrom:
            return try distinct(lhs, rhs, negated: op == .isNotDistinctFrom, context: context)
        default:
            break
        }
        let type = lhs.type == .unknown ? rhs.type : lhs.type
        return try KernelRunner.run([lhs, rhs], resultType: .boolean, context: context) { arguments, count, validity, _ in
            let result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
            try compare(op, type: type, arguments[0], arguments[1], into: result.values, count: count)
            return result.finish()
        }
    }

    /// `IS DISTINCT FROM`: like `<>`, but NULL is a value equal to itself, so the result is never NULL.
    private static func distinct(_ lhs: Column, _ rhs: Column, negated: Bool, context: KernelContext) throws -> Column {
        let count = context.scope.count
        let leftAllNull = lhs.isConstantNull
        let rightAllNull = rhs.isConstantNull
        if leftAllNull || rightAllNull {
            if leftAllNull && rightAllNull { return Column.constant(.boolean(negated), .boolean, count: count) }
            return LogicKernel.isNull(leftAllNull ? rhs : lhs, negated: !negated)
        }
        let equal = try compare(.equal, lhs, rhs, context: context)
        if equal.isConstant {
            return Column.constant(.boolean((equal.value(at: 0) == .boolean(true)) == negated), .boolean, count: count)
        }
        let result = FixedResult<UInt8>(.boolean, count: count, validity: nil)
        let flat = KernelArgument(equal)
        let values = flat.fixed(UInt8.self)
        let same: UInt8 = negated ? 1 : 0
        for row in 0..<count {
            if equal.isNull(row) {
                result[row] = lhs.isNull(row) == rhs.isNull(row) ? same : same ^ 1
            } else {
                result[row] = values[row] != 0 ? same : same ^ 1
            }
        }
        return result.finish()
    }

    /// Compares `a` and `b` (both of `type`) row by row into `output` (1 true, 0 false).
    static func compare(
        _ op: ComparisonOperator, type: DataType, _ a: KernelArgument, _ b: KernelArgument,
        into output: UnsafeMutablePointer<UInt8>, count: Int
    ) throws {
        switch type {
        case .boolean: typed(op, a.fixed(UInt8.self), b.fixed(UInt8.self), output, count)
        case .tinyint: typed(op, a.fixed(Int8.self), b.fixed(Int8.self), output, count)
        case .smallint: typed(op, a.fixed(Int16.self), b.fixed(Int16.self), output, count)
        case .integer, .date: typed(op, a.fixed(Int32.self), b.fixed(Int32.self), output, count)
        case .bigint, .time, .timestamp: typed(op, a.fixed(Int64.self), b.fixed(Int64.self), output, count)
        case .real: typed(op, a.fixed(Float.self), b.fixed(Float.self), output, count)
        case .double: typed(op, a.fixed(Double.self), b.fixed(Double.self), output, count)
        case .decimal: typed(op, a.fixed(Int128.self), b.fixed(Int128.self), output, count)
        case .interval: intervals(op, a.fixed(Interval.self), b.fixed(Interval.self), output, count)
        case .varchar, .varbinary: strings(op, a.strings(), b.strings(), output, count)
        case .unknown: output.initialize(repeating: 0, count: count)
        }
    }

    @inline(__always)
    private static func typed<T: Comparable>(
        _ op: ComparisonOperator, _ a: FixedInput<T>, _ b: FixedInput<T>, _ output: UnsafeMutablePointer<UInt8>, _ count: Int
    ) {
        switch op {
        case .equal, .isNotDistinctFrom: loop(a, b, output, count) { $0 == $1 }
        case .notEqual, .isDistinctFrom: loop(a, b, output, count) { $0 != $1 }
        case .less: loop(a, b, output, count) { $0 < $1 }
        case .lessOrEqual: loop(a, b, output, count) { $0 <= $1 }
        case .greater: loop(a, b, output, count) { $0 > $1 }
        case .greaterOrEqual: loop(a, b, output, count) { $0 >= $1 }
        }
    }

    @inline(__always)
    private static func loop<T>(
        _ a: FixedInput<T>, _ b: FixedInput<T>, _ output: UnsafeMutablePointer<UInt8>, _ count: Int,
        _ predicate: (T, T) -> Bool
    ) {
        if b.isConstant {
            let right = b.base[0]
            let left = a.base
            for row in 0..<count { output[row] = predicate(left[row], right) ? 1 : 0 }
        } else if a.isConstant {
            let left = a.base[0]
            let right = b.base
            for row in 0..<count { output[row] = predicate(left, right[row]) ? 1 : 0 }
        } else {
            let left = a.base
            let right = b.base
            for row in 0..<count { output[row] = predicate(left[row], right[row]) ? 1 : 0 }
        }
    }

    private static func intervals(
        _ op: ComparisonOperator, _ a: FixedInput<Interval>, _ b: FixedInput<Interval>,
        _ output: UnsafeMutablePointer<UInt8>, _ count: Int
    ) {
        switch op {
        case .equal, .isNotDistinctFrom: loop(a, b, output, count) { Interval.order($0, $1) == 0 }
        case .notEqual, .isDistinctFrom: loop(a, b, output, count) { Interval.order($0, $1) != 0 }
        case .less: loop(a, b, output, count) { Interval.order($0, $1) < 0 }
        case .lessOrEqual: loop(a, b, output, count) { Interval.order($0, $1) <= 0 }
        case .greater: loop(a, b, output, count) { Interval.order($0, $1) > 0 }
        case .greaterOrEqual: loop(a, b, output, count) { Interval.order($0, $1) >= 0 }
        }
    }

    private static func strings(
        _ op: ComparisonOperator, _ a: StringInput, _ b: StringInput, _ output: UnsafeMutablePointer<UInt8>, _ count: Int
    ) {
        switch op {
        case .equal, .isNotDistinctFrom:
            for row in 0..<count { output[row] = ByteString.equal(a[row], b[row]) ? 1 : 0 }
        case .notEqual, .isDistinctFrom:
            for row in 0..<count { output[row] = ByteString.equal(a[row], b[row]) ? 0 : 1 }
        case .less:
            for row in 0..<count { output[row] = ByteString.compare(a[row], b[row]) < 0 ? 1 : 0 }
        case .lessOrEqual:
            for row in 0..<count { output[row] = ByteString.compare(a[row], b[row]) <= 0 ? 1 : 0 }
        case .greater:
            for row in 0..<count { output[row] = ByteString.compare(a[row], b[row]) > 0 ? 1 : 0 }
        case .greaterOrEqual:
            for row in 0..<count { output[row] = ByteString.compare(a[row], b[row]) >= 0 ? 1 : 0 }
        }
    }
}

extension Interval {
    /// Negative, zero or positive as `lhs` orders before, with or after `rhs`: by months, then by exact
    /// length, so 1 day equals 24 hours (the stored fields alone would say otherwise).
    static func order(_ lhs: Interval, _ rhs: Interval) -> Int {
        if lhs.months != rhs.months { return lhs.months < rhs.months ? -1 : 1 }
        let left = Int128(lhs.days) * Int128(Time.microsecondsPerDay) + Int128(lhs.microseconds)
        let right = Int128(rhs.days) * Int128(Time.microsecondsPerDay) + Int128(rhs.microseconds)
        return left == right ? 0 : (left < right ? -1 : 1)
    }
}
