// INTERVAL values: a calendar part (months) and an exact part (days, microseconds), kept apart because a
// month has no fixed length and a day may not (daylight saving is not modelled, but the split keeps
// `date + INTERVAL '1' MONTH` exact).

public struct Interval: Hashable, Sendable, BitwiseCopyable {
    public var months: Int32
    public var days: Int32
    public var microseconds: Int64

    @inlinable
    public init(months: Int32 = 0, days: Int32 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }
}

extension Interval: Comparable {
    /// Orders intervals as Trino does within one interval kind: by months, then by total duration.
    public static func < (lhs: Interval, rhs: Interval) -> Bool {
        if lhs.months != rhs.months { return lhs.months < rhs.months }
        let left = Int64(lhs.days) * Time.microsecondsPerDay + lhs.microseconds
        let right = Int64(rhs.days) * Time.microsecondsPerDay + rhs.microseconds
        return left < right
    }
}
