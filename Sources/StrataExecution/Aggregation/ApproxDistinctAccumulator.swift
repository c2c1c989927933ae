// approx_distinct(x [, e]): a HyperLogLog sketch per group over the hashes of the non-NULL values. The
// partial state is the serialized sketch (VARBINARY).
import StrataCore

final class ApproxDistinctAccumulator: AggregateAccumulator {
    private var sketches: [HyperLogLog] = []
    private var precision: Int?

    /// `precision` is known up front when the error bound is a literal (or absent); otherwise it is read
    /// from the second argument of the first batch.
    init(precision: Int?) { self.precision = precision }

    var intermediateTypes: [DataType] { [.varbinary] }
    var resultType: DataType { .bigint }
    var groupCount: Int { sketches.count }
    private var measured = MeasuredBytes()
    var byteCount: Int {
        measured.bytes(groups: sketches.count) {
            sketches.reduce(sketches.capacity * MemoryLayout<HyperLogLog>.stride) { $0 + $1.byteCount }
        }
    }

    func resize(to count: Int) {
        guard count > sketches.count else { return }
        sketches.append(contentsOf: repeatElement(HyperLogLog(precision: precision ?? 11), count: count - sketches.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        if precision == nil, arguments.count > 1 {
            let errors = try arguments[1].doubles()
            if let row = (0..<arguments[1].count).first(where: { !arguments[1].isNull($0) }) {
                try adopt(HyperLogLog.precision(forStandardError: errors[row]))
            }
        }
        let argument = arguments[0]
        if argument.type == .unknown || groups.isEmpty { return }
        var hashes = [UInt64](repeating: 0, count: argument.count)
        hashes.withUnsafeMutableBufferPointer { ColumnHasher.hash(KeyVector(argument.column), into: $0, combine: false) }
        sketches.withUnsafeMutableBufferPointer { sketches in
            for (row, group) in groups.enumerated() where !argument.isNull(row) {
                sketches[Int(group)].add(hashes[row])
            }
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        let state = states[0]
        for (row, group) in groups.enumerated() where !state.isNull(row) {
            let other = try HyperLogLog(serialized: state.bytes(at: row))
            if sketches[Int(group)].precision != other.precision {
                guard sketches[Int(group)].sparse.isEmpty && !sketches[Int(group)].isDense else {
                    throw ExecutionError(.internal, "approx_distinct partial states of different precisions")
                }
                sketches[Int(group)] = HyperLogLog(precision: other.precision)
            }
            sketches[Int(group)].merge(other)
        }
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) { sketches[Int(target)].merge(sketches[Int(source)]) }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        let offsets = Buffer(capacity: (range.count + 1) * 8)
        offsets.append(Int64(0))
        let bytes = Buffer()
        for group in range {
            sketches[group].serialized(into: bytes)
            offsets.append(Int64(bytes.count))
        }
        return [Column(type: .varbinary, count: range.count, offsets: offsets, bytes: bytes)]
    }

    func results(_ range: Range<Int>) throws -> Column {
        StateColumns.build(.bigint, range, as: Int64.self) { Int64(self.sketches[$0].estimate().rounded()) }
    }

    private func adopt(_ newPrecision: Int) throws {
        precision = newPrecision
        for index in sketches.indices where sketches[index].precision != newPrecision {
            guard sketches[index].sparse.isEmpty && !sketches[index].isDense else {
                throw ExecutionError(.invalidArgument, "approx_distinct: the maximum standard error must be constant")
            }
            sketches[index] = HyperLogLog(precision: newPrecision)
        }
    }
}
