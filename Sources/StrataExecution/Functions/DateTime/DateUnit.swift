// The units of date_trunc, date_add and date_diff, and which of them apply to DATE, TIME and TIMESTAMP.
import StrataCore

enum DateUnit: String, CaseIterable {
    case millisecond, second, minute, hour, day, week, month, quarter, year

    /// Microseconds in one unit, for the units of fixed length.
    var microseconds: Int64? {
        switch self {
        case .millisecond: return 1000
        case .second: return Time.microsecondsPerSecond
        case .minute: return Time.microsecondsPerMinute
        case .hour: return Time.microsecondsPerHour
        case .day: return Time.microsecondsPerDay
        case .week: return 7 * Time.microsecondsPerDay
        case .month, .quarter, .year: return nil
        }
    }

    /// Months in one unit, for the calendar units.
    var months: Int64? {
        switch self {
        case .month: return 1
        case .quarter: return 3
        case .year: return 12
        default: return nil
        }
    }

    /// The unit named `text` (any case) for values of `type`, or an error in Trino's words.
    static func parse(_ text: UnsafeBufferPointer<UInt8>, for type: DataType) throws -> DateUnit {
        let name = String(decoding: text, as: UTF8.self)
        guard let unit = DateUnit(rawValue: name.lowercased()) else {
            throw ExecutionError(.invalidArgument, "'\(name)' is not a valid \(type.sqlName) field")
        }
        switch type {
        case .date where unit.microseconds.map({ $0 < Time.microsecondsPerDay }) ?? false,
            .time where unit.microseconds.map({ $0 >= Time.microsecondsPerDay }) ?? true:
            throw ExecutionError(.invalidArgument, "'\(name)' is not a valid \(type.sqlName) field")
        default:
            return unit
        }
    }
}
