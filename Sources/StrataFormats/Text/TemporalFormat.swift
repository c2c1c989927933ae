// strptime-style formats for dates and timestamps that are not ISO (`%d/%m/%Y %H:%M`), as DuckDB's
// `dateformat` and `timestampformat` options take them, parsed straight from a field's bytes.
import StrataCore

public struct TemporalFormat: Sendable, Hashable, CustomStringConvertible {
    /// The format as written.
    public let pattern: String
    private let tokens: [Token]

    enum Token: Sendable, Hashable {
        case literal(UInt8)
        /// Any run of spaces (also none), as strptime treats whitespace in a format.
        case whitespace
        case year4, year2, month, monthAbbreviation, monthName, day, dayOfYear
        case hour24, hour12, minute, second
        /// `%f`: fractional seconds, 1 to 9 digits (past microseconds truncated).
        case fraction
        /// `%g`: milliseconds, 1 to 3 digits.
        case milliseconds
        case amPm, zoneOffset, zoneName, weekdayAbbreviation, weekdayName
    }

    /// Parses a format: `%Y %y %m %d %j %H %I %M %S %f %g %p %z %Z %b %h %B %a %A %%`, with `%-d` style
    /// flags accepted; other characters match themselves.
    public init(_ pattern: String) throws(TextFormatError) {
        self.pattern = pattern
        var tokens: [Token] = []
        let bytes = Array(pattern.utf8)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x20 || byte == 0x09 {
                if tokens.last != .whitespace { tokens.append(.whitespace) }
                index += 1
                continue
            }
            guard byte == UInt8(ascii: "%") else {
                tokens.append(.literal(byte))
                index += 1
                continue
            }
            index += 1
            if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count else {
                throw TextFormatError(.invalidOption, "format '\(pattern)' ends with a lone '%'")
            }
            let specifier = bytes[index]
            index += 1
            switch specifier {
            case UInt8(ascii: "Y"): tokens.append(.year4)
            case UInt8(ascii: "y"): tokens.append(.year2)
            case UInt8(ascii: "m"): tokens.append(.month)
            case UInt8(ascii: "d"), UInt8(ascii: "e"): tokens.append(.day)
            case UInt8(ascii: "j"): tokens.append(.dayOfYear)
            case UInt8(ascii: "H"): tokens.append(.hour24)
            case UInt8(ascii: "I"): tokens.append(.hour12)
            case UInt8(ascii: "M"): tokens.append(.minute)
            case UInt8(ascii: "S"): tokens.append(.second)
            case UInt8(ascii: "f"), UInt8(ascii: "n"): tokens.append(.fraction)
            case UInt8(ascii: "g"): tokens.append(.milliseconds)
            case UInt8(ascii: "p"): tokens.append(.amPm)
            case UInt8(ascii: "z"): tokens.append(.zoneOffset)
            case UInt8(ascii: "Z"): tokens.append(.zoneName)
            case UInt8(ascii: "b"), UInt8(ascii: "h"): tokens.append(.monthAbbreviation)
            case UInt8(ascii: "B"): tokens.append(.monthName)
            case UInt8(ascii: "a"): tokens.append(.weekdayAbbreviation)
            case UInt8(ascii: "A"): tokens.append(.weekdayName)
            case UInt8(ascii: "%"): tokens.append(.literal(UInt8(ascii: "%")))
            default:
                throw TextFormatError(
                    .invalidOption,
                    "format '\(pattern)' uses '%\(Character(Unicode.Scalar(specifier)))', which Strata does not support")
            }
        }
        self.tokens = tokens
    }

    public var description: String { pattern }

    /// Days since the epoch of a date in this format (time fields, if any, are checked and dropped).
    public func parseDate(_ text: UnsafeRawBufferPointer) -> Int32? {
        guard let (days, _) = parse(text) else { return nil }
        return Int32(exactly: days)
    }

    /// Microseconds since the epoch (UTC) of a timestamp in this format; a `%z` offset is applied.
    public func parseTimestamp(_ text: UnsafeRawBufferPointer) -> Int64? {
        guard let (days, micros) = parse(text) else { return nil }
        let (total, overflow) = days.multipliedReportingOverflow(by: Time.microsecondsPerDay)
        guard !overflow else { return nil }
        let (result, overflow2) = total.addingReportingOverflow(micros)
        return overflow2 ? nil : result
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ].map { Array($0.utf8) }
    private static let weekdayNames = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    ].map { Array($0.utf8) }

    /// Days since the epoch and microseconds into the day (less any zone offset).
    private func parse(_ text: UnsafeRawBufferPointer) -> (Int64, Int64)? {
        var scanner = Scanner(text: text)
        var year = 1970
        var month = 1
        var day = 1
        var dayOfYear: Int? = nil
        var hour = 0
        var twelveHour = false
        var pm: Bool? = nil
        var minute = 0
        var second = 0
        var micros: Int64 = 0
        var offset: Int64 = 0
        for token in tokens {
            switch token {
            case .literal(let byte):
                guard scanner.consume(byte) else { return nil }
            case .whitespace:
                scanner.skipSpaces()
            case .year4:
                guard let value = scanner.number(minimum: 4, maximum: 4) else { return nil }
                year = value
            case .year2:
                guard let value = scanner.number(minimum: 2, maximum: 2) else { return nil }
                // POSIX: 69–99 are the 1900s, 00–68 the 2000s.
                year = value >= 69 ? 1900 + value : 2000 + value
            case .month:
                guard let value = scanner.number(minimum: 1, maximum: 2), (1...12).contains(value) else { return nil }
                month = value
            case .monthAbbreviation:
                guard let index = scanner.name(Self.monthNames, abbreviated: true) else { return nil }
                month = index + 1
            case .monthName:
                guard let index = scanner.name(Self.monthNames, abbreviated: false) else { return nil }
                month = index + 1
            case .day:
                guard let value = scanner.number(minimum: 1, maximum: 2), value >= 1 else { return nil }
                day = value
            case .dayOfYear:
                guard let value = scanner.number(minimum: 1, maximum: 3), (1...366).contains(value) else { return nil }
                dayOfYear = value
            case .hour24:
                guard let value = scanner.number(minimum: 1, maximum: 2), value < 24 else { return nil }
                hour = value
            case .hour12:
                guard let value = scanner.number(minimum: 1, maximum: 2), (1...12).contains(value) else { return nil }
                hour = value
                twelveHour = true
            case .minute:
                guard let value = scanner.number(minimum: 1, maximum: 2), value < 60 else { return nil }
                minute = value
            case .second:
                guard let value = scanner.number(minimum: 1, maximum: 2), value < 60 else { return nil }
                second = value
            case .fraction:
                guard let value = scanner.fraction(maximumDigits: 9) else { return nil }
                micros = value
            case .milliseconds:
                guard let value = scanner.number(minimum: 1, maximum: 3) else { return nil }
                micros = Int64(value) * 1000
            case .amPm:
                guard let value = scanner.amPm() else { return nil }
                pm = value
            case .zoneOffset:
                guard let value = scanner.zoneOffset() else { return nil }
                offset = value
            case .zoneName:
                guard scanner.zoneName() else { return nil }
            case .weekdayAbbreviation:
                guard scanner.name(Self.weekdayNames, abbreviated: true) != nil else { return nil }
            case .weekdayName:
                guard scanner.name(Self.weekdayNames, abbreviated: false) != nil else { return nil }
            }
        }
        guard scanner.atEnd else { return nil }
        if twelveHour || pm != nil {
            guard let pm else { return nil }
            hour = hour % 12 + (pm ? 12 : 0)
        }
        let days: Int64
        if let dayOfYear {
            guard dayOfYear <= (Time.isLeapYear(year) ? 366 : 365) else { return nil }
            days = Time.days(year: year, month: 1, day: 1) + Int64(dayOfYear - 1)
        } else {
            guard day <= Time.daysInMonth(year: year, month: month) else { return nil }
            days = Time.days(year: year, month: month, day: day)
        }
        let timeOfDay = Int64(hour) * Time.microsecondsPerHour + Int64(minute) * Time.microsecondsPerMinute
            + Int64(second) * Time.microsecondsPerSecond + micros
        return (days, timeOfDay - offset)
    }

    /// A cursor over the bytes of one value.
    private struct Scanner {
        let text: UnsafeRawBufferPointer
        var position = 0

        var atEnd: Bool { position == text.count }

        mutating func consume(_ byte: UInt8) -> Bool {
            guard position < text.count, text[position] == byte else { return false }
            position += 1
            return true
        }

        mutating func skipSpaces() {
            while position < text.count && (text[position] == 0x20 || text[position] == 0x09) { position += 1 }
        }

        mutating func number(minimum: Int, maximum: Int) -> Int? {
            var value = 0
            var digits = 0
            while position < text.count, digits < maximum, TextNumberParser.isDigit(text[position]) {
                value = value * 10 + Int(text[position] - 48)
                position += 1
                digits += 1
            }
            return digits >= minimum ? value : nil
        }

        mutating func fraction(maximumDigits: Int) -> Int64? {
            var value: Int64 = 0
            var digits = 0
            while position < text.count, TextNumberParser.isDigit(text[position]) {
                guard digits < maximumDigits else { return nil }
                if digits < 6 { value = value * 10 + Int64(text[position] - 48) }
                digits += 1
                position += 1
            }
            guard digits > 0 else { return nil }
            for _ in min(digits, 6)..<6 { value *= 10 }
            return value
        }

        /// The index of the name (or its first three letters) that comes next, case-insensitively.
        mutating func name(_ names: [[UInt8]], abbreviated: Bool) -> Int? {
            for (index, name) in names.enumerated() {
                let length = abbreviated ? 3 : name.count
                guard position + length <= text.count else { continue }
                var matches = true
                for offset in 0..<length where text[position + offset] | 0x20 != name[offset] {
                    matches = false
                    break
                }
                if matches {
                    position += length
                    return index
                }
            }
            return nil
        }

        mutating func amPm() -> Bool? {
            guard position + 2 <= text.count, text[position + 1] | 0x20 == UInt8(ascii: "m") else { return nil }
            let first = text[position] | 0x20
            guard first == UInt8(ascii: "a") || first == UInt8(ascii: "p") else { return nil }
            position += 2
            return first == UInt8(ascii: "p")
        }

        /// `Z`, `±HH`, `±HHMM` or `±HH:MM`, in microseconds east of UTC.
        mutating func zoneOffset() -> Int64? {
            if consume(UInt8(ascii: "Z")) { return 0 }
            let negative: Bool
            if consume(UInt8(ascii: "+")) {
                negative = false
            } else if consume(UInt8(ascii: "-")) {
                negative = true
            } else {
                return nil
            }
            guard let hours = number(minimum: 2, maximum: 2), hours <= 18 else { return nil }
            _ = consume(UInt8(ascii: ":"))
            let minutes = number(minimum: 2, maximum: 2) ?? 0
            guard minutes < 60 else { return nil }
            let value = Int64(hours) * Time.microsecondsPerHour + Int64(minutes) * Time.microsecondsPerMinute
            return negative ? -value : value
        }

        /// `UTC`, `GMT` or `Z`: the only zone names whose offset is known without a time zone database.
        mutating func zoneName() -> Bool {
            for name in ["UTC", "GMT", "Z"] {
                let bytes = Array(name.utf8)
                guard position + bytes.count <= text.count else { continue }
                if (0..<bytes.count).allSatisfy({ text[position + $0] & ~0x20 == bytes[$0] }) {
                    position += bytes.count
                    return true
                }
            }
            return false
        }
    }
}
