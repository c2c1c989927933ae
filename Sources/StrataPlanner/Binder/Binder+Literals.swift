// Literals, typed literals, intervals and type names: what the SQL text spells, as engine values and types.
import StrataCore
import StrataSQL

extension Binder {
    /// A literal with Trino's typing: integers are INTEGER when they fit, else BIGINT, else DECIMAL;
    /// `1.50` is DECIMAL(3,2); `1e3` is DOUBLE; a bare NULL has the unknown type until context gives it one.
    func bindLiteral(_ literal: Literal, negated: Bool = false, range: SourceRange) throws -> BoundExpression {
        switch literal {
        case .null:
            return .literal(.null, .unknown)
        case .boolean(let value):
            return .literal(.boolean(value), .boolean)
        case .integer(let digits):
            let text = (negated ? "-" : "") + digits
            if let value = Int32(text) { return .literal(.integer(Int64(value)), .integer) }
            if let value = Int64(text) { return .literal(.integer(value), .bigint) }
            return try decimalLiteral(text, range: range)
        case .decimal(let text):
            return try decimalLiteral((negated ? "-" : "") + text, range: range)
        case .double(let text):
            guard let value = Double(text) else { throw error("\(text) is not a valid DOUBLE", at: range) }
            return .literal(.double(negated ? -value : value), .double)
        case .string(let text):
            return .literal(.varchar(text), .varchar)
        case .binary(let hex):
            var bytes: [UInt8] = []
            var iterator = hex.utf8.makeIterator()
            while let high = iterator.next() {
                guard let low = iterator.next(), let h = hexDigit(high), let l = hexDigit(low) else {
                    throw error("X'\(hex)' is not a valid binary literal", at: range)
                }
                bytes.append(h << 4 | l)
            }
            return .literal(.varbinary(bytes), .varbinary)
        }
    }

