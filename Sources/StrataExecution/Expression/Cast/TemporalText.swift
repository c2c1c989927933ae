// Dates, times and timestamps from UTF-8 text in column buffers. The usual shapes (`YYYY-MM-DD`,
// `YYYY-MM-DD HH:MM:SS[.ffffff]`) are parsed in place; anything else goes through Core's `TemporalParser`.
import StrataCore

enum TemporalText {
    static func parseDate(_ raw: UnsafeBufferPointer<UInt8>) -> Int32? {
        let text = NumberText.trimmed(raw)
        if text.count == 10, let days = fixedDate(text) { return Int32(days) }
        return TemporalParser.parseDate(String(decoding: text, as: UTF8.self))
    }

    static func parseTimestamp(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let text = NumberText.trimmed(raw)
        if text.count >= 19, text[10] == UInt8(ascii: " ") || text[10] == UInt8(ascii: "T"),
            let days = fixedDate(UnsafeBufferPointer(rebasing: text[0..<10])),
            let time = fixedTime(UnsafeBufferPointer(rebasing: text[11...]))
        {
            return days * Time.microsecondsPerDay + time
        }
        if text.count == 10, let days = fixedDate(text) { return days * Time.microsecondsPerDay }
        return TemporalParser.parseTimestamp(String(decoding: text, as: UTF8.self))
    }

    static func parseTime(_ raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        let text = NumberText.trimmed(raw)
        if let time = fixedTime(text) { return time }
        return TemporalParser.parseTime(String(decoding: text, as: UTF8.self))
    }

    @inline(__always)
    private static func digits(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ count: Int) -> Int? {
        var value = 0
        for index in start..<(start + count) {
            let digit = text[index] &- 48
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// Days of exactly `YYYY-MM-DD`.
    private static func fixedDate(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard text.count == 10, text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"),
            let year = digits(text, 0, 4), let month = digits(text, 5, 2), let day = digits(text, 8, 2),
            (1...12).contains(month), day >= 1, day <= Time.daysInMonth(year: year, month: month)
        else { return nil }
        return Time.days(year: year, month: month, day: day)
    }

    /// Microseconds of exactly `HH:MM:SS` or `HH:MM:SS.f…` (up to 9 fraction digits, beyond 6 truncated).
    private static func fixedTime(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        guard text.count >= 8, text[2] == UInt8(ascii: ":"), text[5] == UInt8(ascii: ":"),
            let hour = digits(text, 0, 2), let minute = digits(text, 3, 2), let second = digits(text, 6, 2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction: Int64 = 0
        if text.count > 8 {
            let fractionDigits = text.count - 9
            guard text[8] == UInt8(ascii: "."), fractionDigits >= 1, fractionDigits <= 9,
                let value = digits(text, 9, fractionDigits)
            else { return nil }
            fraction = Int64(value)
            if fractionDigits > 6 {
                for _ in 6..<fractionDigits { fraction /= 10 }
            } else {
                for _ in fractionDigits..<6 { fraction *= 10 }
            }
        }
        return Int64(hour) * Time.microsecondsPerHour + Int64(minute) * Time.microsecondsPerMinute
            + Int64(second) * Time.microsecondsPerSecond + fraction
    }
}
