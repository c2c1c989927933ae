// Overload resolution of the ranking and navigation window functions; aggregates used as window functions
// resolve as aggregates.
import StrataCore

extension WindowFunction {
    /// The signature of a call with arguments of `argumentTypes`, or an error naming what was expected.
    public func resolve(_ argumentTypes: [DataType]) throws(PlanError) -> FunctionSignature {
        let a = argumentTypes
        let n = a.count
        switch self {
        case .rowNumber, .rank, .denseRank:
            if n == 0 { return FunctionSignature([], .bigint) }
        case .percentRank, .cumeDist:
            if n == 0 { return FunctionSignature([], .double) }
        case .ntile:
            if n == 1 && Overload.accepts(a[0], .bigint) { return FunctionSignature([.bigint], .bigint) }
        case .lag, .lead:
            if n == 1 { return FunctionSignature(a, a[0]) }
            if n == 2 && Overload.accepts(a[1], .bigint) { return FunctionSignature([a[0], .bigint], a[0]) }
            if n == 3 && Overload.accepts(a[1], .bigint), let common = TypeCoercion.commonSupertype(a[0], a[2]) {
                return FunctionSignature([common, .bigint, common], common)
            }
        case .firstValue, .lastValue:
            if n == 1 { return FunctionSignature(a, a[0]) }
        case .nthValue:
            if n == 2 && Overload.accepts(a[1], .bigint) { return FunctionSignature([a[0], .bigint], a[0]) }
        case .aggregate(let function):
            return try function.resolve(a)
        }
        throw Overload.mismatch(name, a, expected: expectedSignatures)
    }

    /// The SQL name of the function.
    public var name: String {
        switch self {
        case .rowNumber: return "row_number"
        case .rank: return "rank"
        case .denseRank: return "dense_rank"
        case .percentRank: return "percent_rank"
        case .cumeDist: return "cume_dist"
        case .ntile: return "ntile"
        case .lag: return "lag"
        case .lead: return "lead"
        case .firstValue: return "first_value"
        case .lastValue: return "last_value"
        case .nthValue: return "nth_value"
        case .aggregate(let function): return function.rawValue
        }
    }

    private var expectedSignatures: String {
        switch self {
        case .rowNumber, .rank, .denseRank, .percentRank, .cumeDist: return "\(name)()"
        case .ntile: return "ntile(bigint)"
        case .lag, .lead: return "\(name)(T), \(name)(T, bigint), \(name)(T, bigint, T)"
        case .firstValue, .lastValue: return "\(name)(T)"
        case .nthValue: return "nth_value(T, bigint)"
        case .aggregate(let function): return function.rawValue
        }
    }
}
