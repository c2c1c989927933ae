import StrataCore
import StrataPlanner
import Testing
@testable import StrataExecution

@Suite struct DateTimeFunctionTests {
    func day(_ text: String) -> Value { .date(TemporalParser.parseDate(text)!) }
    func ts(_ text: String) -> Value { .timestamp(TemporalParser.parseTimestamp(text)!) }

    func call(_ function: ScalarFunction, _ arguments: (Value, DataType)...) throws -> Value {
        try Harness.call(function, arguments)
    }

    @Test func currentDateAndTimestamp() throws {
        #expect(try call(.currentTimestamp) == .timestamp(Harness.context.statementTimestamp))
        #expect(try call(.currentDate) == day("2023-11-14"))
    }

    @Test func truncation() throws {
        let t = ts("2024-05-15 13:45:30.123456")
        #expect(try call(.dateTrunc, (.v("second"), .varchar), (t, .timestamp)) == ts("2024-05-15 13:45:30"))
        #expect(try call(.dateTrunc, (.v("millisecond"), .varchar), (t, .timestamp)) == ts("2024-05-15 13:45:30.123"))
        #expect(try call(.dateTrunc, (.v("minute"), .varchar), (t, .timestamp)) == ts("2024-05-15 13:45"))
        #expect(try call(.dateTrunc, (.v("HOUR"), .varchar), (t, .timestamp)) == ts("2024-05-15 13:00"))
        #expect(try call(.dateTrunc, (.v("day"), .varchar), (t, .timestamp)) == ts("2024-05-15"))
        #expect(try call(.dateTrunc, (.v("week"), .varchar), (t, .timestamp)) == ts("2024-05-13"))
        #expect(try call(.dateTrunc, (.v("month"), .varchar), (t, .timestamp)) == ts("2024-05-01"))
        #expect(try call(.dateTrunc, (.v("quarter"), .varchar), (t, .timestamp)) == ts("2024-04-01"))
        #expect(try call(.dateTrunc, (.v("year"), .varchar), (t, .timestamp)) == ts("2024-01-01"))
        #expect(try call(.dateTrunc, (.v("week"), .varchar), (day("2024-01-07"), .date)) == day("2024-01-01"))
        #expect(try call(.dateTrunc, (.v("hour"), .varchar), (ts("1969-12-31 23:30"), .timestamp)) == ts("1969-12-31 23:00"))
        #expect(throws: ExecutionError.self) { try call(.dateTrunc, (.v("hour"), .varchar), (day("2024-01-07"), .date)) }
        #expect(throws: ExecutionError.self) { try call(.dateTrunc, (.v("fortnight"), .varchar), (t, .timestamp)) }
    }

    @Test func addition() throws {
        #expect(try call(.dateAdd, (.v("month"), .varchar), (.i(1), .integer), (day("2024-01-31"), .date)) == day("2024-02-29"))
        #expect(try call(.dateAdd, (.v("year"), .varchar), (.i(-1), .integer), (day("2024-02-29"), .date)) == day("2023-02-28"))
        #expect(try call(.dateAdd, (.v("week"), .varchar), (.i(2), .integer), (day("2024-01-01"), .date)) == day("2024-01-15"))
        #expect(try call(.dateAdd, (.v("quarter"), .varchar), (.i(1), .integer), (ts("2024-11-30 10:00"), .timestamp)) == ts("2025-02-28 10:00"))
        #expect(try call(.dateAdd, (.v("hour"), .varchar), (.i(25), .integer), (ts("2024-01-01 00:00"), .timestamp)) == ts("2024-01-02 01:00"))
        #expect(try call(.dateAdd, (.v("hour"), .varchar), (.i(3), .integer), (.time(22 * 3_600_000_000), .time)) == .time(3_600_000_000))
        #expect(throws: ExecutionError.self) { try call(.dateAdd, (.v("hour"), .varchar), (.i(1), .integer), (day("2024-01-01"), .date)) }
    }

