// Overload resolution of the aggregate functions, with Trino's result types: sums of integers are BIGINT,
// of DECIMAL(p,s) DECIMAL(38,s); averages of integers are DOUBLE, of DECIMAL(p,s) DECIMAL(p,s); the
// statistical aggregates work in DOUBLE.
import StrataCore

extension AggregateFunction {
    /// The signature of a call with arguments of `argumentTypes`, or an error naming what was expected.
    public func resolve(_ argumentTypes: [DataType]) throws(PlanError) -> FunctionSignature {
        guard let signature = match(argumentTypes) else {
            throw Overload.mismatch(rawValue, argumentTypes, expected: expectedSignatures)
        }
        return signature
    }

    private func match(_ a: [DataType]) -> FunctionSignature? {
        let n = a.count
        switch self {
        case .countStar:
            return n == 0 ? FunctionSignature([], .bigint) : nil
        case .count:
            guard n == 1 else { return nil }
            return FunctionSignature(a, .bigint)
        case .countIf:
            guard n == 1, Overload.accepts(a[0], .boolean) else { return nil }
            return FunctionSignature([.boolean], .bigint)
        case .sum:
            guard n == 1 else { return nil }
            switch a[0] {
            case .unknown, .tinyint, .smallint, .integer, .bigint: return FunctionSignature([.bigint], .bigint)
            case .decimal(_, let s): return FunctionSignature(a, .decimal(precision: DataType.maximumDecimalPrecision, scale: s))
            case .real, .double, .interval: return FunctionSignature(a, a[0])
            default: return nil
            }
        case .avg:
            guard n == 1 else { return nil }
            switch a[0] {
            case .unknown, .tinyint, .smallint, .integer, .bigint, .double: return FunctionSignature([.double], .double)
            case .decimal, .real, .interval: return FunctionSignature(a, a[0])
            default: return nil
            }
        case .min, .max, .arbitrary:
            guard n == 1, TypeCoercion.isOrderable(a[0]) else { return nil }
            return FunctionSignature(a, a[0])
        case .minBy, .maxBy:
            guard n == 2, TypeCoercion.isOrderable(a[1]) else { return nil }
            return FunctionSignature(a, a[0])
        case .boolAnd, .boolOr:
            guard n == 1, Overload.accepts(a[0], .boolean) else { return nil }
            return FunctionSignature([.boolean], .boolean)
        case .stddevSamp, .stddevPop, .varianceSamp, .variancePop:
            guard n == 1, a[0].isNumeric || a[0] == .unknown else { return nil }
            return FunctionSignature([.double], .double)
        case .approxDistinct:
            guard n == 1 || (n == 2 && Overload.accepts(a[1], .double)) else { return nil }
            return FunctionSignature(n == 1 ? a : [a[0], .double], .bigint)
        case .approxPercentile:
            guard n == 2, Overload.accepts(a[1], .double) else { return nil }
            switch a[0] {
            case .tinyint, .smallint, .integer, .bigint: return FunctionSignature([.bigint, .double], .bigint)
            case .real: return FunctionSignature([.real, .double], .real)
            case .double, .decimal, .unknown: return FunctionSignature([.double, .double], .double)
            default: return nil
            }
        }
    }

    private var expectedSignatures: String {
        switch self {
        case .countStar: return "count(*)"
        case .count: return "count(T)"
        case .countIf: return "count_if(boolean)"
        case .sum, .avg: return "\(rawValue)(number), \(rawValue)(interval)"
        case .min, .max, .arbitrary: return "\(rawValue)(T) for an orderable T"
        case .minBy, .maxBy: return "\(rawValue)(T, K) for an orderable K"
        case .boolAnd, .boolOr: return "\(rawValue)(boolean)"
        case .stddevSamp, .stddevPop, .varianceSamp, .variancePop: return "\(rawValue)(double)"
        case .approxDistinct: return "approx_distinct(T), approx_distinct(T, double)"
        case .approxPercentile: return "approx_percentile(number, double)"
        }
    }
}
