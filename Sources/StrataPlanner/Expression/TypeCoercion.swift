// Implicit type coercion, as Trino does it: which types meet at a common supertype (for comparisons, IN
// lists, CASE branches, set operations, function overloads) and which casts the binder may insert on its
// own. Integers widen, integers meet decimals at a decimal wide enough for both, any exact number meets a
// floating-point one at the floating-point type, DATE meets TIMESTAMP at TIMESTAMP, and the type of a bare
// NULL meets anything. VARCHAR is never turned into a number or a date implicitly.
import StrataCore

public enum TypeCoercion {
    /// The narrowest type both `a` and `b` convert to implicitly, or nil when there is none.
    public static func commonSupertype(_ a: DataType, _ b: DataType) -> DataType? {
        if a == b { return a }
        if a == .unknown { return b }
        if b == .unknown { return a }
        switch (a, b) {
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            let scale = max(s1, s2)
            let precision = min(DataType.maximumDecimalPrecision, max(p1 - s1, p2 - s2) + scale)
            return .decimal(precision: precision, scale: scale)
        case (.decimal, _) where b.isInteger:
            return commonSupertype(a, b.decimalEquivalent!)
        case (_, .decimal) where a.isInteger:
            return commonSupertype(a.decimalEquivalent!, b)
        case (.date, .timestamp), (.timestamp, .date):
            return .timestamp
        default:
            break
        }
        if a.isNumeric && b.isNumeric {
            // Exact numbers against floating point, or two integers of different widths.
            if a == .double || b == .double { return .double }
            if a == .real || b == .real { return .real }
            if a.isInteger && b.isInteger { return a.integerRank > b.integerRank ? a : b }
        }
        return nil
    }

    /// The common supertype of all of `types` (nil when two of them do not meet). An empty list or a list
    /// of NULLs gives `.unknown`.
    public static func commonSupertype(_ types: [DataType]) -> DataType? {
        var result = DataType.unknown
        for type in types {
            guard let next = commonSupertype(result, type) else { return nil }
            result = next
        }
        return result
    }

    /// Whether the binder may convert a value of `from` to `to` without the user writing a CAST.
    public static func canImplicitlyCast(from: DataType, to: DataType) -> Bool {
        if from == to || from == .unknown { return true }
        switch (from, to) {
        case (.decimal(let p1, let s1), .decimal(let p2, let s2)):
            // No digit may be lost on either side of the point.
            return s1 <= s2 && p1 - s1 <= p2 - s2
        case (.decimal, .real), (.decimal, .double):
            return true
        case (.date, .timestamp):
            return true
        case (.real, .double):
            return true
        default:
            break
        }
        if from.isInteger {
            if to.isInteger { return from.integerRank <= to.integerRank }
            if to.isFloatingPoint { return true }
            if case .decimal = to { return canImplicitlyCast(from: from.decimalEquivalent!, to: to) }
        }
        return false
    }

    /// Whether an explicit `CAST(x AS to)` from `from` exists (whether each value converts is decided per
    /// value at run time). The binder rejects the others while planning.
    public static func canCast(from: DataType, to: DataType) -> Bool {
        if from == to || from == .unknown { return true }
        let number = { (type: DataType) in type.isNumeric || type == .boolean }
        switch (from, to) {
        case _ where number(from) && number(to): return true
        case (.varchar, .interval), (.varchar, .unknown): return false
        case (.varchar, _), (_, .varchar): return true
        case (.date, .timestamp), (.timestamp, .date), (.timestamp, .time), (.time, .timestamp): return true
        default: return false
        }
    }

    /// Whether values of `type` can be ordered (`<`, ORDER BY, min/max).
    public static func isOrderable(_ type: DataType) -> Bool {
        switch type {
        case .boolean, .tinyint, .smallint, .integer, .bigint, .real, .double, .decimal, .varchar, .varbinary,
            .date, .time, .timestamp, .interval, .unknown:
            return true
        }
    }

    /// Whether values of `type` can be compared for equality (`=`, GROUP BY, DISTINCT, joins).
    public static func isComparable(_ type: DataType) -> Bool { true }
}
