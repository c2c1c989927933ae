import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

/// Every function gives the same values whether its column argument is plain, dictionary-encoded or
/// constant, with NULLs among the rows.
@Suite struct StorageInvarianceTests {
    struct Sample {
        let function: ScalarFunction
        let type: DataType
        let values: [Value]
        let extra: [(Value, DataType)]
        let columnPosition: Int
    }

    static var samples: [Sample] {
        let strings: [Value] = [.v("Hello, World"), .null, .v("héllo"), .v(""), .v("Hello, World"), .v("a,b,c")]
        let doubles: [Value] = [.d(1.5), .null, .d(-2.25), .d(0), .d(1.5), .d(1e10)]
        let longs: [Value] = [.i(3), .null, .i(-7), .i(0), .i(3), .i(1_000_000)]
        let stamps: [Value] = [.timestamp(1_704_164_645_500_000), .null, .timestamp(-1), .timestamp(0), .timestamp(1_704_164_645_500_000), .timestamp(951_782_400_000_000)]
        func s(_ function: ScalarFunction, _ type: DataType, _ values: [Value], _ extra: (Value, DataType)..., at position: Int = 0) -> Sample {
            Sample(function: function, type: type, values: values, extra: extra, columnPosition: position)
        }
        return [
            s(.length, .varchar, strings), s(.lower, .varchar, strings), s(.upper, .varchar, strings),
            s(.reverse, .varchar, strings), s(.trim, .varchar, strings), s(.substr, .varchar, strings, (.i(2), .bigint), (.i(3), .bigint)),
            s(.replace, .varchar, strings, (.v("l"), .varchar), (.v("L"), .varchar)),
            s(.splitPart, .varchar, strings, (.v(","), .varchar), (.i(2), .bigint)),
            s(.strpos, .varchar, strings, (.v("l"), .varchar)), s(.lpad, .varchar, strings, (.i(8), .bigint), (.v("*"), .varchar)),
            s(.concat, .varchar, strings, (.v("!"), .varchar)), s(.startsWith, .varchar, strings, (.v("He"), .varchar)),
            s(.regexpLike, .varchar, strings, (.v("l+o"), .varchar)), s(.regexpExtract, .varchar, strings, (.v("[a-z]+"), .varchar)),
            s(.regexpReplace, .varchar, strings, (.v("[aeiou]"), .varchar), (.v("_"), .varchar)),
            s(.regexpCount, .varchar, strings, (.v("l"), .varchar)),
            s(.levenshteinDistance, .varchar, strings, (.v("hello"), .varchar)), s(.translate, .varchar, strings, (.v("lo"), .varchar), (.v("01"), .varchar)),
            s(.jsonExtractScalar, .varchar, strings, (.v("$.a"), .varchar)),
            s(.abs, .double, doubles), s(.round, .double, doubles, (.i(1), .bigint)), s(.sqrt, .double, doubles), s(.sign, .double, doubles),
            s(.ceil, .double, doubles), s(.power, .double, doubles, (.d(2), .double)), s(.greatest, .double, doubles, (.d(1), .double)),
            s(.abs, .bigint, longs), s(.mod, .bigint, longs, (.i(4), .bigint)), s(.bitwiseAnd, .bigint, longs, (.i(6), .bigint)),
            s(.nullif, .bigint, longs, (.i(3), .bigint)), s(.chr, .bigint, [.i(65), .null, .i(233), .i(66), .i(65), .i(0x1F600)]),
            s(.dateTrunc, .timestamp, stamps, (.v("month"), .varchar), at: 1), s(.year, .timestamp, stamps), s(.week, .timestamp, stamps),
            s(.dayOfWeek, .timestamp, stamps), s(.hour, .timestamp, stamps), s(.toISO8601, .timestamp, stamps),
            s(.dateFormat, .timestamp, stamps, (.v("%Y/%m/%d %H"), .varchar)), s(.formatDatetime, .timestamp, stamps, (.v("yyyy-MM"), .varchar)),
            s(.dateAdd, .timestamp, stamps, (.v("month"), .varchar), (.i(1), .bigint), at: 2),
            s(.dateDiff, .timestamp, stamps, (.v("day"), .varchar), (.timestamp(0), .timestamp), at: 2),
            s(.toUnixtime, .timestamp, stamps), s(.lastDayOfMonth, .timestamp, stamps),
        ]
    }

    /// Equal values, NaN counting as equal to NaN.
    static func same(_ a: [Value], _ b: [Value]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            if case .double(let p) = x, case .double(let q) = y, p.isNaN && q.isNaN { return true }
            return x == y
        }
    }

    @Test func everyStorageAgrees() throws {
        for sample in Self.samples {
            var types = sample.extra.map(\.1)
            types.insert(sample.type, at: min(sample.columnPosition, types.count))
            let signature = try sample.function.resolve(types)
            func call(_ column: BoundExpression) -> BoundExpression {
                var arguments = sample.extra.map { BoundExpression.literal($0.0, $0.1) }
                arguments.insert(column, at: min(sample.columnPosition, arguments.count))
                let cast = zip(arguments, signature.parameterTypes).map { $0.type == $1 ? $0 : BoundExpression.cast($0, to: $1, isTry: false) }
                return .call(sample.function, cast, signature.returnType)
            }
            let expression = call(.column(0, sample.type))
            let plain = try Harness.evaluate(expression, [Harness.column(sample.type, sample.values, .plain)])
            let dictionary = try Harness.evaluate(expression, [Harness.column(sample.type, sample.values, .dictionary)])
            #expect(Self.same(plain, dictionary), "\(sample.function) dictionary")
            for (row, value) in sample.values.enumerated() {
                let constant = try Harness.evaluate(expression, [Column.constant(value, sample.type, count: 2)])
                #expect(Self.same(constant, [plain[row], plain[row]]), "\(sample.function) constant row \(row)")
            }
        }
    }
}
