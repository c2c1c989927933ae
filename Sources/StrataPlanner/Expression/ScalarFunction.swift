// The scalar functions of the dialect, a closed set. The binder finds them by name; their signatures
// (argument coercion, return type) and kernels live in extensions beside the evaluator.
import StrataCore

public enum ScalarFunction: String, Hashable, Sendable, CaseIterable {
    // Strings
    case length, lower, upper, substr, trim, ltrim, rtrim, concat, replace, reverse
    case splitPart = "split_part"
    case strpos
    case startsWith = "starts_with"
    case endsWith = "ends_with"
    case lpad, rpad
    case regexpLike = "regexp_like"
    case regexpExtract = "regexp_extract"
    case regexpReplace = "regexp_replace"
    case regexpCount = "regexp_count"
    case regexpPosition = "regexp_position"
    case concatWs = "concat_ws"
    case chr, codepoint, translate
    case levenshteinDistance = "levenshtein_distance"
    case hammingDistance = "hamming_distance"
    case toUTF8 = "to_utf8"
    case fromUTF8 = "from_utf8"

    // JSON text in VARCHAR (there is no JSON type; results are VARCHAR)
    case jsonExtract = "json_extract"
    case jsonExtractScalar = "json_extract_scalar"
    case jsonArrayLength = "json_array_length"

    // Numbers
    case abs, round, ceil, floor, truncate, power, sqrt, cbrt, exp, ln, log2, log10, log, mod, sign
    case greatest, least, pi, random
    case isNaN = "is_nan"
    case isFinite = "is_finite"
    case isInfinite = "is_infinite"
    case sin, cos, tan, asin, acos, atan, atan2, sinh, cosh, tanh, degrees, radians, e, infinity, nan
    case widthBucket = "width_bucket"
    case bitwiseAnd = "bitwise_and"
    case bitwiseOr = "bitwise_or"
    case bitwiseXor = "bitwise_xor"
    case bitwiseNot = "bitwise_not"

    // Dates and times
    case currentDate = "current_date"
    case currentTimestamp = "current_timestamp"
    case dateTrunc = "date_trunc"
    case dateAdd = "date_add"
    case dateDiff = "date_diff"
    case year, quarter, month, week, day, hour, minute, second, millisecond
    case dayOfWeek = "day_of_week"
    case dayOfYear = "day_of_year"
    case dateFormat = "date_format"
    case dateParse = "date_parse"
    case fromUnixtime = "from_unixtime"
    case toUnixtime = "to_unixtime"
    case fromISO8601Timestamp = "from_iso8601_timestamp"
    case fromISO8601Date = "from_iso8601_date"
    case toISO8601 = "to_iso8601"
    case lastDayOfMonth = "last_day_of_month"
    case yearOfWeek = "year_of_week"
    case formatDatetime = "format_datetime"
    case parseDatetime = "parse_datetime"
    case toMilliseconds = "to_milliseconds"

    // Conditionals that are ordinary functions (CASE, coalesce and try are expression forms)
    case nullif

    /// The function called `name` in SQL (case-insensitive), including the dialect's other spellings.
    public static func named(_ name: String) -> ScalarFunction? {
        let lowered = name.lowercased()
        if let function = ScalarFunction(rawValue: lowered) { return function }
        switch lowered {
        case "substring": return .substr
        case "ceiling": return .ceil
        case "pow": return .power
        case "position": return .strpos
        case "char_length", "character_length": return .length
        case "now": return .currentTimestamp
        case "dow": return .dayOfWeek
        case "doy": return .dayOfYear
        case "day_of_month": return .day
        case "week_of_year": return .week
        case "rand": return .random
        case "yow": return .yearOfWeek
        default: return nil
        }
    }

    /// Whether two calls with the same arguments always give the same result (pruning and constant
    /// folding rely on it).
    public var isDeterministic: Bool { self != .random }
}
