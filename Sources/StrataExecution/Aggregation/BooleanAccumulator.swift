// bool_and (every) and bool_or over BOOLEAN; NULL for a group with no non-NULL values. The partial state
// is the BOOLEAN result so far.
import StrataCore

final class BooleanAccumulator: AggregateAccumulator {
    let isAnd: Bool
    private var values: [UInt8] = []
    private var present: [UInt8] = []

    init(isAnd: Bool) { self.isAnd = isAnd }

    var intermediateTypes: [DataType] { [.boolean] }
    var resultType: DataType { .boolean }
    var groupCount: Int { values.count }

    func resize(to count: Int) {
        guard count > values.count else { return }
        values.append(contentsOf: repeatElement(isAnd ? 1 : 0, count: count - values.count))
        present.append(contentsOf: repeatElement(0, count: count - present.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        guard argument.type == .boolean else { return }
        let input = argument.typed(UInt8.self)
        let isAnd = self.isAnd
        values.withUnsafeMutableBufferPointer { values in
            present.withUnsafeMutableBufferPointer { present in
                for (row, group) in groups.enumerated() where !argument.isNull(row) {
                    let bit: UInt8 = input[row] != 0 ? 1 : 0
                    values[Int(group)] = isAnd ? values[Int(group)] & bit : values[Int(group)] | bit
                    present[Int(group)] = 1
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
            values[t] = isAnd ? values[t] & values[s] : values[t] | values[s]
            present[t] = 1
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        [StateColumns.fixed(.boolean, values, range, present: present)]
    }

    func results(_ range: Range<Int>) throws -> Column { StateColumns.fixed(.boolean, values, range, present: present) }
}