    @Test func differences() throws {
        func diff(_ unit: String, _ a: Value, _ b: Value, _ type: DataType = .timestamp) throws -> Value {
            try call(.dateDiff, (.v(unit), .varchar), (a, type), (b, type))
        }
        #expect(try diff("day", day("2024-01-01"), day("2024-03-01"), .date) == .i(60))
        #expect(try diff("week", day("2024-01-01"), day("2024-01-14"), .date) == .i(1))
        #expect(try diff("month", day("2024-01-31"), day("2024-02-29"), .date) == .i(1))
        #expect(try diff("month", day("2024-01-30"), day("2024-02-28"), .date) == .i(0))
        #expect(try diff("month", day("2024-03-31"), day("2024-02-29"), .date) == .i(-1))
        #expect(try diff("month", day("2024-03-15"), day("2024-01-16"), .date) == .i(-1))
        #expect(try diff("quarter", day("2024-01-01"), day("2024-12-31"), .date) == .i(3))
        #expect(try diff("year", day("2020-02-29"), day("2021-02-28"), .date) == .i(1))
        #expect(try diff("year", day("2021-03-01"), day("2024-02-29"), .date) == .i(2))
        #expect(try diff("hour", ts("2024-01-01 10:30"), ts("2024-01-01 12:29"))  == .i(1))
        #expect(try diff("hour", ts("2024-01-01 12:29"), ts("2024-01-01 10:30"))  == .i(-1))
        #expect(try diff("second", ts("2024-01-01 00:00:00.9"), ts("2024-01-01 00:00:02"))  == .i(1))
        #expect(try diff("month", ts("2024-01-15 10:00"), ts("2024-02-15 09:00")) == .i(0))
    }

    @Test func fields() throws {
        let t = ts("2024-12-30 13:45:30.123456")
        func field(_ function: ScalarFunction, _ value: Value = .null, _ type: DataType = .timestamp) throws -> Value {
            try call(function, (value.isNull ? t : value, type))
        }
        #expect(try field(.year) == .i(2024))
        #expect(try field(.quarter) == .i(4))
        #expect(try field(.month) == .i(12))
        #expect(try field(.day) == .i(30))
        #expect(try field(.hour) == .i(13))
        #expect(try field(.minute) == .i(45))
        #expect(try field(.second) == .i(30))
        #expect(try field(.millisecond) == .i(123))
        #expect(try field(.dayOfWeek) == .i(1))
        #expect(try field(.dayOfYear) == .i(365))
        #expect(try field(.week) == .i(1))  // ISO week 1 of 2025
        #expect(try field(.week, day("2021-01-03"), .date) == .i(53))
        #expect(try field(.week, day("2024-06-15"), .date) == .i(24))
        #expect(try field(.dayOfWeek, day("2024-06-16"), .date) == .i(7))
        #expect(try field(.hour, ts("1969-12-31 23:59:59"), .timestamp) == .i(23))
        #expect(try field(.lastDayOfMonth, day("2024-02-10"), .date) == day("2024-02-29"))
    }

    @Test func formatting() throws {
        let t = ts("2024-03-05 14:07:09.012345")
        func format(_ pattern: String) throws -> Value {
            try call(.dateFormat, (t, .timestamp), (.v(pattern), .varchar))
        }
        #expect(try format("%Y-%m-%d %H:%i:%s") == .v("2024-03-05 14:07:09"))
        #expect(try format("%a %b %e %l %p %W %M %c %y %j %f %k %T %r %%") == .v("Tue Mar 5 2 PM Tuesday March 3 24 065 012345 14 14:07:09 02:07:09 PM %"))
        #expect(try format("%v %x") == .v("10 2024"))
        #expect(throws: ExecutionError.self) { try format("%D") }
        #expect(try call(.toISO8601, (t, .timestamp)) == .v("2024-03-05T14:07:09.012345"))
        #expect(try call(.toISO8601, (day("2024-03-05"), .date)) == .v("2024-03-05"))
    }

