// sum and avg over REAL and DOUBLE, accumulated in DOUBLE. Partial state: the sum (DOUBLE), and for avg
// also the count (BIGINT).
import StrataCore

final class FloatSumAccumulator: AggregateAccumulator {
    let isAverage: Bool
    let resultType: DataType
    private var sums: [Double] = []
    private var counts: [Int64] = []

    init(isAverage: Bool, resultType: DataType) {
        self.isAverage = isAverage
        self.resultType = resultType
    }

    var intermediateTypes: [DataType] { isAverage ? [.double, .bigint] : [.double] }
    var groupCount: Int { sums.count }

    func resize(to count: Int) {
        guard count > sums.count else { return }
        sums.append(contentsOf: repeatElement(0, count: count - sums.count))
        counts.append(contentsOf: repeatElement(0, count: count - counts.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        switch argument.type {
        case .double: add(groups, argument, argument.typed(Double.self))
        case .real: add(groups, argument, argument.typed(Float.self))
        case .unknown: return
        default:
            let values = try argument.doubles()
            values.withUnsafeBufferPointer { add(groups, argument, $0.baseAddress!) }
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        let partialSums = states[0].typed(Double.self)
        let partialCounts: UnsafePointer<Int64>? = isAverage ? states[1].typed(Int64.self) : nil
        for (row, group) in groups.enumerated() where !states[0].isNull(row) {
            sums[Int(group)] += partialSums[row]
            counts[Int(group)] &+= partialCounts?[row] ?? 1
        }
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) {
            sums[Int(target)] += sums[Int(source)]
            counts[Int(target)] &+= counts[Int(source)]
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        let sumColumn = StateColumns.fixed(.double, sums, range) { self.counts[$0] > 0 }
        return isAverage ? [sumColumn, StateColumns.fixed(.bigint, counts, range)] : [sumColumn]
    }

    func results(_ range: Range<Int>) throws -> Column {
        try StateColumns.numeric(resultType, range) { group in
            let count = counts[group]
            guard count > 0 else { return nil }
            return isAverage ? sums[group] / Double(count) : sums[group]
        }
    }

    private func add<T: BinaryFloatingPoint>(
        _ groups: UnsafeBufferPointer<Int32>, _ argument: ColumnView, _ values: UnsafePointer<T>
    ) {
        sums.withUnsafeMutableBufferPointer { sums in
            counts.withUnsafeMutableBufferPointer { counts in
                if argument.validity == nil {
                    for (row, group) in groups.enumerated() {
                        sums[Int(group)] += Double(values[row])
                        counts[Int(group)] &+= 1
                    }
                } else {
                    for (row, group) in groups.enumerated() where !argument.isNull(row) {
                        sums[Int(group)] += Double(values[row])
                        counts[Int(group)] &+= 1
                    }
                }
            }
        }
    }
}
