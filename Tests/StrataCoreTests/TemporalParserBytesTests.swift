// The byte entry points of TemporalParser, fixed-shape fast paths included, agree with the formatter.
import Testing
@testable import StrataCore

@Suite struct TemporalParserBytesTests {
    @Test func fastPathsRoundTripTheFormatter() {
        var state: UInt64 = 0x1234_5678
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Years 0001 to 9999, any microsecond.
            let micros = Int64(bitPattern: state >> 1) % (253_402_300_800_000_000 + 62_135_596_800_000_000)
                - 62_135_596_800_000_000 + 1
            let text = ValueFormatter.text(.timestamp(micros), type: .timestamp)!
            var bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { TemporalParser.parseTimestamp($0) } == micros, "\(text)")
            bytes[10] = UInt8(ascii: "T")
            #expect(bytes.withUnsafeBytes { TemporalParser.parseTimestamp($0) } == micros, "\(text)")
            let days = Int32(Time.split(microseconds: micros).days)
            let dateText = ValueFormatter.text(.date(days), type: .date)!
            #expect(TemporalParser.parseDate(dateText) == days, "\(dateText)")
        }
    }

    @Test func fastPathsRejectWhatTheGrammarRejects() {
        for text in ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-00", "2024-01-1x"] {
            #expect(TemporalParser.parseDate(text) == nil, "\(text)")
        }
        for text in ["2024-01-01 24:00:00", "2024-01-01 10:60:00", "2024-01-01 10:00:60", "2024-01-01 10:00:00.",
                     "2024-01-01 10:00:00.1234567890", "2024-01-01x10:00:00"] {
            #expect(TemporalParser.parseTimestamp(text) == nil, "\(text)")
        }
        #expect(TemporalParser.parseTimestamp("2024-01-01 10:00:00.5") == TemporalParser.parseTimestamp("2024-01-01T10:00:00.500000"))
        #expect(TemporalParser.parseTimestamp("2024-01-01 10:00:00.123456789") == TemporalParser.parseTimestamp("2024-01-01 10:00:00.123456"))
        #expect(TemporalParser.parseTimestamp("2024-01-01 10:00:00+01:00") == TemporalParser.parseTimestamp("2024-01-01 09:00:00"))
    }
}
