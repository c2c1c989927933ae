// Calendar arithmetic on the engine's day and microsecond numbers: moving by months (clamping the day of
// the month, as Trino does: Jan 31 + 1 month is Feb 28 or 29) and splitting instants into fields.
import StrataCore

enum CalendarMath {
    /// The earliest and latest day numbers the engine accepts (years -9999 through 9999 and a margin).
    static let dayRange: ClosedRange<Int64> = Time.days(year: -9999, month: 1, day: 1)...Time.days(year: 9999, month: 12, day: 31)

    /// `days` moved by `months` calendar months, or nil beyond the supported range.
    static func addMonths(days: Int64, months: Int64) -> Int64? {
        if months == 0 { return days }
        let (year, month, day) = Time.civil(days: days)
        let (total, overflow) = (Int64(year) * 12 + Int64(month - 1)).addingReportingOverflow(months)
        guard !overflow, abs(total) < 12 * 20_000 else { return nil }
        let newYear = Int(total >= 0 ? total / 12 : (total - 11) / 12)
        let newMonth = Int(total - Int64(newYear) * 12) + 1
        let newDay = min(day, Time.daysInMonth(year: newYear, month: newMonth))
        let result = Time.days(year: newYear, month: newMonth, day: newDay)
        return dayRange.contains(result) ? result : nil
    }

    /// `micros` (an instant) moved by `months`, keeping the time of day; nil when out of range.
    static func addMonths(microseconds: Int64, months: Int64) -> Int64? {
        if months == 0 { return microseconds }
        let (days, timeOfDay) = Time.split(microseconds: microseconds)
        guard let moved = addMonths(days: days, months: months) else { return nil }
        return moved * Time.microsecondsPerDay + timeOfDay
    }

    /// Floor division (rounds toward negative infinity), for splitting instants before 1970.
    @inline(__always)
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The non-negative remainder of floor division.
    @inline(__always)
    static func floorModulo(_ value: Int64, _ divisor: Int64) -> Int64 {
        let remainder = value % divisor
        return remainder < 0 ? remainder + divisor : remainder
    }
}
