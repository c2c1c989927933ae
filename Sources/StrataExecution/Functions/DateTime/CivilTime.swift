// Calendar fields of the engine's day numbers and instants (UTC): ISO weekdays and weeks, day of year,
// quarters, and the start of each truncation unit.
import StrataCore

enum CivilTime {
    /// ISO day of the week, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday).
    @inline(__always)
    static func dayOfWeek(_ days: Int64) -> Int64 {
        CalendarMath.floorModulo(days + 3, 7) + 1
    }

    @inline(__always)
    static func dayOfYear(_ days: Int64) -> Int64 {
        let (year, _, _) = Time.civil(days: days)
        return days - Time.days(year: year, month: 1, day: 1) + 1
    }

    /// ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday) and the
    /// week-based year it belongs to.
    static func isoWeek(_ days: Int64) -> (week: Int64, year: Int) {
        let weekday = dayOfWeek(days)
        // The Thursday of this week decides the year.
        let thursday = days - weekday + 4
        let (weekYear, _, _) = Time.civil(days: thursday)
        let firstDay = Time.days(year: weekYear, month: 1, day: 1)
        return ((thursday - firstDay) / 7 + 1, weekYear)
    }

    /// The first day of the unit containing `days` (day, week, month, quarter, year).
    static func truncate(days: Int64, to unit: DateUnit, _ cache: inout CivilCache) -> Int64 {
        switch unit {
        case .week:
            return days - (dayOfWeek(days) - 1)
        case .month, .quarter, .year:
            let (year, month, _) = cache.civil(days)
            let first = unit == .year ? 1 : (unit == .quarter ? (month - 1) / 3 * 3 + 1 : month)
            return first == month ? days - Int64(cache.civil(days).day) + 1 : Time.days(year: year, month: first, day: 1)
        default:
            return days
        }
    }

    /// The start of the unit containing the instant `microseconds`.
    static func truncate(microseconds: Int64, to unit: DateUnit, _ cache: inout CivilCache) -> Int64 {
        switch unit {
        case .millisecond, .second, .minute, .hour, .day:
            let size = unit.microseconds!
            return CalendarMath.floorDivide(microseconds, size) * size
        default:
            let days = CalendarMath.floorDivide(microseconds, Time.microsecondsPerDay)
            return truncate(days: days, to: unit, &cache) * Time.microsecondsPerDay
        }
    }

    /// Whole months from `from` to `to` (negative when `to` is earlier), counted as Joda's
    /// `monthsBetween` (which Trino's date_diff uses): a month is complete when the day and time of
    /// day are reached, with the end of a shorter month counting as reached.
    static func monthsBetween(_ from: Int64, _ to: Int64) -> Int64 {
        if to < from { return -monthsBetween(to, from) }
        let (fromDays, fromTime) = Time.split(microseconds: from)
        let (toDays, toTime) = Time.split(microseconds: to)
        let (y1, m1, d1) = Time.civil(days: toDays)
        let (y2, m2, fromDay) = Time.civil(days: fromDays)
        var d2 = fromDay
        var difference = Int64(y1 - y2) * 12 + Int64(m1 - m2)
        if d1 == Time.daysInMonth(year: y1, month: m1) && d2 > d1 { d2 = d1 }
        let remainderTo = Int64(d1 - 1) * Time.microsecondsPerDay + toTime
        let remainderFrom = Int64(d2 - 1) * Time.microsecondsPerDay + fromTime
        if remainderTo < remainderFrom { difference -= 1 }
        return difference
    }

    /// Whole years from `from` to `to`, as Joda counts them (a year is complete when the same day of the
    /// year and time are reached, with February 29 balanced against non-leap years).
    static func yearsBetween(_ from: Int64, _ to: Int64) -> Int64 {
        if to < from { return -yearsBetween(to, from) }
        let (fromDays, _) = Time.split(microseconds: from)
        let (toDays, _) = Time.split(microseconds: to)
        let fromYear = Time.civil(days: fromDays).year
        let toYear = Time.civil(days: toDays).year
        var remainderTo = to - Time.days(year: toYear, month: 1, day: 1) * Time.microsecondsPerDay
        var remainderFrom = from - Time.days(year: fromYear, month: 1, day: 1) * Time.microsecondsPerDay
        let february29 = 59 * Time.microsecondsPerDay
        if remainderFrom >= february29 {
            if Time.isLeapYear(fromYear) {
                if !Time.isLeapYear(toYear) { remainderFrom -= Time.microsecondsPerDay }
            } else if remainderTo >= february29 && Time.isLeapYear(toYear) {
                remainderTo -= Time.microsecondsPerDay
            }
        }
        var difference = Int64(toYear - fromYear)
        if remainderTo < remainderFrom { difference -= 1 }
        return difference
    }
}
