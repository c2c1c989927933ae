// `INTERVAL [+|-] 'value' field [TO field]`, as in Trino: the value is a string, the fields say how to read it
// (`INTERVAL '1' DAY`, `INTERVAL '2:30' HOUR TO MINUTE`, `INTERVAL '1-6' YEAR TO MONTH`).

public struct IntervalLiteral: Hashable, Sendable {
    public enum Sign: String, Hashable, Sendable {
        case plus = "+"
        case minus = "-"
    }

    public var sign: Sign?
    /// The string as written, quotes removed.
    public var value: String
    public var from: IntervalField
    public var to: IntervalField?

    public init(sign: Sign? = nil, value: String, from: IntervalField, to: IntervalField? = nil) {
        self.sign = sign
        self.value = value
        self.from = from
        self.to = to
    }
}

/// A field of an interval literal or an INTERVAL type.
public enum IntervalField: String, Hashable, Sendable, CaseIterable {
    case year = "YEAR"
    case month = "MONTH"
    case day = "DAY"
    case hour = "HOUR"
    case minute = "MINUTE"
    case second = "SECOND"
}
