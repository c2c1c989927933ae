// count(*), count(x) and count_if(x): one BIGINT per group, also the partial state.
import StrataCore

final class CountAccumulator: AggregateAccumulator {
    enum Kind {
        /// count(*): every row.
        case rows
        /// count(x): rows where x is not NULL.
        case nonNull
        /// count_if(x): rows where x is TRUE.
        case trueValues
    }

    let kind: Kind
    private var counts: [Int64] = []

    init(kind: Kind) { self.kind = kind }

    var intermediateTypes: [DataType] { [.bigint] }
    var resultType: DataType { .bigint }
    var groupCount: Int { counts.count }
    /// count(x) asks only whether x is NULL; count_if(x) reads x.
    var readsArgumentValues: Bool { kind == .trueValues }

    func resize(to count: Int) {
        if count > counts.count { counts.append(contentsOf: repeatElement(0, count: count - counts.count)) }
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        counts.withUnsafeMutableBufferPointer { counts in
            switch kind {
            case .rows:
                for group in groups { counts[Int(group)] &+= 1 }
            case .nonNull:
                let argument = arguments[0]
                if argument.validity == nil && argument.type != .unknown {
                    for group in groups { counts[Int(group)] &+= 1 }
                } else if argument.type != .unknown {
                    for (row, group) in groups.enumerated() where !argument.isNull(row) { counts[Int(group)] &+= 1 }
                }
            case .trueValues:
                let argument = arguments[0]
                guard argument.type == .boolean else { return }
                let values = argument.typed(UInt8.self)
                for (row, group) in groups.enumerated() where values[row] != 0 && !argument.isNull(row) {
                    counts[Int(group)] &+= 1
                }
            }
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        let partial = states[0].typed(Int64.self)
        counts.withUnsafeMutableBufferPointer { counts in
            for (row, group) in groups.enumerated() where !states[0].isNull(row) { counts[Int(group)] &+= partial[row] }
        }
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        counts.withUnsafeMutableBufferPointer { counts in
            for (source, target) in zip(sources, targets) { counts[Int(target)] &+= counts[Int(source)] }
        }
    }

    func intermediates(_ range: Range<Int>) -> [Column] { [StateColumns.fixed(.bigint, counts, range)] }

    func results(_ range: Range<Int>) throws -> Column { StateColumns.fixed(.bigint, counts, range) }
}
