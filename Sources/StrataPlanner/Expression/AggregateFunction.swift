// The aggregate functions of the dialect, a closed set. They also serve as window functions over frames.
import StrataCore

public enum AggregateFunction: String, Hashable, Sendable, CaseIterable {
    /// `count(*)`: rows, nulls included.
    case countStar = "count_star"
    /// `count(x)`: rows where x is not null.
    case count
    case countIf = "count_if"
    case sum, avg, min, max
    case minBy = "min_by"
    case maxBy = "max_by"
    case boolAnd = "bool_and"
    case boolOr = "bool_or"
    case stddevSamp = "stddev_samp"
    case stddevPop = "stddev_pop"
    case varianceSamp = "var_samp"
    case variancePop = "var_pop"
    case approxDistinct = "approx_distinct"
    case approxPercentile = "approx_percentile"
    case arbitrary

    /// The aggregate called `name` in SQL (case-insensitive), including the dialect's other spellings.
    /// `count(*)` is bound by the binder to `.countStar`.
    public static func named(_ name: String) -> AggregateFunction? {
        let lowered = name.lowercased()
        if let function = AggregateFunction(rawValue: lowered), function != .countStar { return function }
        switch lowered {
        case "every": return .boolAnd
        case "stddev": return .stddevSamp
        case "variance": return .varianceSamp
        case "any_value": return .arbitrary
        default: return nil
        }
    }
}

/// One aggregate of a GROUP BY (or of a window): the function, its arguments evaluated per input row,
/// `DISTINCT`, and an optional `FILTER (WHERE ...)`.
public struct BoundAggregate: Hashable, Sendable {
    public var function: AggregateFunction
    public var arguments: [BoundExpression]
    public var isDistinct: Bool
    public var filter: BoundExpression?
    /// The type of the result.
    public var type: DataType

    public init(
        _ function: AggregateFunction, _ arguments: [BoundExpression], isDistinct: Bool = false,
        filter: BoundExpression? = nil, type: DataType
    ) {
        self.function = function
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.filter = filter
        self.type = type
    }
}
