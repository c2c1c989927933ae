// sum over integers: a BIGINT per group; going past the BIGINT range is an error, as in Trino.
import StrataCore

final class IntegerSumAccumulator: AggregateAccumulator {
    private var sums: [Int64] = []
    /// 1 once the group has seen a non-NULL value (the sum of no values is NULL).
    private var present: [UInt8] = []

    var intermediateTypes: [DataType] { [.bigint] }
    var resultType: DataType { .bigint }
    var groupCount: Int { sums.count }

    func resize(to count: Int) {
        guard count > sums.count else { return }
        sums.append(contentsOf: repeatElement(0, count: count - sums.count))
        present.append(contentsOf: repeatElement(0, count: count - present.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        switch argument.type {
        case .bigint: try add(groups, argument, argument.typed(Int64.self))
        case .integer: try add(groups, argument, argument.typed(Int32.self))
        case .smallint: try add(groups, argument, argument.typed(Int16.self))
        case .tinyint: try add(groups, argument, argument.typed(Int8.self))
        case .unknown: return
        default: throw ExecutionError(.internal, "integer sum over \(argument.type)")
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        try add(groups, states[0], states[0].typed(Int64.self))
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        var overflow = false
        for (source, target) in zip(sources, targets) where present[Int(source)] != 0 {
            let (sum, overflowed) = sums[Int(target)].addingReportingOverflow(sums[Int(source)])
            sums[Int(target)] = sum
            present[Int(target)] = 1
            overflow = overflow || overflowed
        }
        if overflow { throw IntegerSumAccumulator.overflowError }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        [StateColumns.fixed(.bigint, sums, range, present: present)]
    }

    func results(_ range: Range<Int>) throws -> Column { StateColumns.fixed(.bigint, sums, range, present: present) }

    static let overflowError = ExecutionError(.overflow, "bigint overflow in sum(): the total is out of the BIGINT range")

    private func add<T: BinaryInteger>(
        _ groups: UnsafeBufferPointer<Int32>, _ argument: ColumnView, _ values: UnsafePointer<T>
    ) throws {
        var overflow = false
        sums.withUnsafeMutableBufferPointer { sums in
            present.withUnsafeMutableBufferPointer { present in
                if argument.validity == nil {
                    for (row, group) in groups.enumerated() {
                        let (sum, overflowed) = sums[Int(group)].addingReportingOverflow(Int64(values[row]))
                        sums[Int(group)] = sum
                        present[Int(group)] = 1
                        overflow = overflow || overflowed
                    }
                } else {
                    for (row, group) in groups.enumerated() where !argument.isNull(row) {
                        let (sum, overflowed) = sums[Int(group)].addingReportingOverflow(Int64(values[row]))
                        sums[Int(group)] = sum
                        present[Int(group)] = 1
                        overflow = overflow || overflowed
                    }
                }
            }
        }
        if overflow { throw IntegerSumAccumulator.overflowError }
    }
}
