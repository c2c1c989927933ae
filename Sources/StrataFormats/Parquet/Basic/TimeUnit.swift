// The unit of a TIME or TIMESTAMP logical type.

public enum TimeUnit: Sendable, Hashable, CaseIterable {
    case milliseconds
    case microseconds
    case nanoseconds

    public var name: String {
        switch self {
        case .milliseconds: return "MILLIS"
        case .microseconds: return "MICROS"
        case .nanoseconds: return "NANOS"
        }
    }
}