    private func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 48...57: return byte - 48
        case 65...70: return byte - 55
        case 97...102: return byte - 87
        default: return nil
        }
    }

    /// `123.45` as DECIMAL(5,2), exactly.
    func decimalLiteral(_ text: String, range: SourceRange) throws -> BoundExpression {
        guard let (unscaled, precision, scale) = Binder.parseDecimal(text) else {
            throw error("\(text) is not a valid DECIMAL (at most 38 digits)", at: range)
        }
        return .literal(.decimal(unscaled), .decimal(precision: precision, scale: scale))
    }

    /// The unscaled value, precision and scale of a decimal text such as `-12.340`; nil if malformed or
    /// wider than 38 digits.
    static func parseDecimal(_ text: String) -> (Int128, Int, Int)? {
        var digits = Substring(text)
        var negative = false
        if digits.first == "-" || digits.first == "+" {
            negative = digits.first == "-"
            digits = digits.dropFirst()
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !(parts[0].isEmpty && (parts.count == 1 || parts[1].isEmpty)) else { return nil }
        let whole = parts[0].drop { $0 == "0" }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard whole.allSatisfy(\.isASCII), whole.allSatisfy(\.isNumber), fraction.allSatisfy(\.isNumber) else { return nil }
        let all = String(whole) + fraction
        let precision = max(all.count, 1)
        guard precision <= DataType.maximumDecimalPrecision, var value = Int128(all.isEmpty ? "0" : all) else { return nil }
        if negative { value = -value }
        return (value, max(precision, fraction.count), fraction.count)
    }

    /// `DATE '2024-01-31'` and friends.
    func bindTypedLiteral(_ typeName: TypeName, _ text: String, range: SourceRange) throws -> BoundExpression {
        let type = try dataType(typeName)
        switch type {
        case .date:
            guard let days = TemporalParser.parseDate(text.trimmingSpaces) else {
                throw error("'\(text)' is not a valid DATE (expected YYYY-MM-DD)", at: range)
            }
            return .literal(.date(days), .date)
        case .timestamp:
            guard let micros = TemporalParser.parseTimestamp(text.trimmingSpaces) else {
                throw error("'\(text)' is not a valid TIMESTAMP (expected YYYY-MM-DD HH:MM:SS[.ffffff])", at: range)
            }
            return .literal(.timestamp(micros), .timestamp)
        case .time:
            guard let micros = TemporalParser.parseTime(text.trimmingSpaces) else {
                throw error("'\(text)' is not a valid TIME (expected HH:MM:SS[.ffffff])", at: range)
            }
            return .literal(.time(micros), .time)
        case .decimal(let precision, let scale):
            guard let (unscaled, _, literalScale) = Binder.parseDecimal(text.trimmingSpaces) else {
                throw error("'\(text)' is not a valid DECIMAL", at: range)
            }
            if case .decimal = typeName.kind, precision == 38, scale == 0 {
                // DECIMAL '1.50' without a declared precision takes the literal's own.
                return try decimalLiteral(text.trimmingSpaces, range: range)
            }
            return .cast(.literal(.decimal(unscaled), .decimal(precision: 38, scale: literalScale)), to: type, isTry: false)
        case .varchar:
            return .literal(.varchar(text), .varchar)
        default:
            return .cast(.literal(.varchar(text), .varchar), to: type, isTry: false)
        }
    }

    /// `INTERVAL '1' DAY`, `INTERVAL '1-6' YEAR TO MONTH`, `INTERVAL '2 03:04:05' DAY TO SECOND`.
    func bindInterval(_ literal: IntervalLiteral, range: SourceRange) throws -> BoundExpression {
        let invalid = error("'\(literal.value)' is not a valid INTERVAL \(literal.from.rawValue)\(literal.to.map { " TO " + $0.rawValue } ?? "")", at: range)
        var text = Substring(literal.value.trimmingSpaces)
        var negative = literal.sign == .minus
        if text.first == "-" {
            negative.toggle()
            text = text.dropFirst()
        } else if text.first == "+" {
            text = text.dropFirst()
        }
        let fields: [IntervalField] = {
            let all = IntervalField.allCases
            let start = all.firstIndex(of: literal.from)!
            let end = literal.to.map { all.firstIndex(of: $0)! } ?? start
            return Array(all[start...max(start, end)])
        }()
        // Split on the separators the fields use: `-` between year and month, ` ` after days, `:` within times.
        let pieces = text.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map(String.init)
        guard pieces.count == fields.count else { throw invalid }
        var interval = Interval()
        for (field, piece) in zip(fields, pieces) {
            if field == .second {
                guard let seconds = Double(piece), seconds >= 0, piece.allSatisfy({ $0.isNumber || $0 == "." }) else { throw invalid }
                interval.microseconds += Int64((seconds * 1_000_000).rounded())
                continue
            }
            guard let value = Int64(piece), value >= 0 else { throw invalid }
            switch field {
            case .year: interval.months += Int32(clamping: value * 12)
            case .month: interval.months += Int32(clamping: value)
            case .day: interval.days += Int32(clamping: value)
            case .hour: interval.microseconds += value * Time.microsecondsPerHour
            case .minute: interval.microseconds += value * Time.microsecondsPerMinute
            case .second: break
            }
        }
        let hasYearMonth = fields.contains(.year) || fields.contains(.month)
        let hasDayTime = fields.contains { [.day, .hour, .minute, .second].contains($0) }
        if hasYearMonth && hasDayTime { throw invalid }
        if negative {
            interval = Interval(months: -interval.months, days: -interval.days, microseconds: -interval.microseconds)
        }
        return .literal(.interval(interval), .interval)
    }

    /// The engine type a type name stands for.
    func dataType(_ name: TypeName) throws -> DataType {
        switch name.kind {
        case .boolean: return .boolean
        case .tinyint: return .tinyint
        case .smallint: return .smallint
        case .int, .integer: return .integer
        case .bigint: return .bigint
        case .real, .float: return .real
        case .double, .doublePrecision: return .double
        case .decimal(let precision, let scale), .numeric(let precision, let scale):
            let p = precision ?? 38
            let s = scale ?? 0
            guard (1...DataType.maximumDecimalPrecision).contains(p), s >= 0, s <= p else {
                throw error("DECIMAL(\(p),\(s)) is not valid: precision must be 1 to 38 and scale 0 to precision", at: name.range)
            }
            return .decimal(precision: p, scale: s)
        case .varchar, .char, .string: return .varchar
        case .varbinary, .binary: return .varbinary
        case .date: return .date
        case .time(_, let withTimeZone):
            if withTimeZone { throw error("TIME WITH TIME ZONE is not supported", at: name.range) }
            return .time
        // Timestamps are stored as UTC instants, so WITH TIME ZONE reads the same values.
        case .timestamp: return .timestamp
        case .interval: return .interval
        case .array: throw error("ARRAY types are not supported", at: name.range)
        case .map: throw error("MAP types are not supported", at: name.range)
        case .row: throw error("ROW and STRUCT types are not supported", at: name.range)
        }
    }
}

extension String {
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { $0 != " " }),
            let end = scalars.lastIndex(where: { $0 != " " })
        else { return "" }
        return String(scalars[start...end])
    }
}
