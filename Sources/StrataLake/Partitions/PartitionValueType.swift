// The type of a partition key, inferred from its values as the design contract says: all ISO dates →
// DATE, all integers → BIGINT, anything else → VARCHAR. NULL values say nothing about the type.
import StrataCore

public enum PartitionValueType {
    /// The narrowest of DATE, BIGINT, VARCHAR that every non-null value parses as.
    public static func infer<S: Sequence>(_ values: S) -> DataType where S.Element == String? {
        var allDates = true
        var allIntegers = true
        var sawValue = false
        for case let value? in values {
            sawValue = true
            if allDates && !isStrictDate(value) { allDates = false }
            if allIntegers && Int64(value) == nil { allIntegers = false }
            if !allDates && !allIntegers { return .varchar }
        }
        if !sawValue { return .varchar }
        return allDates ? .date : (allIntegers ? .bigint : .varchar)
    }

    /// The value of `text` as a partition value of `type`; nil if it does not parse as that type.
    public static func value(_ text: String?, as type: DataType) -> Value? {
        guard let text else { return .null }
        switch type {
        case .date: return isStrictDate(text) ? TemporalParser.parseDate(text).map(Value.date) : nil
        case .bigint: return Int64(text).map(Value.integer)
        case .integer: return Int32(text).map { Value.integer(Int64($0)) }
        case .smallint: return Int16(text).map { Value.integer(Int64($0)) }
        case .tinyint: return Int8(text).map { Value.integer(Int64($0)) }
        case .varchar: return .varchar(text)
        case .boolean:
            switch text.lowercased() {
            case "true": return .boolean(true)
            case "false": return .boolean(false)
            default: return nil
            }
        case .double: return Double(text).map(Value.double)
        case .real: return Float(text).map(Value.real)
        case .timestamp: return TemporalParser.parseTimestamp(text).map(Value.timestamp)
        default: return nil
        }
    }

    /// Only the canonical `YYYY-MM-DD` spelling counts as a date, so `2024-1-5` stays a string and
    /// the value round-trips to the same folder name.
    private static func isStrictDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
        return TemporalParser.parseDate(text) != nil
    }
}
