// The fields `EXTRACT(field FROM x)` accepts: Trino's list, synonyms kept apart so they print as written
// (the binder maps `DOW` and `DAY_OF_WEEK` to the same thing).

public enum ExtractField: String, Hashable, Sendable, CaseIterable {
    case year = "YEAR"
    case quarter = "QUARTER"
    case month = "MONTH"
    case week = "WEEK"
    case day = "DAY"
    case dayOfMonth = "DAY_OF_MONTH"
    case dayOfWeek = "DAY_OF_WEEK"
    case dow = "DOW"
    case dayOfYear = "DAY_OF_YEAR"
    case doy = "DOY"
    case yearOfWeek = "YEAR_OF_WEEK"
    case yow = "YOW"
    case hour = "HOUR"
    case minute = "MINUTE"
    case second = "SECOND"
    case timezoneHour = "TIMEZONE_HOUR"
    case timezoneMinute = "TIMEZONE_MINUTE"
}
