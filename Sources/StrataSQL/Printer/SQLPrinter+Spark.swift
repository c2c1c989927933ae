// Trino functions under Spark's names, for models moved to Spark (and Hive). Most functions are spelled
// alike (sum, coalesce, date_trunc, substr, ...) and print as written; these differ in name, argument
// order or counting, and are rewritten to what gives the same result on Spark.

extension SQLPrinter {
    /// Same arguments, another name.
    static let sparkNames: [String: String] = [
        "approx_distinct": "approx_count_distinct", "arbitrary": "any_value", "cardinality": "size", "strpos": "instr",
        "day_of_year": "dayofyear", "doy": "dayofyear", "week_of_year": "weekofyear", "week": "weekofyear",
        "day_of_month": "dayofmonth", "json_extract_scalar": "get_json_object", "regexp_like": "rlike",
        "codepoint": "ascii", "last_day_of_month": "last_day", "starts_with": "startswith", "ends_with": "endswith",
        // Trino's contains is the array one; Spark's contains is on strings.
        "contains": "array_contains", "to_hex": "hex", "from_hex": "unhex",
    ]

    /// Trino functions Spark has under the same name with another meaning, or not at all: a model using
    /// one is refused for Spark rather than printed to give other results there.
    public static let sparkUntranslatable: [String: String] = [
        "date_format": "Trino takes MySQL-style patterns (%Y-%m-%d), Spark Java-style ones (yyyy-MM-dd)",
        "format_datetime": "Spark has no such function (date_format takes Java-style patterns)",
        "date_parse": "Trino takes MySQL-style patterns, Spark's to_timestamp Java-style ones",
        "from_unixtime": "Spark's returns a string, Trino's a timestamp",
        "to_unixtime": "Spark's unix_timestamp returns whole seconds, Trino's to_unixtime a double",
        "split": "Spark splits on a regular expression, Trino on a literal string",
        "json_extract": "Trino's returns JSON, Spark's get_json_object a string",
        "map_agg": "Spark has no such aggregate",
        "histogram": "Spark has no such aggregate",
        "url_extract_host": "Spark's parse_url takes the part as an argument",
        "from_iso8601_timestamp": "Spark's to_timestamp parses another set of formats",
    ]

    func sparkFunctionText(_ call: FunctionCall, _ indent: Int) -> String {
        let name = call.name.parts.map { $0.value.lowercased() }.joined(separator: ".")
        let arguments = call.arguments
        func argument(_ index: Int) -> String { expressionText(arguments[index], indent) }
        /// The unit of `date_add('day', ...)`, when it is a string literal.
        func unit() -> String? {
            guard let first = arguments.first, case .literal(.string(let text)) = first.kind else { return nil }
            return text.lowercased()
        }
        switch name {
        case "day_of_week" where arguments.count == 1, "dow" where arguments.count == 1:
            // Trino counts from Monday = 1; Spark's dayofweek from Sunday = 1, its weekday from Monday = 0.
            return "(weekday(" + argument(0) + ") + 1)"
        case "date_add" where arguments.count == 3 && call.window == nil:
            guard let unit = unit() else { break }
            if unit == "day" { return "date_add(" + argument(2) + ", " + argument(1) + ")" }
            return "timestampadd(" + unit.uppercased() + ", " + argument(1) + ", " + argument(2) + ")"
        case "regexp_extract" where arguments.count == 2:
            // Trino's default group is the whole match; Spark's is the first group.
            return "regexp_extract(" + argument(0) + ", " + argument(1) + ", 0)"
        case "date_diff" where arguments.count == 3 && call.window == nil:
            guard let unit = unit() else { break }
            if unit == "day" { return "datediff(" + argument(2) + ", " + argument(1) + ")" }
            return "timestampdiff(" + unit.uppercased() + ", " + argument(1) + ", " + argument(2) + ")"
        default:
            break
        }
        guard let renamed = Self.sparkNames[name] else { return plainFunctionText(call, indent) }
        var call = call
        call.name = QualifiedName([Identifier(renamed)])
        return plainFunctionText(call, indent)
    }
}
