// A one-month memo of calendar conversions for runs of nearby dates.
import StrataCore

/// Remembers the month of the last day converted, so runs of nearby dates (the usual case: a batch of
/// events from the same days) skip the calendar arithmetic.
struct CivilCache {
    private var monthStart: Int64 = 1
    private var nextMonthStart: Int64 = 0
    private var year = 0
    private var month = 0

    @inline(__always)
    mutating func civil(_ days: Int64) -> (year: Int, month: Int, day: Int) {
        if days >= monthStart && days < nextMonthStart { return (year, month, Int(days - monthStart) + 1) }
        let civil = Time.civil(days: days)
        year = civil.year
        month = civil.month
        monthStart = days - Int64(civil.day) + 1
        nextMonthStart = monthStart + Int64(Time.daysInMonth(year: civil.year, month: civil.month))
        return civil
    }
}
