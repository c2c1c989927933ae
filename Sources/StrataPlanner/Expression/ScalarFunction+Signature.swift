// Overload resolution of the scalar functions: for the argument types of a call, the parameter types the
// binder casts the arguments to and the type of the result, following Trino's signatures.
import StrataCore

extension ScalarFunction {
    /// The signature of a call with arguments of `argumentTypes`, or an error naming what was expected.
    public func resolve(_ argumentTypes: [DataType]) throws(PlanError) -> FunctionSignature {
        guard let signature = match(argumentTypes) else {
            throw Overload.mismatch(rawValue, argumentTypes, expected: expectedSignatures)
        }
        return signature
    }

    /// The overload for `a`, or nil when there is none.
    private func match(_ a: [DataType]) -> FunctionSignature? {
        let n = a.count
        func fits(_ types: [DataType]) -> Bool {
            types.count == n && zip(a, types).allSatisfy { Overload.accepts($0, $1) }
        }
        func fixed(_ types: [DataType], _ result: DataType) -> FunctionSignature? {
            fits(types) ? FunctionSignature(types, result) : nil
        }
        switch self {
        case .length:
            if n == 1 && a[0] == .varbinary { return FunctionSignature([.varbinary], .bigint) }
            return fixed([.varchar], .bigint)
        case .lower, .upper:
            return fixed([.varchar], .varchar)
        case .reverse:
            if n == 1 && a[0] == .varbinary { return FunctionSignature([.varbinary], .varbinary) }
            return fixed([.varchar], .varchar)
        case .substr:
            return fixed([.varchar, .bigint], .varchar) ?? fixed([.varchar, .bigint, .bigint], .varchar)
        case .trim, .ltrim, .rtrim:
            return fixed([.varchar], .varchar) ?? fixed([.varchar, .varchar], .varchar)
        case .concat:
            guard n >= 1 else { return nil }
            if a.allSatisfy({ $0 == .varbinary }) { return FunctionSignature(a, .varbinary) }
            return fixed(Array(repeating: .varchar, count: n), .varchar)
        case .replace:
            return fixed([.varchar, .varchar], .varchar) ?? fixed([.varchar, .varchar, .varchar], .varchar)
        case .splitPart:
            return fixed([.varchar, .varchar, .bigint], .varchar)
        case .strpos:
            return fixed([.varchar, .varchar], .bigint) ?? fixed([.varchar, .varchar, .bigint], .bigint)
        case .startsWith, .endsWith:
            return fixed([.varchar, .varchar], .boolean)
        case .lpad, .rpad:
            return fixed([.varchar, .bigint, .varchar], .varchar) ?? fixed([.varchar, .bigint], .varchar)
        case .regexpLike:
            return fixed([.varchar, .varchar], .boolean)
        case .regexpExtract:
            return fixed([.varchar, .varchar], .varchar) ?? fixed([.varchar, .varchar, .bigint], .varchar)
        case .regexpReplace:
            return fixed([.varchar, .varchar], .varchar) ?? fixed([.varchar, .varchar, .varchar], .varchar)

        case .regexpCount:
            return fixed([.varchar, .varchar], .bigint)
        case .regexpPosition:
            return fixed([.varchar, .varchar], .integer) ?? fixed([.varchar, .varchar, .bigint], .integer)
                ?? fixed([.varchar, .varchar, .bigint, .bigint], .integer)
        case .concatWs:
            guard n >= 2 else { return nil }
            return fixed(Array(repeating: .varchar, count: n), .varchar)
        case .chr:
            return fixed([.bigint], .varchar)
        case .codepoint:
            return fixed([.varchar], .integer)
        case .translate:
            return fixed([.varchar, .varchar, .varchar], .varchar)
        case .levenshteinDistance, .hammingDistance:
            return fixed([.varchar, .varchar], .bigint)
        case .toUTF8:
            return fixed([.varchar], .varbinary)
        case .fromUTF8:
            return fixed([.varbinary], .varchar)
        case .jsonExtract, .jsonExtractScalar:
            return fixed([.varchar, .varchar], .varchar)
        case .jsonArrayLength:
            return fixed([.varchar], .bigint)

        case .abs:
            guard n == 1, let type = Self.numeric(a[0]) else { return nil }
            return FunctionSignature([type], type)
        case .sign:
            guard n == 1, let type = Self.numeric(a[0]) else { return nil }
            if case .decimal = type { return FunctionSignature([type], .decimal(precision: 1, scale: 0)) }
            return FunctionSignature([type], type)
        case .ceil, .floor:
            guard n == 1, let type = Self.numeric(a[0]) else { return nil }
            return FunctionSignature([type], Self.wholeDecimal(type))
        case .round:
            guard n == 1 || n == 2, let type = Self.numeric(a[0]) else { return nil }
            if n == 1 { return FunctionSignature([type], Self.wholeDecimal(type)) }
            guard Overload.accepts(a[1], .bigint) else { return nil }
            if case .decimal(let p, let s) = type {
                return FunctionSignature([type, .bigint], .decimal(precision: min(DataType.maximumDecimalPrecision, p + 1), scale: s))
            }
            return FunctionSignature([type, .bigint], type)
        case .truncate:
            guard n == 1 || n == 2, let type = Self.numeric(a[0]) else { return nil }
            if n == 2 {
                guard Overload.accepts(a[1], .bigint) else { return nil }
                return FunctionSignature([type, .bigint], type)
            }
            if case .decimal(let p, let s) = type {
                return FunctionSignature([type], .decimal(precision: max(1, p - s), scale: 0))
            }
            return FunctionSignature([type], type)
        case .power:
            return fixed([.double, .double], .double)
        case .sqrt, .cbrt, .exp, .ln, .log2, .log10:
            return fixed([.double], .double)
        case .log:
            return fixed([.double, .double], .double)
        case .mod:
            guard n == 2, a.allSatisfy({ $0.isNumeric || $0 == .unknown }),
                let types = try? ArithmeticOperator.modulo.resolve(a[0], a[1])
            else { return nil }
            return FunctionSignature([types.lhs, types.rhs], types.result)
        case .greatest, .least:
            guard n >= 1, let common = TypeCoercion.commonSupertype(a), TypeCoercion.isOrderable(common) else { return nil }
            let type = common == .unknown ? .bigint : common
            return FunctionSignature(Array(repeating: type, count: n), type)
        case .pi:
            return fixed([], .double)
        case .random:
            if n == 0 { return FunctionSignature([], .double) }
            guard n == 1 else { return nil }
            if a[0].isInteger { return FunctionSignature([a[0]], a[0]) }
            return fixed([.bigint], .bigint)
        case .isNaN, .isFinite, .isInfinite:
            return fixed([.double], .boolean)
        case .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .degrees, .radians:
            return fixed([.double], .double)
        case .atan2:
            return fixed([.double, .double], .double)
        case .e, .infinity, .nan:
            return fixed([], .double)
        case .widthBucket:
            return fixed([.double, .double, .double, .bigint], .bigint)
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor:
            return fixed([.bigint, .bigint], .bigint)
        case .bitwiseNot:
            return fixed([.bigint], .bigint)

        case .currentDate:
            return fixed([], .date)
        case .currentTimestamp:
            return fixed([], .timestamp)
        case .dateTrunc:
            guard n == 2, Overload.accepts(a[0], .varchar), let type = Self.temporal(a[1]) else { return nil }
            return FunctionSignature([.varchar, type], type)
        case .dateAdd:
            guard n == 3, Overload.accepts(a[0], .varchar), Overload.accepts(a[1], .bigint),
                let type = Self.temporal(a[2])
            else { return nil }
            return FunctionSignature([.varchar, .bigint, type], type)
        case .dateDiff:
            guard n == 3, Overload.accepts(a[0], .varchar), let common = TypeCoercion.commonSupertype(a[1], a[2]),
                let type = Self.temporal(common)
            else { return nil }
            return FunctionSignature([.varchar, type, type], .bigint)
        case .year, .quarter, .month, .week, .day, .dayOfWeek, .dayOfYear:
            guard n == 1 else { return nil }
            if a[0] == .date || a[0] == .timestamp { return FunctionSignature([a[0]], .bigint) }
            return fixed([.timestamp], .bigint)
        case .hour, .minute, .second, .millisecond:
            guard n == 1 else { return nil }
            if a[0] == .time { return FunctionSignature([.time], .bigint) }
            return fixed([.timestamp], .bigint)
        case .dateFormat:
            return fixed([.timestamp, .varchar], .varchar)
        case .dateParse:
            return fixed([.varchar, .varchar], .timestamp)
        case .fromUnixtime:
            return fixed([.double], .timestamp)
        case .toUnixtime:
            return fixed([.timestamp], .double)
        case .fromISO8601Timestamp:
            return fixed([.varchar], .timestamp)
        case .fromISO8601Date:
            return fixed([.varchar], .date)
        case .toISO8601:
            guard n == 1 else { return nil }
            if a[0] == .date { return FunctionSignature([.date], .varchar) }
            return fixed([.timestamp], .varchar)
        case .lastDayOfMonth:
            guard n == 1 else { return nil }
            if a[0] == .date { return FunctionSignature([.date], .date) }
            return fixed([.timestamp], .date)
        case .yearOfWeek:
            guard n == 1 else { return nil }
            if a[0] == .date { return FunctionSignature([.date], .bigint) }
            return fixed([.timestamp], .bigint)
        case .formatDatetime:
            return fixed([.timestamp, .varchar], .varchar)
        case .parseDatetime:
            return fixed([.varchar, .varchar], .timestamp)
        case .toMilliseconds:
            return fixed([.interval], .bigint)

        case .nullif:
            // The values compare in their common type; the result keeps the first argument's type (Trino).
            guard n == 2, let common = TypeCoercion.commonSupertype(a[0], a[1]) else { return nil }
            let type = common == .unknown ? .bigint : common
            let first = a[0] == .unknown ? type : a[0]
            return FunctionSignature([first, type], first)
        }
    }

