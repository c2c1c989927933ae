// stddev_samp, stddev_pop, var_samp and var_pop with Welford's online update and Chan's pairwise merge,
// which stay accurate where the textbook sum-of-squares formula cancels catastrophically. Partial state:
// count (BIGINT), mean (DOUBLE) and the sum of squared deviations M2 (DOUBLE).
import StrataCore

final class VarianceAccumulator: AggregateAccumulator {
    enum Statistic { case sampleVariance, populationVariance, sampleStandardDeviation, populationStandardDeviation }

    let statistic: Statistic
    let resultType: DataType
    private var counts: [Int64] = []
    private var means: [Double] = []
    private var squares: [Double] = []

    init(statistic: Statistic, resultType: DataType) {
        self.statistic = statistic
        self.resultType = resultType
    }

    var intermediateTypes: [DataType] { [.bigint, .double, .double] }
    var groupCount: Int { counts.count }

    func resize(to count: Int) {
        guard count > counts.count else { return }
        let added = count - counts.count
        counts.append(contentsOf: repeatElement(0, count: added))
        means.append(contentsOf: repeatElement(0, count: added))
        squares.append(contentsOf: repeatElement(0, count: added))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        if argument.type == .unknown { return }
        let values = try argument.doubles()
        for (row, group) in groups.enumerated() where !argument.isNull(row) {
            let g = Int(group)
            let count = counts[g] + 1
            let delta = values[row] - means[g]
            let mean = means[g] + delta / Double(count)
            squares[g] += delta * (values[row] - mean)
            means[g] = mean
            counts[g] = count
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        let partialCounts = states[0].typed(Int64.self)
        let partialMeans = states[1].typed(Double.self)
        let partialSquares = states[2].typed(Double.self)
        for (row, group) in groups.enumerated() where !states[0].isNull(row) {
            add(Int(group), partialCounts[row], partialMeans[row], partialSquares[row])
        }
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) {
            let s = Int(source)
            add(Int(target), counts[s], means[s], squares[s])
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        [
            StateColumns.fixed(.bigint, counts, range), StateColumns.fixed(.double, means, range),
            StateColumns.fixed(.double, squares, range),
        ]
    }

    func results(_ range: Range<Int>) throws -> Column {
        try StateColumns.numeric(resultType, range) { group in
            let count = Double(counts[group])
            switch statistic {
            case .sampleVariance: return count > 1 ? squares[group] / (count - 1) : nil
            case .populationVariance: return count > 0 ? squares[group] / count : nil
            case .sampleStandardDeviation: return count > 1 ? (squares[group] / (count - 1)).squareRoot() : nil
            case .populationStandardDeviation: return count > 0 ? (squares[group] / count).squareRoot() : nil
            }
        }
    }

    /// Chan et al.'s combination of two (count, mean, M2) summaries.
    private func add(_ group: Int, _ count: Int64, _ mean: Double, _ square: Double) {
        guard count > 0 else { return }
        let existing = counts[group]
        if existing == 0 {
            counts[group] = count
            means[group] = mean
            squares[group] = square
            return
        }
        let total = existing + count
        let delta = mean - means[group]
        let weight = Double(count) / Double(total)
        means[group] += delta * weight
        squares[group] += square + delta * delta * Double(existing) * weight
        counts[group] = total
    }
}
