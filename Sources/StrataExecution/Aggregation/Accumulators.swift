// Chooses the accumulator for a bound aggregate from its function, argument types and result type, and
// documents the partial-state layout each one uses.
import StrataCore
import StrataPlanner

enum Accumulators {
    static func make(_ aggregate: BoundAggregate) throws -> AggregateAccumulator {
        let argumentTypes = aggregate.arguments.map(\.type)
        let resultType = aggregate.type
        func requireArguments(_ count: Int) throws {
            guard argumentTypes.count == count else {
                throw ExecutionError(
                    .internal, "\(aggregate.function.rawValue) takes \(count) argument(s), given \(argumentTypes.count)")
            }
        }
        func unsupported() -> ExecutionError {
            ExecutionError(
                .notSupported,
                "\(aggregate.function.rawValue)(\(argumentTypes.map(\.sqlName).joined(separator: ", "))) returning \(resultType) is not supported")
        }

        switch aggregate.function {
        case .countStar:
            return CountAccumulator(kind: .rows)
        case .count:
            try requireArguments(1)
            return CountAccumulator(kind: .nonNull)
        case .countIf:
            try requireArguments(1)
            return CountAccumulator(kind: .trueValues)
        case .sum, .avg:
            try requireArguments(1)
            let isAverage = aggregate.function == .avg
            switch argumentTypes[0] {
            case .decimal(_, let scale):
                return try DecimalSumAccumulator(isAverage: isAverage, inputScale: scale, resultType: resultType)
            case .interval:
                return IntervalSumAccumulator(isAverage: isAverage)
            case .real, .double:
                return FloatSumAccumulator(isAverage: isAverage, resultType: resultType)
            case .tinyint, .smallint, .integer, .bigint, .unknown:
                if isAverage || resultType.isFloatingPoint {
                    return FloatSumAccumulator(isAverage: isAverage, resultType: resultType)
                }
                if case .decimal = resultType {
                    throw unsupported()
                }
                return IntegerSumAccumulator()
            default:
                throw unsupported()
            }
        case .min, .max:
            try requireArguments(1)
            return makeMinMax(isMax: aggregate.function == .max, type: argumentTypes[0])
        case .minBy, .maxBy:
            try requireArguments(2)
            return ByAccumulator(isMax: aggregate.function == .maxBy, valueType: argumentTypes[0], keyType: argumentTypes[1])
        case .boolAnd, .boolOr:
            try requireArguments(1)
            return BooleanAccumulator(isAnd: aggregate.function == .boolAnd)
        case .stddevSamp, .stddevPop, .varianceSamp, .variancePop:
            try requireArguments(1)
            let statistic: VarianceAccumulator.Statistic =
                switch aggregate.function {
                case .stddevSamp: .sampleStandardDeviation
                case .stddevPop: .populationStandardDeviation
                case .varianceSamp: .sampleVariance
                default: .populationVariance
                }
            return VarianceAccumulator(statistic: statistic, resultType: resultType)
        case .approxDistinct:
            guard argumentTypes.count == 1 || argumentTypes.count == 2 else { try requireArguments(1); throw unsupported() }
            var precision: Int? = 11
            if argumentTypes.count == 2 {
                precision = try constantDouble(aggregate.arguments[1]).map(HyperLogLog.precision(forStandardError:))
            }
            return ApproxDistinctAccumulator(precision: precision)
        case .approxPercentile:
            try requireArguments(2)
            return try ApproxPercentileAccumulator(resultType: resultType, percentile: constantDouble(aggregate.arguments[1]))
        case .arbitrary:
            try requireArguments(1)
            return ArbitraryAccumulator(type: argumentTypes[0])
        }
    }

    /// The partial-state column types of `aggregate` (what a `.partial` aggregation emits for it).
    static func intermediateTypes(_ aggregate: BoundAggregate) throws -> [DataType] {
        try make(aggregate).intermediateTypes
    }

    private static func makeMinMax(isMax: Bool, type: DataType) -> AggregateAccumulator {
        switch type {
        case .boolean: return MinMaxAccumulator<UInt8>(isMax: isMax, type: type, zero: 0)
        case .tinyint: return MinMaxAccumulator<Int8>(isMax: isMax, type: type, zero: 0)
        case .smallint: return MinMaxAccumulator<Int16>(isMax: isMax, type: type, zero: 0)
        case .integer, .date: return MinMaxAccumulator<Int32>(isMax: isMax, type: type, zero: 0)
        case .bigint, .time, .timestamp: return MinMaxAccumulator<Int64>(isMax: isMax, type: type, zero: 0)
        case .real: return MinMaxAccumulator<Float>(isMax: isMax, type: type, zero: 0)
        case .double: return MinMaxAccumulator<Double>(isMax: isMax, type: type, zero: 0)
        case .decimal: return MinMaxAccumulator<Int128>(isMax: isMax, type: type, zero: 0)
        case .interval: return MinMaxAccumulator<Interval>(isMax: isMax, type: type, zero: Interval())
        case .varchar, .varbinary, .unknown: return StoredMinMaxAccumulator(isMax: isMax, type: type)
        }
    }

    /// The value of a constant numeric argument (a literal, possibly under casts), or nil when it is not one.
    static func constantDouble(_ expression: BoundExpression) -> Double? {
        switch expression {
        case .literal(let value, let type):
            switch value {
            case .double(let v): return v
            case .real(let v): return Double(v)
            case .integer(let v): return Double(v)
            case .decimal(let v):
                guard case .decimal(_, let scale) = type else { return nil }
                return Double(v) / Double(DecimalMath.powerOfTen(scale))
            default: return nil
            }
        case .cast(let inner, _, _):
            return constantDouble(inner)
        default:
            return nil
        }
    }
}
