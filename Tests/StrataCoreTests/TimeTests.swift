import Testing
@testable import StrataCore

@Suite struct TimeTests {
    @Test func civilRoundTripsAcrossEras() {
        for days in stride(from: -1_000_000 as Int64, through: 1_000_000, by: 997) {
            let (year, month, day) = Time.civil(days: days)
            #expect(Time.days(year: year, month: month, day: day) == days)
        }
    }

    @Test func knownDates() {
        #expect(Time.days(year: 1970, month: 1, day: 1) == 0)
        #expect(Time.days(year: 2000, month: 3, day: 1) == 11_017)
        #expect(Time.days(year: 1969, month: 12, day: 31) == -1)
        #expect(Time.civil(days: 19_723) == (2024, 1, 1))
    }

    @Test func parsesDates() {
        #expect(TemporalParser.parseDate("2024-02-29") == 19_782)
        #expect(TemporalParser.parseDate("2023-02-29") == nil)
        #expect(TemporalParser.parseDate("2024-13-01") == nil)
        #expect(TemporalParser.parseDate("2024-01-01x") == nil)
        #expect(TemporalParser.parseDate("20240101") == nil)
    }

    @Test func parsesTimestamps() {
        #expect(TemporalParser.parseTimestamp("1970-01-01 00:00:01") == 1_000_000)
        #expect(TemporalParser.parseTimestamp("1970-01-01T00:00:00.5") == 500_000)
        #expect(TemporalParser.parseTimestamp("1970-01-01 01:00:00+01:00") == 0)
        #expect(TemporalParser.parseTimestamp("1970-01-01 00:00:00Z") == 0)
        #expect(TemporalParser.parseTimestamp("1970-01-01") == 0)
        #expect(TemporalParser.parseTimestamp("1969-12-31 23:59:59.999999") == -1)
        #expect(TemporalParser.parseTimestamp("1970-01-01 24:00:00") == nil)
        #expect(TemporalParser.parseTimestamp("1970-01-01 00:00:00.1234567891") == nil)
    }

    @Test func parsesTimes() {
        #expect(TemporalParser.parseTime("12:30") == 45_000_000_000)
        #expect(TemporalParser.parseTime("00:00:00.000001") == 1)
        #expect(TemporalParser.parseTime("25:00") == nil)
    }
}