    @Test func parsing() throws {
        func parse(_ text: String, _ pattern: String) throws -> Value {
            try call(.dateParse, (.v(text), .varchar), (.v(pattern), .varchar))
        }
        #expect(try parse("2024-03-05 14:07:09", "%Y-%m-%d %H:%i:%s") == ts("2024-03-05 14:07:09"))
        #expect(try parse("05/03/24 2:07 PM", "%d/%m/%y %l:%i %p") == ts("2024-03-05 14:07"))
        #expect(try parse("March 5, 2024", "%M %e, %Y") == ts("2024-03-05"))
        #expect(try parse("2024.065", "%Y.%j") == ts("2024-03-05"))
        #expect(try parse("12:00:00 AM", "%r") == ts("1970-01-01 00:00"))
        #expect(try parse("12:30:00 PM", "%r") == ts("1970-01-01 12:30"))
        #expect(try parse("2024-03-05 14:07:09.25", "%Y-%m-%d %T.%f") == ts("2024-03-05 14:07:09.25"))
        #expect(throws: ExecutionError.self) { try parse("2024-02-30", "%Y-%m-%d") }
        #expect(throws: ExecutionError.self) { try parse("2024-03-05x", "%Y-%m-%d") }
        #expect(try Harness.evaluate(.tryExpression(.call(.dateParse, [.literal(.v("nope"), .varchar), .literal(.v("%Y"), .varchar)], .timestamp)), [], count: 1) == [.null])
    }

    @Test func jodaPatterns() throws {
        let t = ts("2024-03-05 14:07:09.012345")
        func format(_ pattern: String) throws -> Value {
            try call(.formatDatetime, (t, .timestamp), (.v(pattern), .varchar))
        }
        #expect(try format("yyyy-MM-dd HH:mm:ss.SSS") == .v("2024-03-05 14:07:09.012"))
        #expect(try format("yy/M/d h:mm a EEE EEEE MMM MMMM D") == .v("24/3/5 2:07 PM Tue Tuesday Mar March 65"))
        #expect(try format("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ") == .v("2024-03-05T14:07:09.012345+0000"))
        #expect(try format("'It''s' k K w e") == .v("It's 14 2 10 2"))
        #expect(throws: ExecutionError.self) { try format("yyyy-qq") }
        func parse(_ text: String, _ pattern: String) throws -> Value {
            try call(.parseDatetime, (.v(text), .varchar), (.v(pattern), .varchar))
        }
        #expect(try parse("2024-03-05 14:07:09", "yyyy-MM-dd HH:mm:ss") == ts("2024-03-05 14:07:09"))
        #expect(try parse("20240305", "yyyyMMdd") == ts("2024-03-05"))
        #expect(try parse("5 March 24 2:07 pm", "d MMMM yy h:mm a") == ts("2024-03-05 14:07"))
        #expect(try parse("2024-03-05T14:07:09.5+01:00", "yyyy-MM-dd'T'HH:mm:ss.SSSZ") == ts("2024-03-05 13:07:09.5"))
        #expect(throws: ExecutionError.self) { try parse("2024-13-05", "yyyy-MM-dd") }
        #expect(throws: ExecutionError.self) { try parse("2024-03-05 x", "yyyy-MM-dd") }
        #expect(try call(.yearOfWeek, (day("2021-01-03"), .date)) == .i(2020))
        #expect(try call(.toMilliseconds, (.interval(Interval(days: 1, microseconds: 1_500)), .interval)) == .i(86_400_001))
    }

    @Test func unixAndISO() throws {
        #expect(try call(.fromUnixtime, (.d(1_700_000_000.5), .double)) == .timestamp(1_700_000_000_500_000))
        #expect(try call(.toUnixtime, (.timestamp(1_700_000_000_500_000), .timestamp)) == .d(1_700_000_000.5))
        #expect(try call(.fromISO8601Timestamp, (.v("2024-03-05T14:07:09.5+01:00"), .varchar)) == ts("2024-03-05 13:07:09.5"))
        #expect(try call(.fromISO8601Timestamp, (.v("2024-03-05"), .varchar)) == ts("2024-03-05"))
        #expect(try call(.fromISO8601Timestamp, (.v("2024-03"), .varchar)) == ts("2024-03-01"))
        #expect(try call(.fromISO8601Timestamp, (.v("2024-03-05T14"), .varchar)) == ts("2024-03-05 14:00"))
        #expect(try call(.fromISO8601Date, (.v("2024-03-05"), .varchar)) == day("2024-03-05"))
        #expect(throws: ExecutionError.self) { try call(.fromISO8601Date, (.v("2024/03/05"), .varchar)) }
    }

