// approx_percentile(x, p): a t-digest per group; the percentile p must be the same for every row. The
// partial state is the percentile (DOUBLE) and the serialized digest (VARBINARY).
import StrataCore

final class ApproxPercentileAccumulator: AggregateAccumulator {
    let resultType: DataType
    private var digests: [TDigest] = []
    /// The percentile, once a row has shown it.
    private var percentile: Double?

    init(resultType: DataType, percentile: Double?) throws {
        self.resultType = resultType
        if let percentile { try adopt(percentile) }
    }

    var intermediateTypes: [DataType] { [.double, .varbinary] }
    var groupCount: Int { digests.count }
    private var measured = MeasuredBytes()
    var byteCount: Int {
        measured.bytes(groups: digests.count) {
            digests.reduce(digests.capacity * MemoryLayout<TDigest>.stride) { $0 + $1.byteCount }
        }
    }

    func resize(to count: Int) {
        guard count > digests.count else { return }
        digests.append(contentsOf: repeatElement(TDigest(), count: count - digests.count))
    }

    func update(groups: UnsafeBufferPointer<Int32>, arguments: [ColumnView]) throws {
        let percentiles = arguments[1]
        let percentileValues = try percentiles.doubles()
        for row in 0..<percentiles.count {
            if percentiles.isNull(row) { throw ExecutionError(.invalidArgument, "approx_percentile: the percentile is NULL") }
            if percentile != percentileValues[row] { try adopt(percentileValues[row]) }
        }
        let argument = arguments[0]
        if argument.type == .unknown { return }
        let values = try argument.doubles()
        digests.withUnsafeMutableBufferPointer { digests in
            for (row, group) in groups.enumerated() where !argument.isNull(row) {
                digests[Int(group)].add(values[row])
            }
        }
    }

    func merge(groups: UnsafeBufferPointer<Int32>, states: [ColumnView]) throws {
        let percentiles = states[0].typed(Double.self)
        for (row, group) in groups.enumerated() where !states[1].isNull(row) {
            if !states[0].isNull(row) && percentile != percentiles[row] { try adopt(percentiles[row]) }
            digests[Int(group)].merge(try TDigest(serialized: states[1].bytes(at: row)))
        }
    }

    func combine(sources: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>) throws {
        for (source, target) in zip(sources, targets) { digests[Int(target)].merge(digests[Int(source)]) }
    }

    func intermediates(_ range: Range<Int>) -> [Column] {
        let offsets = Buffer(capacity: (range.count + 1) * 8)
        offsets.append(Int64(0))
        let bytes = Buffer()
        for group in range {
            digests[group].serialized(into: bytes)
            offsets.append(Int64(bytes.count))
        }
        let percentileColumn =
            percentile.map { Column.constant(.double($0), .double, count: range.count) } ?? Column.nulls(.double, count: range.count)
        return [percentileColumn, Column(type: .varbinary, count: range.count, offsets: offsets, bytes: bytes)]
    }

    func results(_ range: Range<Int>) throws -> Column {
        guard let percentile else { return Column.nulls(resultType, count: range.count) }
        return try StateColumns.numeric(resultType, range) { self.digests[$0].quantile(percentile) }
    }

    private func adopt(_ value: Double) throws {
        guard value >= 0 && value <= 1 else {
            throw ExecutionError(.invalidArgument, "approx_percentile: the percentile must be between 0 and 1, got \(value)")
        }
        if let percentile, percentile != value {
            throw ExecutionError(.invalidArgument, "approx_percentile: the percentile must be the same for every row")
        }
        percentile = value
    }
}
