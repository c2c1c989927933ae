// The text of a value, as the CSV contract spells it: DATE `YYYY-MM-DD`, TIMESTAMP
// `YYYY-MM-DD HH:MM:SS[.ffffff]`, DECIMAL exact with its scale, DOUBLE shortest round-trip, booleans
// `true`/`false`. Every output format (CSV, JSON, tables, `strata cat`) goes through here.

public enum ValueFormatter {
    /// A JSON value: numbers and booleans bare, NULL as null, everything else as a string.
    public static func json(_ value: Value, type: DataType) -> String {
        switch value {
        case .null: return "null"
        case .boolean(let v): return v ? "true" : "false"
        case .integer(let v): return String(v)
        case .decimal: return text(value, type: type)!
        case .real(let v) where v.isFinite: return text(value, type: type)!
        case .double(let v) where v.isFinite: return text(value, type: type)!
        default: return JSONText.quoted(text(value, type: type) ?? "")
        }
    }

    /// The text of `value` of `type`; nil for NULL.
    public static func text(_ value: Value, type: DataType) -> String? {
        switch value {
        case .null: return nil
        case .boolean(let v): return v ? "true" : "false"
        case .integer(let v): return String(v)
        case .real(let v): return floatingText(v)
        case .double(let v): return floatingText(v)
        case .decimal(let v):
            guard case .decimal(_, let scale) = type else { return String(v) }
            return decimalText(v, scale: scale)
        case .varchar(let v): return v
        case .varbinary(let v): return binaryText(v)
        case .date(let v): return dateText(v)
        case .time(let v): return timeText(v)
        case .timestamp(let v): return timestampText(v)
        case .interval(let v): return intervalText(v)
        }
    }

    public static func floatingText<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return value.description
    }

    /// `unscaled / 10^scale`, exactly, with `scale` digits after the point.
    public static func decimalText(_ unscaled: Int128, scale: Int) -> String {
        let negative = unscaled < 0
        let magnitude = unscaled.magnitude
        var digits = String(magnitude)
        guard scale > 0 else { return negative ? "-" + digits : digits }
        if digits.count <= scale {
            digits = String(repeating: "0", count: scale - digits.count + 1) + digits
        }
        let point = digits.index(digits.endIndex, offsetBy: -scale)
        let text = digits[..<point] + "." + digits[point...]
        return negative ? "-" + text : String(text)
    }

    public static func dateText(_ days: Int32) -> String {
        let (year, month, day) = Time.civil(days: Int64(days))
        return yearText(year) + "-" + twoDigits(month) + "-" + twoDigits(day)
    }

    public static func timeText(_ microseconds: Int64) -> String {
        let seconds = microseconds / Time.microsecondsPerSecond
        let fraction = microseconds % Time.microsecondsPerSecond
        var text = twoDigits(Int(seconds / 3600)) + ":" + twoDigits(Int(seconds / 60 % 60)) + ":"
            + twoDigits(Int(seconds % 60))
        if fraction != 0 {
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: 6 - digits.count) + digits
        }
        return text
    }

    public static func timestampText(_ microseconds: Int64) -> String {
        let (days, timeOfDay) = Time.split(microseconds: microseconds)
        return dateText(Int32(truncatingIfNeeded: days)) + " " + timeText(timeOfDay)
    }

    public static func intervalText(_ interval: Interval) -> String {
        var parts: [String] = []
        let years = interval.months / 12
        let months = interval.months % 12
        if years != 0 { parts.append("\(years) year" + (abs(years) == 1 ? "" : "s")) }
        if months != 0 { parts.append("\(months) month" + (abs(months) == 1 ? "" : "s")) }
        if interval.days != 0 { parts.append("\(interval.days) day" + (abs(interval.days) == 1 ? "" : "s")) }
        if interval.microseconds != 0 || parts.isEmpty {
            let negative = interval.microseconds < 0
            parts.append((negative ? "-" : "") + timeText(abs(interval.microseconds)))
        }
        return parts.joined(separator: " ")
    }

    /// Printable ASCII as is, every other byte as `\xNN` (the DuckDB spelling of a blob).
    public static func binaryText(_ bytes: [UInt8]) -> String {
        var text = ""
        text.reserveCapacity(bytes.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in bytes {
            if byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\\") {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                text += "\\x"
                text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                text.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 15)]))
            }
        }
        return text
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }

    private static func yearText(_ year: Int) -> String {
        let digits = String(abs(year))
        let padded = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        return year < 0 ? "-" + padded : padded
    }
}
