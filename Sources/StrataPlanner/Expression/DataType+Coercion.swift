// Type facts the coercion rules use: the decimal that holds an integer type, and integer widths.
import StrataCore

extension DataType {
    /// The decimal type that holds every value of an integer type exactly (Trino's rule: TINYINT is
    /// DECIMAL(3,0), SMALLINT DECIMAL(5,0), INTEGER DECIMAL(10,0), BIGINT DECIMAL(19,0)); nil for
    /// other types, and a decimal is its own equivalent.
    public var decimalEquivalent: DataType? {
        switch self {
        case .tinyint: return .decimal(precision: 3, scale: 0)
        case .smallint: return .decimal(precision: 5, scale: 0)
        case .integer: return .decimal(precision: 10, scale: 0)
        case .bigint: return .decimal(precision: 19, scale: 0)
        case .decimal: return self
        default: return nil
        }
    }

    /// Integer widths in order, for widening.
    var integerRank: Int {
        switch self {
        case .tinyint: return 1
        case .smallint: return 2
        case .integer: return 3
        case .bigint: return 4
        default: return 0
        }
    }
}
