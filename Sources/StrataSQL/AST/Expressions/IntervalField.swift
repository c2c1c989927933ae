// The fields of interval literals and INTERVAL types.

/// A field of an interval literal or an INTERVAL type.
public enum IntervalField: String, Hashable, Sendable, CaseIterable {
    case year = "YEAR"
    case month = "MONTH"
    case day = "DAY"
    case hour = "HOUR"
    case minute = "MINUTE"
    case second = "SECOND"
}
