// Scalar function calls: each `ScalarFunction` goes to the kernels of its family.
import StrataCore
import StrataPlanner

enum FunctionKernels {
    static func call(
        _ function: ScalarFunction, _ arguments: [Column], resultType: DataType, evaluator: ExpressionEvaluator,
        context: KernelContext
    ) throws -> Column {
        switch function {
        case .length, .lower, .upper, .substr, .trim, .ltrim, .rtrim, .concat, .replace, .reverse, .splitPart, .strpos,
            .startsWith, .endsWith, .lpad, .rpad:
            return try StringFunctions.call(function, arguments, resultType: resultType, context: context)
        case .concatWs, .chr, .codepoint, .translate, .toUTF8, .fromUTF8:
            return try StringFunctions.callCharacters(function, arguments, resultType: resultType, context: context)
        case .levenshteinDistance, .hammingDistance:
            return try StringFunctions.callDistance(function, arguments, resultType: resultType, context: context)
        case .jsonExtract, .jsonExtractScalar, .jsonArrayLength:
            return try JSONFunctions.call(function, arguments, resultType: resultType, context: context)
        case .regexpLike, .regexpExtract, .regexpReplace, .regexpCount, .regexpPosition:
            return try RegexFunctions.call(function, arguments, resultType: resultType, evaluator: evaluator, context: context)
        case .abs, .round, .ceil, .floor, .truncate, .power, .sqrt, .cbrt, .exp, .ln, .log2, .log10, .log, .mod, .sign,
            .greatest, .least, .pi, .random, .isNaN, .isFinite, .isInfinite, .sin, .cos, .tan, .asin, .acos, .atan, .atan2,
            .sinh, .cosh, .tanh, .degrees, .radians, .e, .infinity, .nan, .widthBucket, .bitwiseAnd, .bitwiseOr,
            .bitwiseXor, .bitwiseNot:
            return try MathFunctions.call(function, arguments, resultType: resultType, context: context)
        case .currentDate, .currentTimestamp, .dateTrunc, .dateAdd, .dateDiff, .year, .quarter, .month, .week, .day,
            .hour, .minute, .second, .millisecond, .dayOfWeek, .dayOfYear, .dateFormat, .dateParse, .fromUnixtime,
            .toUnixtime, .fromISO8601Timestamp, .fromISO8601Date, .toISO8601, .lastDayOfMonth, .yearOfWeek,
            .formatDatetime, .parseDatetime, .toMilliseconds:
            return try DateTimeFunctions.call(
                function, arguments, resultType: resultType, context: context, now: evaluator.context.statementTimestamp)
        case .nullif:
            return try nullif(arguments[0], arguments[1], context: context)
        }
    }

    /// NULL where the two values are equal, else the first (which may be of a narrower type than the
    /// second; they compare in the second's).
    private static func nullif(_ value: Column, _ other: Column, context: KernelContext) throws -> Column {
        var comparable = value
        if value.type != other.type && other.type != .unknown {
            comparable = try CastKernel.cast(value, to: other.type, isTry: false, context: context)
        }
        let equal = try ComparisonKernel.compare(.equal, comparable, other, context: context)
        let hits = LogicKernel.trueRows(equal)
        if hits.isEmpty { return value }
        var indices = Array(0..<Int32(context.scope.count))
        for row in hits { indices[Int(row)] = -1 }
        return value.gather(indices)
    }
}