    @Test func intervalArithmetic() throws {
        func arithmetic(_ op: ArithmeticOperator, _ a: (Value, DataType), _ b: (Value, DataType)) throws -> Value {
            let types = try op.resolve(a.1, b.1)
            return try Harness.evaluate(.arithmetic(op, .literal(a.0, a.1), .literal(b.0, b.1), types.result), [], count: 1)[0]
        }
        let month = Value.interval(Interval(months: 1))
        let day = Value.interval(Interval(days: 1))
        let hours = Value.interval(Interval(microseconds: 36 * 3_600_000_000))
        #expect(try arithmetic(.add, (self.day("2024-01-31"), .date), (month, .interval)) == self.day("2024-02-29"))
        #expect(try arithmetic(.subtract, (self.day("2024-03-01"), .date), (day, .interval)) == self.day("2024-02-29"))
        #expect(throws: ExecutionError.self) { try arithmetic(.add, (self.day("2024-03-01"), .date), (hours, .interval)) }
        #expect(try arithmetic(.add, (ts("2024-03-01 00:00"), .timestamp), (hours, .interval)) == ts("2024-03-02 12:00"))
        #expect(try arithmetic(.add, (month, .interval), (ts("2024-01-31 10:00"), .timestamp)) == ts("2024-02-29 10:00"))
        #expect(try arithmetic(.subtract, (ts("2024-03-02 12:00"), .timestamp), (ts("2024-03-01 00:00"), .timestamp))
                == .interval(Interval(days: 1, microseconds: 12 * 3_600_000_000)))
        #expect(try arithmetic(.multiply, (day, .interval), (.i(3), .integer)) == .interval(Interval(days: 3)))
        #expect(try arithmetic(.add, (day, .interval), (hours, .interval)) == .interval(Interval(days: 1, microseconds: 36 * 3_600_000_000)))
        let compare = BoundExpression.comparison(.equal, .literal(day, .interval), .literal(.interval(Interval(microseconds: 86_400_000_000)), .interval))
        #expect(try Harness.evaluate(compare, [], count: 1) == [.b(true)])
    }

    @Test func decimalArithmetic() throws {
        func arithmetic(_ op: ArithmeticOperator, _ a: Int128, _ ta: DataType, _ b: Int128, _ tb: DataType) throws -> Value {
            let types = try op.resolve(ta, tb)
            return try Harness.evaluate(.arithmetic(op, .literal(.decimal(a), ta), .literal(.decimal(b), tb), types.result), [], count: 1)[0]
        }
        let d52 = DataType.decimal(precision: 5, scale: 2)
        let d31 = DataType.decimal(precision: 3, scale: 1)
        #expect(try arithmetic(.add, 12345, d52, 15, d31) == .decimal(12495))  // 123.45 + 1.5 = 124.95
        #expect(try arithmetic(.subtract, 12345, d52, 15, d31) == .decimal(12195))
        #expect(try arithmetic(.multiply, 12345, d52, 15, d31) == .decimal(185175))  // 185.175
        #expect(try arithmetic(.divide, 100, d52, 30, d31) == .decimal(33))  // 1.00 / 3.0 = 0.33
        #expect(try arithmetic(.divide, 200, d52, 30, d31) == .decimal(67))  // 0.666… → 0.67
        #expect(try arithmetic(.divide, -200, d52, 30, d31) == .decimal(-67))
        #expect(try arithmetic(.modulo, 12345, d52, 15, d31) == .decimal(45))  // 123.45 % 1.5 = 0.45
        #expect(throws: ExecutionError.self) { try arithmetic(.divide, 1, d52, 0, d31) }
        let d380 = DataType.decimal(precision: 38, scale: 0)
        let big = DecimalMath.powerOfTen(38) - 1
        #expect(throws: ExecutionError.self) { try arithmetic(.add, big, d380, 1, d380) }
        // A quotient needing more than 128 bits in the middle.
        let d3810 = DataType.decimal(precision: 38, scale: 10)
        #expect(try arithmetic(.divide, DecimalMath.powerOfTen(30), d3810, DecimalMath.powerOfTen(10), d3810) == .decimal(DecimalMath.powerOfTen(30)))
    }
}
