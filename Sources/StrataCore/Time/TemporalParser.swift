// Parsing of the textual forms of DATE, TIME and TIMESTAMP that literals, CSV files and partition folder
// names use: `YYYY-MM-DD`, `HH:MM[:SS[.fffffffff]]`, `YYYY-MM-DD[( |T)HH:MM[:SS[.f…]]][Z|±HH[:MM]]`.
// The byte entry points let text readers parse fields in place, without a String per value.

public enum TemporalParser {
    /// Days since the epoch of an ISO date `YYYY-MM-DD` (also `YYYY-M-D`), or nil if the text is not one.
    public static func parseDate(_ text: some StringProtocol) -> Int32? {
        var text = String(text)
        return text.withUTF8 { parseDate(UnsafeRawBufferPointer($0)) }
    }

    /// Microseconds since midnight of `HH:MM[:SS[.f…]]`, or nil.
    public static func parseTime(_ text: some StringProtocol) -> Int64? {
        var text = String(text)
        return text.withUTF8 { parseTime(UnsafeRawBufferPointer($0)) }
    }

    /// Microseconds since the epoch (UTC) of a timestamp; a date alone is midnight. An offset (`Z`,
    /// `+02:00`) is applied; without one the time is taken as UTC.
    public static func parseTimestamp(_ text: some StringProtocol) -> Int64? {
        var text = String(text)
        return text.withUTF8 { parseTimestamp(UnsafeRawBufferPointer($0)) }
    }

    /// `parseDate` over UTF-8 bytes.
    public static func parseDate(_ bytes: UnsafeRawBufferPointer) -> Int32? {
        if bytes.count == 10, let days = fixedDate(bytes) { return Int32(exactly: days) }
        var scanner = DigitScanner(bytes)
        guard let days = scanner.date(), scanner.atEnd else { return nil }
        return Int32(exactly: days)
    }

    /// `parseTime` over UTF-8 bytes.
    public static func parseTime(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var scanner = DigitScanner(bytes)
        guard let micros = scanner.timeOfDay(), scanner.atEnd else { return nil }
        return micros
    }

    /// `parseTimestamp` over UTF-8 bytes.
    public static func parseTimestamp(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        if let micros = fixedTimestamp(bytes) { return micros }
        var scanner = DigitScanner(bytes)
        guard let days = scanner.date() else { return nil }
        var micros: Int64 = 0
        if !scanner.atEnd {
            guard scanner.consume(UInt8(ascii: " ")) || scanner.consume(UInt8(ascii: "T")) else { return nil }
            while scanner.consume(UInt8(ascii: " ")) {}
            guard let timeOfDay = scanner.timeOfDay() else { return nil }
            micros = timeOfDay
            while scanner.consume(UInt8(ascii: " ")) {}
            if let offset = scanner.zoneOffset() {
                micros -= offset
            }
        }
        guard scanner.atEnd else { return nil }
        let (total, overflow) = days.multipliedReportingOverflow(by: Time.microsecondsPerDay)
        guard !overflow else { return nil }
        return total.addingReportingOverflow(micros).overflow ? nil : total + micros
    }
}

// MARK: Fast paths

extension TemporalParser {
    /// The value of two ASCII digits at `index`, or nil.
    @inline(__always)
    static func twoDigits(_ bytes: UnsafeRawBufferPointer, _ index: Int) -> Int? {
        let high = bytes[index] &- 48
        let low = bytes[index + 1] &- 48
        guard high < 10, low < 10 else { return nil }
        return Int(high) * 10 + Int(low)
    }

