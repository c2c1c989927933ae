// min and max over a fixed-width type: the best value per group, NULL for a group with no values. The
// partial state is the value itself.
import StrataCore

final class MinMaxAccumulator<T: SQLOrdered>: AggregateAccumulator {
    let isMax: Bool
    let resultType: DataType
    private var best: [T] = []
    private var present: [UInt8] = []
    private let zero: T

    init(isMax: Bool, type: DataType, zero: T) {
        self.isMax = isMax
        self.resultType = type
        self.zero = zero
    }

    var intermediateTypes: [DataType] { [resultType] }
    var groupCount: Int { best.count }

    func resize(to count: Int) {
        guard count > best.count else { return }
        best.append(contentsOf: repeatElement(zero, count: count - best.count))
        present.append(contentsOf: repeatElement(0, count: count - present.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        if argument.type == .unknown { return }
        let values = argument.typed(T.self)
        let isMax = self.isMax
        best.withUnsafeMutableBufferPointer { best in
            present.withUnsafeMutableBufferPointer { present in
                for (row, group) in groups.enumerated() where !argument.isNull(row) {
                    let g = Int(group)
                    let value = values[row]
                    let better = isMax ? T.sqlLess(best[g], value) : T.sqlLess(value, best[g])
                    if present[g] == 0 || better {
                        best[g] = value
                        present[g] = 1
                    }
                }
            }
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        try update(groups: groups, arguments: states)
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) where present[Int(source)] != 0 {
            let (s, t) = (Int(source), Int(target))
            let better = isMax ? T.sqlLess(best[t], best[s]) : T.sqlLess(best[s], best[t])
            if present[t] == 0 || better {
                best[t] = best[s]
                present[t] = 1
            }
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] { [StateColumns.fixed(resultType, best, range, present: present)] }

    func results(_ range: Range<Int>) throws -> Column { StateColumns.fixed(resultType, best, range, present: present) }
}
