// ISO 8601 text of dates and timestamps, for to_iso8601 and the from_iso8601 functions.
import StrataCore

/// ISO 8601 text of dates and timestamps.
enum ISO8601 {
    /// `YYYY-MM-DDTHH:MM:SS.ffffff` (the instant in UTC, microsecond precision).
    static func text(_ microseconds: Int64) -> String {
        let (days, time) = Time.split(microseconds: microseconds)
        let seconds = time / Time.microsecondsPerSecond
        let fraction = String(time % Time.microsecondsPerSecond)
        func twoDigits(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return ValueFormatter.dateText(Int32(truncatingIfNeeded: days)) + "T" + twoDigits(seconds / 3600) + ":"
            + twoDigits(seconds / 60 % 60) + ":" + twoDigits(seconds % 60) + "."
            + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// A date, or a date and time with an optional zone offset; `YYYY` and `YYYY-MM` mean the first day.
    static func parseTimestamp(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let text = String(decoding: raw, as: UTF8.self)
        if let days = partialDate(text) { return days * Time.microsecondsPerDay }
        if text.utf8.count > 10, text.utf8[text.utf8.index(text.utf8.startIndex, offsetBy: 10)] == UInt8(ascii: " ") {
            return nil
        }
        // The time may stop after the hour (`2020-01-01T10`).
        if let t = text.firstIndex(of: "T"), text[text.index(after: t)...].allSatisfy(\.isNumber),
            text.distance(from: t, to: text.endIndex) == 3
        {
            return TemporalParser.parseTimestamp(text + ":00")
        }
        return TemporalParser.parseTimestamp(text)
    }

    static func parseDate(_ raw: UnsafeBufferPointer<UInt8>) -> Int32? {
        let text = String(decoding: raw, as: UTF8.self)
        if let days = partialDate(text) { return Int32(exactly: days) }
        return TemporalParser.parseDate(text)
    }

    /// `YYYY` or `YYYY-MM`.
    private static func partialDate(_ text: String) -> Int64? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, parts[0].count == 4, let year = Int(parts[0]) else { return nil }
        var month = 1
        if parts.count == 2 {
            guard parts[1].count == 2, let value = Int(parts[1]), (1...12).contains(value) else { return nil }
            month = value
        }
        return Time.days(year: year, month: month, day: 1)
    }
}
