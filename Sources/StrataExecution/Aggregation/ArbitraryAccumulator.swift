// arbitrary(x) (any_value): some non-NULL x of the group — the first one seen. The partial state is the
// value itself.
import StrataCore

final class ArbitraryAccumulator: AggregateAccumulator {
    let resultType: DataType
    private let store: GroupValueStore

    init(type: DataType) {
        resultType = type
        store = GroupValueStore(type: type)
    }

    var intermediateTypes: [DataType] { [resultType] }
    var groupCount: Int { store.count }
    var byteCount: Int { store.byteCount }

    func resize(to count: Int) { store.resize(to: count) }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let argument = arguments[0]
        for (row, group) in groups.enumerated() where !store.isPresent(Int(group)) && !argument.isNull(row) {
            store.set(Int(group), from: argument, row: row)
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        try update(groups: groups, arguments: states)
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) where store.isPresent(Int(source)) && !store.isPresent(Int(target)) {
            store.copy(from: Int(source), to: Int(target))
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] { [store.column(range)] }

    func results(_ range: Range<Int>) throws -> Column { store.column(range) }
}
