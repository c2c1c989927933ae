// Function results checked against DuckDB on the same literal inputs, for the functions whose DuckDB
// semantics match Trino's.
//
// Where DuckDB deliberately differs from Trino no comparison is made:
// - `concat` skips NULLs in DuckDB (Trino: NULL), so `||` is compared instead;
// - `split_part` past the last part is '' in DuckDB (Trino: NULL);
// - `regexp_extract` without a match is '' in DuckDB (Trino: NULL); replacement strings use `\1` in
//   DuckDB and `$1` in Trino;
// - `greatest`/`least` ignore NULLs in DuckDB (Trino: NULL);
// - `date_diff` in DuckDB counts boundaries crossed (Trino: whole units, which is DuckDB's `date_sub`);
// - `dayofweek` is Sunday = 0 in DuckDB (Trino's is ISO, DuckDB's `isodow`);
// - `millisecond` includes the seconds in DuckDB;
// - `cbrt(27)` is 3.0000000000000004 in DuckDB (Trino, with Java's Math.cbrt: 3.0);
// - `levenshtein` counts bytes in DuckDB (Trino: characters), so only ASCII pairs are compared;
// - a negative substr start beyond the length gives '' in Trino, the whole string in DuckDB;
// - CAST of '1.5' to INTEGER rounds in DuckDB (Trino: error); DOUBLE to VARCHAR is Java-style in Trino.
import Foundation
import StrataCore
import StrataPlanner
import StrataTestSupport
import Testing
@testable import StrataExecution

@Suite struct DuckDBDifferentialTests {
    struct Case {
        let sql: String
        let expression: BoundExpression
    }

    static func call(_ function: ScalarFunction, _ arguments: [(Value, DataType)]) -> BoundExpression {
        let signature = try! function.resolve(arguments.map(\.1))
        let bound = zip(arguments, signature.parameterTypes).map { argument, parameter -> BoundExpression in
            let literal = BoundExpression.literal(argument.0, argument.1)
            return argument.1 == parameter ? literal : .cast(literal, to: parameter, isTry: false)
        }
        return .call(function, bound, signature.returnType)
    }

    static func v(_ text: String) -> (Value, DataType) { (.varchar(text), .varchar) }
    static func i(_ value: Int64) -> (Value, DataType) { (.integer(value), .bigint) }
    static func d(_ value: Double) -> (Value, DataType) { (.double(value), .double) }
    static func date(_ text: String) -> (Value, DataType) { (.date(TemporalParser.parseDate(text)!), .date) }
    static func ts(_ text: String) -> (Value, DataType) { (.timestamp(TemporalParser.parseTimestamp(text)!), .timestamp) }

