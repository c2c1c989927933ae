// CAST and TRY_CAST between the engine's types, with Trino's rules. A value that does not convert is an
// error naming the value and the target type (CAST), or NULL (TRY_CAST).
import StrataCore

enum CastKernel {
    static func cast(_ input: Column, to target: DataType, isTry: Bool, context: KernelContext) throws -> Column {
        let source = input.type
        if source == target { return input }
        if source == .unknown || input.isConstantNull { return Column.nulls(target, count: context.scope.count) }
        // TRY_CAST collects its failures as NULLs itself, whatever the surrounding context does.
        let castContext = isTry ? KernelContext(scope: context.scope, failures: RowFailures()) : context
        return try KernelRunner.run([input], resultType: target, context: castContext) { arguments, count, validity, context in
            try convert(arguments[0], from: source, to: target, count: count, validity: validity, context: context)
        }
    }

    /// Literal values (of `types`) converted to `target`, for IN lists and constant folding.
    static func castLiterals(_ values: [Value], from types: [DataType], to target: DataType) throws -> [Value] {
        try zip(values, types).map { value, type in
            if value.isNull || type == target { return value }
            let single = Column.build(type, [value])
            let converted = try cast(single, to: target, isTry: false, context: .standalone(count: 1))
            return converted.value(at: 0)
        }
    }

    static func convert(
        _ a: KernelArgument, from source: DataType, to target: DataType, count: Int, validity: ResultValidity,
        context: KernelContext
    ) throws -> Column {
        let numericNotDecimal = { (type: DataType) in type.isInteger || type.isFloatingPoint }
        if numericNotDecimal(source) && numericNotDecimal(target) {
            return try NumericCast.convert(a, from: source, to: target, count: count, validity: validity, context: context)
        }
        if source.isDecimal && (target.isNumeric || target == .boolean) || target.isDecimal && (source.isNumeric || source == .boolean) {
            return try DecimalCast.convert(a, from: source, to: target, count: count, validity: validity, context: context)
        }
        if source == .varchar {
            return try ParseCast.convert(a, to: target, count: count, validity: validity, context: context)
        }
        if target == .varchar {
            return try FormatCast.convert(a, from: source, count: count, validity: validity, context: context)
        }
        switch (source, target) {
        case (.boolean, _) where numericNotDecimal(target):
            let values = a.fixed(UInt8.self)
            return try NumericCast.convert(
                KernelArgument(Column(type: .tinyint, count: a.column.count, values: Buffer(copying: UnsafeRawBufferPointer(start: values.base, count: a.column.count)))),
                from: .tinyint, to: target, count: count, validity: validity, context: context)
        case (_, .boolean) where numericNotDecimal(source):
            let zero = try NumericCast.convert(a, from: source, to: .double, count: count, validity: validity, context: context)
            let values = zero.fixedValues(as: Double.self)
            let result = FixedResult<UInt8>(.boolean, count: count, validity: validity)
            for row in 0..<count { result[row] = values[row] != 0 ? 1 : 0 }
            return result.finish()
        case (.date, .timestamp):
            let days = a.fixed(Int32.self)
            let result = FixedResult<Int64>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = Int64(days[row]) * Time.microsecondsPerDay }
            return result.finish()
        case (.timestamp, .date):
            let instants = a.fixed(Int64.self)
            let result = FixedResult<Int32>(target, count: count, validity: validity)
            for row in 0..<count {
                result[row] = Int32(truncatingIfNeeded: CalendarMath.floorDivide(instants[row], Time.microsecondsPerDay))
            }
            return result.finish()
        case (.timestamp, .time):
            let instants = a.fixed(Int64.self)
            let result = FixedResult<Int64>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = CalendarMath.floorModulo(instants[row], Time.microsecondsPerDay) }
            return result.finish()
        case (.time, .timestamp):
            // A time of day on 1970-01-01.
            let times = a.fixed(Int64.self)
            let result = FixedResult<Int64>(target, count: count, validity: validity)
            for row in 0..<count { result[row] = times[row] }
            return result.finish()
        default:
            throw ExecutionError(.invalidCast, "Cannot cast \(source.sqlName) to \(target.sqlName)")
        }
    }
}
