// sum and avg over DECIMAL, exact in Int128. A sum must stay within DECIMAL(38) or it is an error; an
// average is rounded half away from zero to the result's scale. Partial state: the sum as
// DECIMAL(38, s), and for avg also the count (BIGINT).
import StrataCore

final class DecimalSumAccumulator: AggregateAccumulator {
    let isAverage: Bool
    let resultType: DataType
    /// Scale of the input values (and of the running sum).
    let scale: Int
    private var sums: [Int128] = []
    private var counts: [Int64] = []

    init(isAverage: Bool, inputScale: Int, resultType: DataType) throws {
        guard case .decimal = resultType else {
            throw ExecutionError(.internal, "decimal \(isAverage ? "avg" : "sum") producing \(resultType)")
        }
        self.isAverage = isAverage
        self.scale = inputScale
        self.resultType = resultType
    }

    /// 10^38: an unscaled DECIMAL(38, s) value must stay strictly below it in magnitude.
    static let limit = DecimalMath.powerOfTen(38)

    private var sumType: DataType { .decimal(precision: DataType.maximumDecimalPrecision, scale: scale) }
    var intermediateTypes: [DataType] { isAverage ? [sumType, .bigint] : [sumType] }
    var groupCount: Int { sums.count }

    func resize(to count: Int) {
        guard count > sums.count else { return }
        sums.append(contentsOf: repeatElement(0, count: count - sums.count))
        counts.append(contentsOf: repeatElement(0, count: count - counts.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        if argument.type == .unknown { return }
        guard case .decimal(_, let inputScale) = argument.type, inputScale == scale else {
            throw ExecutionError(.internal, "decimal sum of scale \(scale) given \(argument.type)")
        }
        let values = argument.typed(Int128.self)
        let limit = DecimalSumAccumulator.limit
        var overflow = false
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                for (row, group) in groups.enumerated() where !argument.isNull(row) {
                    let sum = sums[Int(group)] &+ values[row]
                    sums[Int(group)] = sum
                    counts[Int(group)] &+= 1
                    overflow = overflow || sum >= limit || sum <= -limit
                }
            }
        }
        if overflow { throw overflowError }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        let partialSums = states[0].typed(Int128.self)
        let partialCounts: UnsafePointer<Int64>? = isAverage ? states[1].typed(Int64.self) : nil
        var overflow = false
        for (row, group) in groups.enumerated() where !states[0].isNull(row) {
            let sum = sums[Int(group)] &+ partialSums[row]
            sums[Int(group)] = sum
            counts[Int(group)] &+= partialCounts?[row] ?? 1
            overflow = overflow || sum >= DecimalSumAccumulator.limit || sum <= -DecimalSumAccumulator.limit
        }
        if overflow { throw overflowError }
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        var overflow = false
        for (source, target) in zip(sources, targets) {
            let sum = sums[Int(target)] &+ sums[Int(source)]
            sums[Int(target)] = sum
            counts[Int(target)] &+= counts[Int(source)]
            overflow = overflow || sum >= DecimalSumAccumulator.limit || sum <= -DecimalSumAccumulator.limit
        }
        if overflow { throw overflowError }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        let sumColumn = StateColumns.fixed(sumType, sums, range) { self.counts[$0] > 0 }
        return isAverage ? [sumColumn, StateColumns.fixed(.bigint, counts, range)] : [sumColumn]
    }

    func results(_ range: Range<Int>) throws -> Column {
        guard case .decimal(let precision, let resultScale) = resultType else { preconditionFailure() }
        let bound = DecimalMath.powerOfTen(precision)
        return try StateColumns.build(resultType, range, as: Int128.self) { group -> Int128? in
            let count = counts[group]
            guard count > 0 else { return nil }
            var value = sums[group]
            if isAverage {
                // Scale up first so the division keeps the result's digits.
                if resultScale > scale {
                    guard let scaled = DecimalMath.rescale(value, from: scale, to: resultScale) else { throw overflowError }
                    value = DecimalMath.roundedDivide(scaled, by: Int128(count))
                } else {
                    value = DecimalMath.roundedDivide(value, by: Int128(count))
                    value = DecimalMath.rescale(value, from: scale, to: resultScale)!
                }
            } else {
                guard let rescaled = DecimalMath.rescale(value, from: scale, to: resultScale) else { throw overflowError }
                value = rescaled
            }
            guard value < bound && value > -bound else { throw overflowError }
            return value
        }
    }

    private var overflowError: ExecutionError {
        ExecutionError(.overflow, "decimal overflow in \(isAverage ? "avg" : "sum")(): the total does not fit in \(resultType)")
    }
}