    static var cases: [Case] {
        var cases: [Case] = []
        func add(_ sql: String, _ function: ScalarFunction, _ arguments: (Value, DataType)...) {
            cases.append(Case(sql: sql, expression: call(function, arguments)))
        }
        let words = ["", "a", "hello", "héllo wörld", "日本語テキスト", "  padded  ", "MiXeD Case", "a,b,,c"]
        for word in words {
            let quoted = "'" + word + "'"
            add("length(\(quoted))", .length, v(word))
            add("lower(\(quoted))", .lower, v(word))
            add("upper(\(quoted))", .upper, v(word))
            add("reverse(\(quoted))", .reverse, v(word))
            add("trim(\(quoted))", .trim, v(word))
            add("ltrim(\(quoted))", .ltrim, v(word))
            add("rtrim(\(quoted))", .rtrim, v(word))
            for start: Int64 in [-4, -1, 1, 2, 5, 20] where -start <= Int64(word.count) {
                add("substring(\(quoted), \(start))", .substr, v(word), i(start))
                for length: Int64 in [0, 1, 3, 100] {
                    add("substring(\(quoted), \(start), \(length))", .substr, v(word), i(start), i(length))
                }
            }
            for needle in ["l", "wö", "", "z", ","] {
                add("strpos(\(quoted), '\(needle)')", .strpos, v(word), v(needle))
                add("starts_with(\(quoted), '\(needle)')", .startsWith, v(word), v(needle))
                add("ends_with(\(quoted), '\(needle)')", .endsWith, v(word), v(needle))
                if !needle.isEmpty {
                    add("replace(\(quoted), '\(needle)', '<>')", .replace, v(word), v(needle), v("<>"))
                }
            }
            for size: Int64 in [0, 3, 12] {
                add("lpad(\(quoted), \(size), 'xy')", .lpad, v(word), i(size), v("xy"))
                add("rpad(\(quoted), \(size), 'é')", .rpad, v(word), i(size), v("é"))
            }
            add("\(quoted) || '|' || \(quoted)", .concat, v(word), v("|"), v(word))
            for pattern in ["l+", "^h", "[a-z]+$", "\\\\d", "(?i)mixed", "\\\\s", ".", "b,,", "ö"] {
                let sqlPattern = pattern.replacingOccurrences(of: "\\\\", with: "\\")
                let ourPattern = sqlPattern
                add("regexp_matches(\(quoted), '\(sqlPattern)')", .regexpLike, v(word), v(ourPattern))
                add("regexp_replace(\(quoted), '\(sqlPattern)', '#', 'g')", .regexpReplace, v(word), v(ourPattern), v("#"))
            }
        }
        for (a, b) in [("kitten", "sitting"), ("", "abc"), ("héllo", "hello"), ("same", "same"), ("日本", "日本語")] {
            if a.utf8.count == a.count && b.utf8.count == b.count {
                add("levenshtein('\(a)', '\(b)')", .levenshteinDistance, v(a), v(b))
            }
            add("concat_ws('-', '\(a)', NULL, '\(b)')", .concatWs, v("-"), v(a), (.null, .unknown), v(b))
            add("translate('\(a)', 'ehl', 'EH')", .translate, v(a), v("ehl"), v("EH"))
        }
        add("hamming('karolin', 'kathrin')", .hammingDistance, v("karolin"), v("kathrin"))
        for code: Int64 in [65, 233, 0x65E5, 0x1F600] { add("chr(\(code))", .chr, i(code)) }
        for path in ["$.a", "$.b.c", "$.d[1]", "$.e", "$.missing"] {
            let json = #"{"a": "x\"y", "b": {"c": 42}, "d": [true, 2.5], "e": "é"}"#
            add("json_extract_string('\(json)', '\(path)')", .jsonExtractScalar, v(json), v(path))
        }
        for x in [0.5, -1.0, 2.0] {
            add("sin(\(x)::double)", .sin, d(x))
            add("cos(\(x)::double)", .cos, d(x))
            add("tan(\(x)::double)", .tan, d(x))
            add("atan(\(x)::double)", .atan, d(x))
            add("atan2(\(x)::double, 0.5::double)", .atan2, d(x), d(0.5))
            add("degrees(\(x)::double)", .degrees, d(x))
            add("radians(\(x)::double)", .radians, d(x))
            if abs(x) <= 1 {
                add("asin(\(x)::double)", .asin, d(x))
                add("acos(\(x)::double)", .acos, d(x))
            }
        }
        for (a, b) in [(12, 10), (-5, 3), (0, -1)] as [(Int64, Int64)] {
            add("(\(a)::bigint & \(b)::bigint)", .bitwiseAnd, i(a), i(b))
            add("(\(a)::bigint | \(b)::bigint)", .bitwiseOr, i(a), i(b))
            add("xor(\(a)::bigint, \(b)::bigint)", .bitwiseXor, i(a), i(b))
            add("(~((\(a))::bigint))", .bitwiseNot, i(a))
        }
        add("split_part('a,b,,c', ',', 1)", .splitPart, v("a,b,,c"), v(","), i(1))
        add("split_part('a,b,,c', ',', 3)", .splitPart, v("a,b,,c"), v(","), i(3))
        add("split_part('a,b,,c', ',', 4)", .splitPart, v("a,b,,c"), v(","), i(4))
        add("regexp_extract('order 42 of 17', '(\\d+) of (\\d+)', 2)", .regexpExtract, v("order 42 of 17"), v("(\\d+) of (\\d+)"), i(2))
        add("regexp_extract('aaa bbb', 'b+')", .regexpExtract, v("aaa bbb"), v("b+"))

        for x in [-2.5, -1.0, 0.0, 0.5, 1.5, 2.5, 3.7, 1e10, 123.456] {
            add("abs(\(x)::double)", .abs, d(x))
            add("sign(\(x)::double)", .sign, d(x))
            add("ceil(\(x)::double)", .ceil, d(x))
            add("floor(\(x)::double)", .floor, d(x))
            add("round(\(x)::double)", .round, d(x))
            add("round(\(x)::double, 1)", .round, d(x), i(1))
            add("trunc(\(x)::double)", .truncate, d(x))
            add("exp(\(x)::double)", .exp, d(x))
            add("power(\(x)::double, 3)", .power, d(x), d(3))
            add("isnan(\(x)::double)", .isNaN, d(x))
            if x > 0 {
                add("sqrt(\(x)::double)", .sqrt, d(x))
                add("ln(\(x)::double)", .ln, d(x))
                add("log2(\(x)::double)", .log2, d(x))
                add("log10(\(x)::double)", .log10, d(x))
            }
        }
        for (a, b) in [(7, 3), (-7, 3), (7, -3), (0, 5)] as [(Int64, Int64)] {
            add("\(a) % \(b)", .mod, i(a), i(b))
            add("greatest(\(a), \(b))", .greatest, i(a), i(b))
            add("least(\(a), \(b))", .least, i(a), i(b))
            add("abs(\(a)::bigint)", .abs, i(a))
        }

        let stamps = ["2024-02-29 13:45:30.123456", "1969-12-31 23:59:59", "2021-01-03 00:00:00", "2000-12-31 12:00:00", "2023-06-15 08:05:09.5"]
        for stamp in stamps {
            let literal = "TIMESTAMP '\(stamp)'"
            for unit in ["second", "minute", "hour", "day", "week", "month", "quarter", "year"] {
                add("date_trunc('\(unit)', \(literal))", .dateTrunc, v(unit), ts(stamp))
            }
            add("year(\(literal))", .year, ts(stamp))
            add("quarter(\(literal))", .quarter, ts(stamp))
            add("month(\(literal))", .month, ts(stamp))
            add("week(\(literal))", .week, ts(stamp))
            add("day(\(literal))", .day, ts(stamp))
            add("isodow(\(literal))", .dayOfWeek, ts(stamp))
            add("dayofyear(\(literal))", .dayOfYear, ts(stamp))
            add("hour(\(literal))", .hour, ts(stamp))
            add("minute(\(literal))", .minute, ts(stamp))
            add("second(\(literal))", .second, ts(stamp))
            add("last_day(\(literal))", .lastDayOfMonth, ts(stamp))
            add("epoch(\(literal))", .toUnixtime, ts(stamp))
            add("strftime(\(literal), '%Y-%m-%d %H:%M:%S %j %a %b')", .dateFormat, ts(stamp), v("%Y-%m-%d %H:%i:%s %j %a %b"))
            add("strftime(\(literal), '%Y/%m/%d %I:%M %p %A %B')", .formatDatetime, ts(stamp), v("yyyy/MM/dd hh:mm a EEEE MMMM"))
            for amount: Int64 in [-13, -1, 1, 14] {
                for unit in ["month", "year", "day", "hour", "minute"] {
                    add("\(literal) + INTERVAL (\(amount)) \(unit)", .dateAdd, v(unit), i(amount), ts(stamp))
                }
            }
            for other in stamps {
                for unit in ["second", "minute", "hour", "day", "week", "month", "quarter", "year"] {
                    add("date_sub('\(unit)', \(literal), TIMESTAMP '\(other)')", .dateDiff, v(unit), ts(stamp), ts(other))
                }
            }
        }
        let dates = ["2024-01-31", "2024-02-29", "2023-03-31", "1999-12-31", "2020-02-29"]
        for first in dates {
            for second in dates {
                for unit in ["day", "week", "month", "quarter", "year"] {
                    add("date_sub('\(unit)', DATE '\(first)', DATE '\(second)')", .dateDiff, v(unit), date(first), date(second))
                }
            }
            for amount: Int64 in [1, -1, 12, 13] {
                add("CAST(DATE '\(first)' + INTERVAL (\(amount)) month AS DATE)", .dateAdd, v("month"), i(amount), date(first))
            }
        }
        for (text, pattern) in [("hello", "he%"), ("hello", "%LO"), ("hello", "%l_o"), ("héllo", "h_llo"), ("a%b", "a!%b"),
                                ("abcabc", "%bc%bc"), ("", "%"), ("", "_"), ("x_y", "x!_y"), ("xay", "x!_y"), ("aaa", "a%a%a%a")] {
            cases.append(Case(
                sql: "'\(text)' LIKE '\(pattern)' ESCAPE '!'",
                expression: .like(.literal(.varchar(text), .varchar), pattern: .literal(.varchar(pattern), .varchar),
                                  escape: .literal(.varchar("!"), .varchar), negated: false)))
        }
        let decimal = { (p: Int, s: Int) in DataType.decimal(precision: p, scale: s) }
        for (unscaled, from, to) in [(12345, decimal(10, 2), decimal(10, 1)), (-12345, decimal(10, 2), decimal(10, 1)),
                                     (12355, decimal(10, 3), decimal(5, 1)), (5, decimal(3, 1), decimal(3, 0)),
                                     (-5, decimal(3, 1), decimal(3, 0))] as [(Int128, DataType, DataType)] {
            let text = ValueFormatter.decimalText(unscaled, scale: { if case .decimal(_, let s) = from { return s } else { return 0 } }())
            cases.append(Case(
                sql: "CAST(CAST('\(text)' AS \(from.sqlName)) AS \(to.sqlName))",
                expression: .cast(.literal(.decimal(unscaled), from), to: to, isTry: false)))
            cases.append(Case(
                sql: "CAST(CAST('\(text)' AS \(from.sqlName)) AS BIGINT)",
                expression: .cast(.literal(.decimal(unscaled), from), to: .bigint, isTry: false)))
        }
        for text in ["1.005", "-0.125", " 42.5 ", "1e2", "123456.789"] {
            cases.append(Case(
                sql: "CAST('\(text)' AS DECIMAL(12,2))",
                expression: .cast(.literal(.varchar(text), .varchar), to: decimal(12, 2), isTry: false)))
            cases.append(Case(
                sql: "CAST('\(text)' AS DOUBLE)",
                expression: .cast(.literal(.varchar(text), .varchar), to: .double, isTry: false)))
        }
        for number in [0.125, -2.675, 1e-7, 99.995] {
            cases.append(Case(
                sql: "CAST(\(number)::DOUBLE AS DECIMAL(12,2))",
                expression: .cast(.literal(.double(number), .double), to: decimal(12, 2), isTry: false)))
        }
        return cases
    }

