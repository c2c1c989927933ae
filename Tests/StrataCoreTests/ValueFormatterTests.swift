import Testing
@testable import StrataCore

@Suite struct ValueFormatterTests {
    @Test func decimalsKeepTheirScale() {
        #expect(ValueFormatter.decimalText(12340, scale: 2) == "123.40")
        #expect(ValueFormatter.decimalText(-5, scale: 3) == "-0.005")
        #expect(ValueFormatter.decimalText(0, scale: 2) == "0.00")
        #expect(ValueFormatter.decimalText(42, scale: 0) == "42")
        let big = Int128("99999999999999999999999999999999999999")!
        #expect(ValueFormatter.decimalText(big, scale: 10) == "9999999999999999999999999999.9999999999")
    }

    @Test func temporalText() {
        #expect(ValueFormatter.dateText(0) == "1970-01-01")
        #expect(ValueFormatter.dateText(-719_528) == "0000-01-01")
        #expect(ValueFormatter.timestampText(1_500_000) == "1970-01-01 00:00:01.500000")
        #expect(ValueFormatter.timestampText(-1) == "1969-12-31 23:59:59.999999")
        #expect(ValueFormatter.timestampText(86_400_000_000) == "1970-01-02 00:00:00")
        #expect(ValueFormatter.timeText(3_723_000_001) == "01:02:03.000001")
    }

    @Test func doublesRoundTripShortest() {
        #expect(ValueFormatter.text(.double(0.1), type: .double) == "0.1")
        #expect(ValueFormatter.text(.double(1), type: .double) == "1.0")
        #expect(ValueFormatter.text(.double(.nan), type: .double) == "nan")
        #expect(ValueFormatter.text(.double(-.infinity), type: .double) == "-inf")
        #expect(ValueFormatter.text(.real(0.1), type: .real) == "0.1")
        #expect(ValueFormatter.text(.null, type: .double) == nil)
    }

    @Test func intervals() {
        #expect(ValueFormatter.intervalText(Interval(months: 14, days: 3, microseconds: 0)) == "1 year 2 months 3 days")
        #expect(ValueFormatter.intervalText(Interval(days: 1, microseconds: 3_600_000_000)) == "1 day 01:00:00")
        #expect(ValueFormatter.intervalText(Interval()) == "00:00:00")
    }

    @Test func csvQuoting() {
        #expect(CSVText.quoted("plain") == "plain")
        #expect(CSVText.quoted("a,b") == "\"a,b\"")
        #expect(CSVText.quoted("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVText.quoted("line\nbreak") == "\"line\nbreak\"")
        #expect(CSVText.quoted(" padded") == "\" padded\"")
    }

    @Test func binary() {
        #expect(ValueFormatter.binaryText([0x41, 0x00, 0xFF]) == "A\\x00\\xFF")
    }
}
