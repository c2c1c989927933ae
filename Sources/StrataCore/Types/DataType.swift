// The engine's SQL types and how each is laid out in a column.

/// A SQL type of the engine. Every column, expression and literal has one.
///
/// Physical layout in a `Column`:
/// - `boolean`: one byte per value (0 or 1)
/// - `tinyint` … `bigint`: `Int8` … `Int64`; `real`: `Float`; `double`: `Double`
/// - `decimal(p, s)`: `Int128` unscaled value, for every precision up to 38
/// - `varchar`, `varbinary`: `Int64` offsets (count + 1) and bytes; varchar bytes are UTF-8
/// - `date`: `Int32` days since 1970-01-01
/// - `time`: `Int64` microseconds since midnight
/// - `timestamp`: `Int64` microseconds since 1970-01-01 00:00:00 UTC
/// - `interval`: `Interval` (months, days, microseconds)
/// - `unknown`: the type of a bare `NULL`; a column of it is all null and has no values
public enum DataType: Hashable, Sendable {
    case boolean
    case tinyint
    case smallint
    case integer
    case bigint
    case real
    case double
    case decimal(precision: Int, scale: Int)
    case varchar
    case varbinary
    case date
    case time
    case timestamp
    case interval
    case unknown

    /// The widest decimal the engine computes with exactly.
    public static let maximumDecimalPrecision = 38

    /// Bytes per value for fixed-width types; nil for variable-width ones.
    @inlinable
    public var byteWidth: Int? {
        switch self {
        case .boolean, .tinyint: return 1
        case .smallint: return 2
        case .integer, .real, .date: return 4
        case .bigint, .double, .time, .timestamp: return 8
        case .decimal, .interval: return 16
        case .unknown: return 0
        case .varchar, .varbinary: return nil
        }
    }

    @inlinable
    public var isVariableWidth: Bool { self == .varchar || self == .varbinary }

    @inlinable
    public var isInteger: Bool {
        switch self {
        case .tinyint, .smallint, .integer, .bigint: return true
        default: return false
        }
    }

    @inlinable
    public var isFloatingPoint: Bool { self == .real || self == .double }

    @inlinable
    public var isDecimal: Bool {
        if case .decimal = self { return true }
        return false
    }

    @inlinable
    public var isNumeric: Bool { isInteger || isFloatingPoint || isDecimal }

    @inlinable
    public var isTemporal: Bool { self == .date || self == .time || self == .timestamp }

    /// The SQL spelling, as `DESCRIBE` and error messages show it.
    public var sqlName: String {
        switch self {
        case .boolean: return "BOOLEAN"
        case .tinyint: return "TINYINT"
        case .smallint: return "SMALLINT"
        case .integer: return "INTEGER"
        case .bigint: return "BIGINT"
        case .real: return "REAL"
        case .double: return "DOUBLE"
        case .decimal(let precision, let scale): return "DECIMAL(\(precision),\(scale))"
        case .varchar: return "VARCHAR"
        case .varbinary: return "VARBINARY"
        case .date: return "DATE"
        case .time: return "TIME"
        case .timestamp: return "TIMESTAMP"
        case .interval: return "INTERVAL"
        case .unknown: return "UNKNOWN"
        }
    }
}

extension DataType: CustomStringConvertible {
    public var description: String { sqlName }
}
