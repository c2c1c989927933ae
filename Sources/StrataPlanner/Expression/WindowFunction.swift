// Window functions: the ranking and navigation functions, or any aggregate over a frame.
import StrataCore

public enum WindowFunction: Hashable, Sendable {
    case rowNumber
    case rank
    case denseRank
    case percentRank
    case cumeDist
    case ntile
    case lag
    case lead
    case firstValue
    case lastValue
    case nthValue
    /// An aggregate computed over the frame of each row.
    case aggregate(AggregateFunction)

    /// The ranking or navigation function called `name` (aggregates are looked up separately).
    public static func named(_ name: String) -> WindowFunction? {
        switch name.lowercased() {
        case "row_number": return .rowNumber
        case "rank": return .rank
        case "dense_rank": return .denseRank
        case "percent_rank": return .percentRank
        case "cume_dist": return .cumeDist
        case "ntile": return .ntile
        case "lag": return .lag
        case "lead": return .lead
        case "first_value": return .firstValue
        case "last_value": return .lastValue
        case "nth_value": return .nthValue
        default: return nil
        }
    }
}

/// One window function call: `f(args) OVER (PARTITION BY ... ORDER BY ... frame)`.
public struct BoundWindowCall: Hashable, Sendable {
    public var function: WindowFunction
    public var arguments: [BoundExpression]
    public var isDistinct: Bool
    public var partitionBy: [BoundExpression]
    public var orderBy: [SortKey]
    public var frame: WindowFrame
    public var type: DataType

    public init(
        _ function: WindowFunction, _ arguments: [BoundExpression], isDistinct: Bool = false,
        partitionBy: [BoundExpression], orderBy: [SortKey], frame: WindowFrame, type: DataType
    ) {
        self.function = function
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.type = type
    }
}

/// `ROWS|RANGE BETWEEN start AND end`. Without an explicit frame SQL uses `RANGE BETWEEN UNBOUNDED
/// PRECEDING AND CURRENT ROW` when there is an ORDER BY, and the whole partition otherwise.
public struct WindowFrame: Hashable, Sendable {
    public enum Mode: Hashable, Sendable { case rows, range }
    public enum Bound: Hashable, Sendable {
        case unboundedPreceding
        /// `n PRECEDING`: a row count for ROWS, a value offset (of the ORDER BY key's type) for RANGE.
        case preceding(Value)
        case currentRow
        case following(Value)
        case unboundedFollowing
    }

    public var mode: Mode
    public var start: Bound
    public var end: Bound

    public init(mode: Mode, start: Bound, end: Bound) {
        self.mode = mode
        self.start = start
        self.end = end
    }

    public static let defaultWithOrder = WindowFrame(mode: .range, start: .unboundedPreceding, end: .currentRow)
    public static let wholePartition = WindowFrame(mode: .rows, start: .unboundedPreceding, end: .unboundedFollowing)
}
