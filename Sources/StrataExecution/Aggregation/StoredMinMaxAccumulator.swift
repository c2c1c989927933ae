// min and max over strings (compared by bytes) and any other type kept in a `GroupValueStore`. The partial
// state is the value itself.
import StrataCore

final class StoredMinMaxAccumulator: AggregateAccumulator {
    let isMax: Bool
    let resultType: DataType
    private let store: GroupValueStore

    init(isMax: Bool, type: DataType) {
        self.isMax = isMax
        resultType = type
        store = GroupValueStore(type: type)
    }

    var intermediateTypes: [DataType] { [resultType] }
    var groupCount: Int { store.count }
    var byteCount: Int { store.byteCount }

    func resize(to count: Int) { store.resize(to: count) }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        for (row, group) in groups.enumerated() where !argument.isNull(row) {
            let g = Int(group)
            if !store.isPresent(g) {
                store.set(g, from: argument, row: row)
                continue
            }
            let order = store.compare(argument, row: row, with: g)
            if isMax ? order > 0 : order < 0 { store.set(g, from: argument, row: row) }
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        try update(groups: groups, arguments: states)
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) where store.isPresent(Int(source)) {
            let (s, t) = (Int(source), Int(target))
            if !store.isPresent(t) {
                store.copy(from: s, to: t)
                continue
            }
            let order = store.compare(group: s, with: t)
            if isMax ? order > 0 : order < 0 { store.copy(from: s, to: t) }
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] { [store.column(range)] }

    func results(_ range: Range<Int>) throws -> Column { store.column(range) }
}
