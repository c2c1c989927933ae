// min_by(x, y) and max_by(x, y): the x of the row with the smallest (largest) y; rows with a NULL y are
// skipped, and x itself may be NULL. The partial state is the pair (x, y), y NULL for a group with no rows.
import StrataCore

final class ByAccumulator: AggregateAccumulator {
    let isMax: Bool
    let resultType: DataType
    private let values: GroupValueStore
    private let keys: GroupValueStore

    init(isMax: Bool, valueType: DataType, keyType: DataType) {
        self.isMax = isMax
        resultType = valueType
        values = GroupValueStore(type: valueType)
        keys = GroupValueStore(type: keyType)
    }

    var intermediateTypes: [DataType] { [values.type, keys.type] }
    var groupCount: Int { keys.count }
    var byteCount: Int { values.byteCount + keys.byteCount }

    func resize(to count: Int) {
        values.resize(to: count)
        keys.resize(to: count)
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let (value, key) = (arguments[0], arguments[1])
        for (row, group) in groups.enumerated() where !key.isNull(row) {
            let g = Int(group)
            if keys.isPresent(g) {
                let order = keys.compare(key, row: row, with: g)
                guard isMax ? order > 0 : order < 0 else { continue }
            }
            keys.set(g, from: key, row: row)
            values.set(g, from: value, row: row)
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        try update(groups: groups, arguments: states)
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) where keys.isPresent(Int(source)) {
            let (s, t) = (Int(source), Int(target))
            if keys.isPresent(t) {
                let order = keys.compare(group: s, with: t)
                guard isMax ? order > 0 : order < 0 else { continue }
            }
            keys.copy(from: s, to: t)
            values.copy(from: s, to: t)
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] { [values.column(range), keys.column(range)] }

    func results(_ range: Range<Int>) throws -> Column { values.column(range) }
}
