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
        if source.isNumeric && target.isNumeric && !source.isDecimal && !target.isDecimal {
            return try NumericCast.convert(a, from: source, to: target, count: count, validity: validity, context: context)
        }
        throw ExecutionError(.notSupported, "CAST from \(source) to \(target) is not supported yet")
    }
}