    /// A numeric argument's own type (a bare NULL counts as DOUBLE).
    private static func numeric(_ type: DataType) -> DataType? {
        if type == .unknown { return .double }
        return type.isNumeric ? type : nil
    }

    /// A DATE, TIME or TIMESTAMP argument's own type (a bare NULL counts as TIMESTAMP).
    private static func temporal(_ type: DataType) -> DataType? {
        if type == .unknown { return .timestamp }
        return type.isTemporal ? type : nil
    }

    /// The result type of rounding to a whole number: the same type, except that DECIMAL(p,s) becomes
    /// DECIMAL(p - s + min(s, 1), 0) (one more digit when rounding can carry).
    private static func wholeDecimal(_ type: DataType) -> DataType {
        guard case .decimal(let p, let s) = type else { return type }
        return .decimal(precision: min(DataType.maximumDecimalPrecision, max(1, p - s + min(s, 1))), scale: 0)
    }

    /// The accepted forms, for the error message.
    private var expectedSignatures: String {
        let name = rawValue
        switch self {
        case .length: return "length(varchar), length(varbinary)"
        case .lower, .upper: return "\(name)(varchar)"
        case .reverse: return "reverse(varchar), reverse(varbinary)"
        case .substr: return "substr(varchar, bigint), substr(varchar, bigint, bigint)"
        case .trim, .ltrim, .rtrim: return "\(name)(varchar), \(name)(varchar, varchar)"
        case .concat: return "concat(varchar, ...), concat(varbinary, ...)"
        case .replace: return "replace(varchar, varchar), replace(varchar, varchar, varchar)"
        case .splitPart: return "split_part(varchar, varchar, bigint)"
        case .strpos: return "strpos(varchar, varchar), strpos(varchar, varchar, bigint)"
        case .startsWith, .endsWith, .regexpLike: return "\(name)(varchar, varchar)"
        case .lpad, .rpad: return "\(name)(varchar, bigint, varchar)"
        case .regexpExtract: return "regexp_extract(varchar, varchar), regexp_extract(varchar, varchar, bigint)"
        case .regexpReplace: return "regexp_replace(varchar, varchar), regexp_replace(varchar, varchar, varchar)"
        case .abs, .sign, .ceil, .floor: return "\(name)(number)"
        case .round: return "round(number), round(number, bigint)"
        case .truncate: return "truncate(number), truncate(number, bigint)"
        case .power, .log: return "\(name)(double, double)"
        case .sqrt, .cbrt, .exp, .ln, .log2, .log10, .isNaN, .isFinite, .isInfinite: return "\(name)(double)"
        case .mod: return "mod(number, number)"
        case .greatest, .least: return "\(name)(T, ...) for an orderable T"
        case .pi, .currentDate, .currentTimestamp: return "\(name)()"
        case .random: return "random(), random(integer)"
        case .dateTrunc: return "date_trunc(varchar, date|time|timestamp)"
        case .dateAdd: return "date_add(varchar, bigint, date|time|timestamp)"
        case .dateDiff: return "date_diff(varchar, T, T) for T date|time|timestamp"
        case .year, .quarter, .month, .week, .day, .dayOfWeek, .dayOfYear: return "\(name)(date|timestamp)"
        case .hour, .minute, .second, .millisecond: return "\(name)(time|timestamp)"
        case .dateFormat: return "date_format(timestamp, varchar)"
        case .dateParse: return "date_parse(varchar, varchar)"
        case .fromUnixtime: return "from_unixtime(double)"
        case .toUnixtime: return "to_unixtime(timestamp)"
        case .fromISO8601Timestamp, .fromISO8601Date: return "\(name)(varchar)"
        case .toISO8601: return "to_iso8601(date|timestamp)"
        case .lastDayOfMonth: return "last_day_of_month(date|timestamp)"
        case .nullif: return "nullif(T, T)"
        case .regexpCount: return "regexp_count(varchar, varchar)"
        case .regexpPosition: return "regexp_position(varchar, varchar[, bigint[, bigint]])"
        case .concatWs: return "concat_ws(varchar, varchar, ...)"
        case .chr: return "chr(bigint)"
        case .codepoint: return "codepoint(varchar)"
        case .translate: return "translate(varchar, varchar, varchar)"
        case .levenshteinDistance, .hammingDistance: return "\(name)(varchar, varchar)"
        case .toUTF8: return "to_utf8(varchar)"
        case .fromUTF8: return "from_utf8(varbinary)"
        case .jsonExtract, .jsonExtractScalar: return "\(name)(varchar, varchar)"
        case .jsonArrayLength: return "json_array_length(varchar)"
        case .sin, .cos, .tan, .asin, .acos, .atan, .sinh, .cosh, .tanh, .degrees, .radians: return "\(name)(double)"
        case .atan2: return "atan2(double, double)"
        case .e, .infinity, .nan: return "\(name)()"
        case .widthBucket: return "width_bucket(double, double, double, bigint)"
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor: return "\(name)(bigint, bigint)"
        case .bitwiseNot: return "bitwise_not(bigint)"
        case .yearOfWeek: return "year_of_week(date|timestamp)"
        case .formatDatetime: return "format_datetime(timestamp, varchar)"
        case .parseDatetime: return "parse_datetime(varchar, varchar)"
        case .toMilliseconds: return "to_milliseconds(interval)"
        }
    }
}