    /// Days of the exact shape `YYYY-MM-DD` at the start of `bytes` (at least 10 bytes), the form nearly
    /// every file writes: fixed positions, no scanning. Nil when the shape differs (the scanner decides).
    @inline(__always)
    static func fixedDate(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), let century = twoDigits(bytes, 0),
            let yearInCentury = twoDigits(bytes, 2), let month = twoDigits(bytes, 5), let day = twoDigits(bytes, 8),
            month >= 1, month <= 12, day >= 1
        else { return nil }
        let year = century * 100 + yearInCentury
        guard day <= Time.daysInMonth(year: year, month: month) else { return nil }
        return Time.days(year: year, month: month, day: day)
    }

    /// Microseconds of the exact shape `YYYY-MM-DD(T| )HH:MM:SS[.f{1,9}]` (no zone), or nil.
    static func fixedTimestamp(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        let count = bytes.count
        guard count >= 19, bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), let days = fixedDate(bytes), let hour = twoDigits(bytes, 11),
            let minute = twoDigits(bytes, 14), let second = twoDigits(bytes, 17), hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction: Int64 = 0
        if count > 19 {
            guard bytes[19] == UInt8(ascii: "."), count > 20, count <= 29 else { return nil }
            for index in 20..<count {
                let digit = bytes[index] &- 48
                guard digit < 10 else { return nil }
                if index < 26 { fraction = fraction * 10 + Int64(digit) }
            }
            for _ in min(count, 26)..<26 { fraction *= 10 }
        }
        let seconds = Int64(hour * 3600 + minute * 60 + second)
        return days * Time.microsecondsPerDay + seconds * Time.microsecondsPerSecond + fraction
    }
}

/// A cursor over ASCII bytes for the fixed formats above.
struct DigitScanner {
    let bytes: UnsafeRawBufferPointer
    var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var atEnd: Bool { position == bytes.count }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    /// Reads between `minimum` and `maximum` decimal digits.
    mutating func number(minimum: Int, maximum: Int) -> Int? {
        var value = 0
        var digits = 0
        while position < bytes.count, digits < maximum, bytes[position] >= 48, bytes[position] <= 57 {
            value = value * 10 + Int(bytes[position] - 48)
            position += 1
            digits += 1
        }
        return digits >= minimum ? value : nil
    }

    mutating func date() -> Int64? {
        let negative = consume(UInt8(ascii: "-"))
        guard var year = number(minimum: 4, maximum: 6), consume(UInt8(ascii: "-")),
            let month = number(minimum: 1, maximum: 2), consume(UInt8(ascii: "-")),
            let day = number(minimum: 1, maximum: 2)
        else { return nil }
        if negative { year = -year }
        guard (1...12).contains(month), day >= 1, day <= Time.daysInMonth(year: year, month: month) else {
            return nil
        }
        return Time.days(year: year, month: month, day: day)
    }

    mutating func timeOfDay() -> Int64? {
        guard let hour = number(minimum: 1, maximum: 2), consume(UInt8(ascii: ":")),
            let minute = number(minimum: 2, maximum: 2), hour < 24, minute < 60
        else { return nil }
        var second = 0
        var fraction: Int64 = 0
        if consume(UInt8(ascii: ":")) {
            guard let s = number(minimum: 2, maximum: 2), s < 60 else { return nil }
            second = s
            if consume(UInt8(ascii: ".")) {
                // Up to nanoseconds are accepted; digits past microseconds are truncated.
                var digits = 0
                while position < bytes.count, bytes[position] >= 48, bytes[position] <= 57 {
                    if digits < 6 { fraction = fraction * 10 + Int64(bytes[position] - 48) }
                    digits += 1
                    position += 1
                }
                guard digits >= 1, digits <= 9 else { return nil }
                for _ in min(digits, 6)..<6 { fraction *= 10 }
            }
        }
        return Int64(hour) * Time.microsecondsPerHour + Int64(minute) * Time.microsecondsPerMinute
            + Int64(second) * Time.microsecondsPerSecond + fraction
    }

    /// A zone offset in microseconds: `Z`, `UTC`, `±HH`, `±HHMM`, `±HH:MM`; nil if none is present.
    mutating func zoneOffset() -> Int64? {
        if consume(UInt8(ascii: "Z")) { return 0 }
        if position + 3 <= bytes.count, bytes[position] == UInt8(ascii: "U"),
            bytes[position + 1] == UInt8(ascii: "T"), bytes[position + 2] == UInt8(ascii: "C") {
            position += 3
            return 0
        }
        let sign: Int64
        if consume(UInt8(ascii: "+")) {
            sign = 1
        } else if consume(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(minimum: 2, maximum: 2) else { return nil }
        _ = consume(UInt8(ascii: ":"))
        let minutes = number(minimum: 2, maximum: 2) ?? 0
        return sign * (Int64(hours) * Time.microsecondsPerHour + Int64(minutes) * Time.microsecondsPerMinute)
    }
}
