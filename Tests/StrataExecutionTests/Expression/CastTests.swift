import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct CastTests {
    func cast(_ value: Value, _ from: DataType, _ to: DataType, isTry: Bool = false) throws -> Value {
        try Harness.evaluate(.cast(.literal(value, from), to: to, isTry: isTry), [], count: 1)[0]
    }

    func castError(_ value: Value, _ from: DataType, _ to: DataType) -> ExecutionError? {
        do {
            _ = try cast(value, from, to)
            return nil
        } catch let error as ExecutionError {
            return error
        } catch {
            return nil
        }
    }

    let dec = { (p: Int, s: Int) in DataType.decimal(precision: p, scale: s) }

    @Test func integers() throws {
        #expect(try cast(.i(300), .integer, .smallint) == .i(300))
        #expect(castError(.i(300), .integer, .tinyint)?.message == "Out of range for tinyint: 300")
        #expect(try cast(.i(300), .integer, .tinyint, isTry: true) == .null)
        #expect(try cast(.d(2.5), .double, .integer) == .i(3))
        #expect(try cast(.d(-2.5), .double, .integer) == .i(-3))
        #expect(try cast(.d(1e20), .double, .bigint, isTry: true) == .null)
        #expect(castError(.d(.nan), .double, .integer)?.code == .invalidCast)
        #expect(try cast(.i(7), .bigint, .double) == .d(7))
        #expect(try cast(.b(true), .boolean, .integer) == .i(1))
        #expect(try cast(.i(0), .integer, .boolean) == .b(false))
        #expect(try cast(.d(0.5), .double, .boolean) == .b(true))
    }

    @Test func decimals() throws {
        #expect(try cast(.decimal(12345), dec(10, 2), dec(10, 1)) == .decimal(1235))
        #expect(try cast(.decimal(-12345), dec(10, 2), dec(10, 1)) == .decimal(-1235))
        #expect(try cast(.decimal(12345), dec(10, 2), dec(12, 4)) == .decimal(1_234_500))
        #expect(castError(.decimal(12345), dec(10, 2), dec(3, 1))?.message == "Cannot cast DECIMAL(10,2) '123.45' to DECIMAL(3,1)")
        #expect(try cast(.decimal(12350), dec(10, 2), .integer) == .i(124))
        #expect(try cast(.decimal(-12350), dec(10, 2), .bigint) == .i(-124))
        #expect(try cast(.decimal(12345), dec(10, 2), .double) == .d(123.45))
        #expect(try cast(.i(42), .integer, dec(5, 2)) == .decimal(4200))
        #expect(castError(.i(1000), .integer, dec(5, 2)) != nil)
        #expect(try cast(.d(0.125), .double, dec(5, 2)) == .decimal(13))
        #expect(try cast(.d(1.005), .double, dec(5, 2)) == .decimal(101))  // Trino rounds the text "1.005"
        #expect(try cast(.d(-2.5), .double, dec(5, 0)) == .decimal(-3))
        #expect(try cast(.d(1e30), .double, dec(38, 0)) == .decimal(DecimalMath.powerOfTen(30)))
        #expect(try cast(.d(.infinity), .double, dec(38, 0), isTry: true) == .null)
        let big = Int128(10).multipliedReportingOverflow(by: DecimalMath.powerOfTen(36)).partialValue + 7
        #expect(try cast(.decimal(big), dec(38, 0), .double) == .d(1e37))
    }

    @Test func fromVarchar() throws {
        #expect(try cast(.v(" 42 "), .varchar, .integer) == .i(42))
        #expect(try cast(.v("-9223372036854775808"), .varchar, .bigint) == .i(.min))
        #expect(castError(.v("9223372036854775808"), .varchar, .bigint)?.message == "Cannot cast '9223372036854775808' to BIGINT")
        #expect(castError(.v("1.5"), .varchar, .integer) != nil)
        #expect(try cast(.v("1.5"), .varchar, .integer, isTry: true) == .null)
        #expect(try cast(.v("1e3"), .varchar, .double) == .d(1000))
        #expect(try cast(.v(" -0.25 "), .varchar, .double) == .d(-0.25))
        if case .double(let nan) = try cast(.v("NaN"), .varchar, .double) { #expect(nan.isNaN) } else { Issue.record("NaN") }
        #expect(try cast(.v("Infinity"), .varchar, .double) == .d(.infinity))
        #expect(castError(.v("inf"), .varchar, .double) != nil)
        #expect(castError(.v("abc"), .varchar, .double) != nil)
        #expect(try cast(.v("123.456"), .varchar, dec(5, 2)) == .decimal(12346))
        #expect(try cast(.v("-0.005"), .varchar, dec(5, 2)) == .decimal(-1))
        #expect(try cast(.v("1.5e2"), .varchar, dec(5, 0)) == .decimal(150))
        #expect(try cast(.v("000123"), .varchar, dec(3, 0)) == .decimal(123))
        #expect(castError(.v("1234"), .varchar, dec(5, 2)) != nil)
        #expect(try cast(.v("TRUE"), .varchar, .boolean) == .b(true))
        #expect(try cast(.v("f"), .varchar, .boolean) == .b(false))
        #expect(try cast(.v("0"), .varchar, .boolean) == .b(false))
        #expect(castError(.v("yes"), .varchar, .boolean)?.message == "Cannot cast 'yes' to BOOLEAN")
        #expect(try cast(.v("2024-02-29"), .varchar, .date) == .date(19782))
        #expect(castError(.v("2023-02-29"), .varchar, .date) != nil)
        #expect(try cast(.v("2024-01-02 03:04:05.5"), .varchar, .timestamp) == .timestamp(1_704_164_645_500_000))
        #expect(try cast(.v("2024-01-02T03:04:05"), .varchar, .timestamp) == .timestamp(1_704_164_645_000_000))
        #expect(try cast(.v("2024-01-02"), .varchar, .timestamp) == .timestamp(1_704_153_600_000_000))
        #expect(try cast(.v("2024-01-02 03:04"), .varchar, .timestamp) == .timestamp(1_704_164_640_000_000))
        #expect(try cast(.v("12:30:00"), .varchar, .time) == .time(45_000_000_000))
        #expect(try cast(.v("hé"), .varchar, .varbinary) == .varbinary(Array("hé".utf8)))
    }

    @Test func toVarchar() throws {
        #expect(try cast(.i(-42), .bigint, .varchar) == .v("-42"))
        #expect(try cast(.i(.min), .bigint, .varchar) == .v("-9223372036854775808"))
        #expect(try cast(.d(1.5), .double, .varchar) == .v("1.5"))
        #expect(try cast(.d(1), .double, .varchar) == .v("1.0"))
        #expect(try cast(.d(1e7), .double, .varchar) == .v("1.0E7"))
        #expect(try cast(.d(1.25e-5), .double, .varchar) == .v("1.25E-5"))
        #expect(try cast(.d(0.001), .double, .varchar) == .v("0.001"))
        #expect(try cast(.d(123456.789), .double, .varchar) == .v("123456.789"))
        #expect(try cast(.d(-.infinity), .double, .varchar) == .v("-Infinity"))
        #expect(try cast(.d(.nan), .double, .varchar) == .v("NaN"))
        #expect(try cast(.real(0.1), .real, .varchar) == .v("0.1"))
        #expect(try cast(.decimal(-5), dec(5, 2), .varchar) == .v("-0.05"))
        #expect(try cast(.b(true), .boolean, .varchar) == .v("true"))
        #expect(try cast(.date(19782), .date, .varchar) == .v("2024-02-29"))
        #expect(try cast(.timestamp(1_704_164_645_500_000), .timestamp, .varchar) == .v("2024-01-02 03:04:05.500000"))
        #expect(try cast(.varbinary([0x68, 0x69]), .varbinary, .varchar) == .v("hi"))
        #expect(castError(.varbinary([0xFF]), .varbinary, .varchar)?.code == .invalidCast)
    }

    @Test func temporal() throws {
        #expect(try cast(.date(1), .date, .timestamp) == .timestamp(86_400_000_000))
        #expect(try cast(.timestamp(-1), .timestamp, .date) == .date(-1))
        #expect(try cast(.timestamp(86_400_000_001), .timestamp, .time) == .time(1))
        #expect(castError(.date(1), .date, .integer)?.code == .invalidCast)
    }

    @Test func everyStorageAndNulls() throws {
        let values: [Value] = [.v("1"), .null, .v("x"), .v("1"), .v("22")]
        let expression = BoundExpression.cast(.column(0, .varchar), to: .integer, isTry: true)
        for storage in [Storage.plain, .dictionary] {
            let result = try Harness.evaluate(expression, [Harness.column(.varchar, values, storage)])
            #expect(result == [.i(1), .null, .null, .i(1), .i(22)], "\(storage)")
        }
        // A dictionary entry that fails but that no row uses is no error.
        let dictionary = Column.build(.varchar, [.v("bad"), .v("7")])
        let column = Column(type: .varchar, count: 2, validity: nil, storage: .dictionary(indices: Buffer([Int32(1), 1]), dictionary: dictionary))
        #expect(try Harness.evaluate(.cast(.column(0, .varchar), to: .integer, isTry: false), [column]) == [.i(7), .i(7)])
        let constant = Column.constant(.v("5"), .varchar, count: 3)
        let result = try ExpressionEvaluator(context: Harness.context).evaluate(.cast(.column(0, .varchar), to: .bigint, isTry: false), on: Batch(columns: [constant], count: 3))
        #expect(result.isConstant)
        #expect(result.values == [.i(5), .i(5), .i(5)])
    }

    /// Every cast the planner allows runs (on a NULL and on a sample value), and the others fail cleanly.
    @Test func plannerCastRulesMatchTheEvaluator() throws {
        let samples: [DataType: Value] = [
            .boolean: .b(true), .tinyint: .i(1), .smallint: .i(1), .integer: .i(1), .bigint: .i(1), .real: .real(1),
            .double: .d(1), .decimal(precision: 10, scale: 2): .decimal(100), .varchar: .v("1"), .varbinary: .varbinary([0x31]),
            .date: .date(1), .time: .time(1), .timestamp: .timestamp(1), .interval: .interval(Interval(days: 1)), .unknown: .null,
        ]
        for (from, value) in samples {
            for to in samples.keys {
                let expression = BoundExpression.cast(.literal(value, from), to: to, isTry: true)
                if TypeCoercion.canCast(from: from, to: to) {
                    #expect(throws: Never.self, "\(from) → \(to)") { try Harness.evaluate(expression, [], count: 1) }
                    #expect(throws: Never.self, "\(from) → \(to)") {
                        try Harness.evaluate(.cast(.literal(.null, from), to: to, isTry: false), [], count: 1)
                    }
                } else {
                    #expect(throws: ExecutionError.self, "\(from) → \(to)") { try Harness.evaluate(expression, [], count: 1) }
                }
            }
        }
    }
}