    /// Our result as the text the Python side prints.
    static func text(_ value: Value, _ type: DataType) -> String {
        switch value {
        case .null: return "NULL"
        case .double(let number): return "double:\(number)"
        default: return ValueFormatter.text(value, type: type) ?? "NULL"
        }
    }

    @Test func functionsAgreeWithDuckDB() throws {
        let cases = Self.cases
        let script = """
            import duckdb, json, sys, datetime
            con = duckdb.connect()
            out = []
            for sql in json.loads(sys.stdin.read()):
                value = con.execute("SELECT " + sql).fetchone()[0]
                if value is None: out.append("NULL")
                elif isinstance(value, bool): out.append("true" if value else "false")
                elif isinstance(value, float): out.append("double:" + repr(value))
                elif isinstance(value, datetime.datetime): out.append(str(value.replace(tzinfo=None)))
                elif isinstance(value, datetime.date): out.append(value.isoformat())
                else: out.append(str(value))
            print(json.dumps(out))
            """
        let input = String(decoding: try JSONEncoder().encode(cases.map(\.sql)), as: UTF8.self)
        let output = try Subprocess.run("/usr/bin/env", ["python3", "-c", script], input: input)
        let expected = try JSONDecoder().decode([String].self, from: Data(output.utf8))
        #expect(expected.count == cases.count)
        var mismatches: [String] = []
        for (index, entry) in cases.enumerated() {
            let ours = Self.text(try Harness.evaluate(entry.expression, [], count: 1)[0], entry.expression.type)
            let theirs = expected[index]
            if ours == theirs { continue }
            if ours.hasPrefix("double:") && theirs.hasPrefix("double:"),
                let a = Double(ours.dropFirst(7)), let b = Double(theirs.dropFirst(7)),
                abs(a - b) <= 1e-12 * max(1, abs(a), abs(b))
            {
                continue
            }
            // DuckDB prints whole doubles as "3.0"; our epoch/BIGINT forms compare as numbers.
            if let a = Double(ours.replacingOccurrences(of: "double:", with: "")),
                let b = Double(theirs.replacingOccurrences(of: "double:", with: "")), a == b
            {
                continue
            }
            mismatches.append("\(entry.sql): ours \(ours), DuckDB \(theirs)")
        }
        #expect(mismatches.isEmpty, Comment(rawValue: "\(mismatches.count) of \(cases.count) differ:\n" + mismatches.prefix(40).joined(separator: "\n")))
    }
}
