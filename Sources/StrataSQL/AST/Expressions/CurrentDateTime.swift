// The date/time special values written without parentheses.

public enum CurrentDateTime: String, Hashable, Sendable, CaseIterable {
    case currentDate = "CURRENT_DATE"
    case currentTime = "CURRENT_TIME"
    case currentTimestamp = "CURRENT_TIMESTAMP"
    case localTime = "LOCALTIME"
    case localTimestamp = "LOCALTIMESTAMP"

    /// Whether `(precision)` may follow; CURRENT_DATE takes none.
    public var acceptsPrecision: Bool { self != .currentDate }
}
