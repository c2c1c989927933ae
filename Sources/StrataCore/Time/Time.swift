// Dates and times as the engine stores them (days and microseconds since the Unix epoch, UTC), converted
// to and from the proleptic Gregorian calendar without Foundation, so they are fast and exact for every
// year from -9999 to 9999.

public enum Time {
    public static let microsecondsPerSecond: Int64 = 1_000_000
    public static let microsecondsPerMinute: Int64 = 60_000_000
    public static let microsecondsPerHour: Int64 = 3_600_000_000
    public static let microsecondsPerDay: Int64 = 86_400_000_000
    public static let secondsPerDay: Int64 = 86_400

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's `days_from_civil`).
    @inlinable
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return Int64(era * 146_097 + dayOfEra - 719_468)
    }

    /// The civil date of a day number (Howard Hinnant's `civil_from_days`).
    @inlinable
    public static func civil(days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = Int(days) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    @inlinable
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    @inlinable
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Splits microseconds since the epoch into whole days and microseconds within the day, flooring so
    /// that instants before 1970 land on the right day.
    @inlinable
    public static func split(microseconds: Int64) -> (days: Int64, microsecondOfDay: Int64) {
        var days = microseconds / microsecondsPerDay
        var rest = microseconds % microsecondsPerDay
        if rest < 0 {
            days -= 1
            rest += microsecondsPerDay
        }
        return (days, rest)
    }
}
