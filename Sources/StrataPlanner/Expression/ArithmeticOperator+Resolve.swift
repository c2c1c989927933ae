// The type rules of `+ - * / %` (Trino's): which types the operands are cast to and what type the result
// has. Integers stay in their (common) type and overflow is a run-time error; decimals follow Trino's
// precision and scale rules; dates, times and timestamps move by intervals.
import StrataCore

extension ArithmeticOperator {
    /// The operand types the evaluator expects (the binder casts to them) and the result type of
    /// `lhs op rhs`.
    public static func resolve(
        _ op: ArithmeticOperator, _ lhs: DataType, _ rhs: DataType
    ) throws(PlanError) -> (lhs: DataType, rhs: DataType, result: DataType) {
        try op.resolve(lhs, rhs)
    }

    /// See `resolve(_:_:_:)`.
    public func resolve(_ lhs: DataType, _ rhs: DataType) throws(PlanError) -> (lhs: DataType, rhs: DataType, result: DataType) {
        // A bare NULL takes the type of the other side (BIGINT when both are NULL).
        if lhs == .unknown && rhs == .unknown { return (.bigint, .bigint, .bigint) }
        if lhs == .unknown { return try resolve(standIn(opposite: rhs, nullOnRight: false), rhs) }
        if rhs == .unknown { return try resolve(lhs, standIn(opposite: lhs, nullOnRight: true)) }

        if lhs.isNumeric && rhs.isNumeric { return try resolveNumeric(lhs, rhs) }

        switch (self, lhs, rhs) {
        case (.add, .date, .interval), (.subtract, .date, .interval): return (.date, .interval, .date)
        case (.add, .interval, .date): return (.interval, .date, .date)
        case (.add, .timestamp, .interval), (.subtract, .timestamp, .interval): return (.timestamp, .interval, .timestamp)
        case (.add, .interval, .timestamp): return (.interval, .timestamp, .timestamp)
        case (.add, .time, .interval), (.subtract, .time, .interval): return (.time, .interval, .time)
        case (.add, .interval, .time): return (.interval, .time, .time)
        case (.subtract, .timestamp, .timestamp): return (.timestamp, .timestamp, .interval)
        case (.subtract, .timestamp, .date): return (.timestamp, .timestamp, .interval)
        case (.subtract, .date, .timestamp): return (.timestamp, .timestamp, .interval)
        case (.subtract, .time, .time): return (.time, .time, .interval)
        case (.add, .interval, .interval), (.subtract, .interval, .interval): return (.interval, .interval, .interval)
        case (.multiply, .interval, _) where rhs.isNumeric: return (.interval, intervalFactor(rhs), .interval)
        case (.multiply, _, .interval) where lhs.isNumeric: return (intervalFactor(lhs), .interval, .interval)
        case (.divide, .interval, _) where rhs.isNumeric: return (.interval, .double, .interval)
        case (.subtract, .date, .date):
            throw PlanError("'-' cannot be applied to DATE, DATE (use date_diff('day', a, b))")
        default:
            throw PlanError("'\(rawValue)' cannot be applied to \(lhs), \(rhs)")
        }
    }

    /// The type a bare NULL operand takes opposite `other`.
    private func standIn(opposite other: DataType, nullOnRight: Bool) -> DataType {
        if other.isTemporal { return .interval }
        if other == .interval {
            switch self {
            case .multiply: return .bigint
            case .divide: return nullOnRight ? .double : .interval
            default: return .interval
            }
        }
        return other
    }

    private func intervalFactor(_ type: DataType) -> DataType { type.isInteger ? .bigint : .double }

    private func resolveNumeric(_ lhs: DataType, _ rhs: DataType) throws(PlanError) -> (lhs: DataType, rhs: DataType, result: DataType) {
        if lhs.isFloatingPoint || rhs.isFloatingPoint {
            let type: DataType = (lhs == .double || rhs == .double) ? .double : .real
            return (type, type, type)
        }
        if lhs.isInteger && rhs.isInteger {
            let type = TypeCoercion.commonSupertype(lhs, rhs)!
            return (type, type, type)
        }
        // At least one decimal: integers join as the decimal that holds them.
        guard case .decimal(let p1, let s1) = lhs.decimalEquivalent!, case .decimal(let p2, let s2) = rhs.decimalEquivalent!
        else { throw PlanError("'\(rawValue)' cannot be applied to \(lhs), \(rhs)") }
        let maximum = DataType.maximumDecimalPrecision
        let precision: Int
        let scale: Int
        switch self {
        case .add, .subtract:
            scale = max(s1, s2)
            precision = min(maximum, max(p1 - s1, p2 - s2) + scale + 1)
        case .multiply:
            scale = s1 + s2
            precision = min(maximum, p1 + p2)
            if scale > maximum {
                throw PlanError("DECIMAL scale must be in range [0, \(maximum)]: \(lhs) * \(rhs) needs scale \(scale)")
            }
        case .divide:
            scale = max(s1, s2)
            precision = min(maximum, p1 + s2 + max(s2 - s1, 0))
        case .modulo:
            scale = max(s1, s2)
            precision = min(maximum, min(p2 - s2, p1 - s1) + scale)
        }
        return (.decimal(precision: p1, scale: s1), .decimal(precision: p2, scale: s2),
                .decimal(precision: max(precision, 1), scale: scale))
    }
}
