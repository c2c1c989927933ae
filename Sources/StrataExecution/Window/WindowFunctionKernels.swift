// The ranking and navigation window functions over sorted positions: row_number, rank, dense_rank,
// percent_rank, cume_dist, ntile, lag, lead, first_value, last_value, nth_value.
import StrataCore

enum WindowFunctionKernels {
    static func rowNumber(_ layout: WindowLayout) -> Column {
        integers(layout.count) { Int64($0) - Int64(layout.partitionStart[$0]) + 1 }
    }

    static func rank(_ layout: WindowLayout) -> Column {
        integers(layout.count) { Int64(layout.peerStart[$0]) - Int64(layout.partitionStart[$0]) + 1 }
    }

    static func denseRank(_ layout: WindowLayout) -> Column {
        var ranks = [Int64](repeating: 0, count: layout.count)
        for position in 0..<layout.count {
            if layout.partitionStart[position] == position {
                ranks[position] = 1
            } else {
                ranks[position] = ranks[position - 1] + (layout.peerStart[position] == position ? 1 : 0)
            }
        }
        return Column(type: .bigint, count: ranks.count, values: Buffer(ranks))
    }

    static func percentRank(_ layout: WindowLayout) -> Column {
        doubles(layout.count) { position in
            let size = Double(layout.partitionEnd[position] - layout.partitionStart[position])
            let rank = Double(layout.peerStart[position] - layout.partitionStart[position])
            return size > 1 ? rank / (size - 1) : 0
        }
    }

    static func cumeDist(_ layout: WindowLayout) -> Column {
        doubles(layout.count) { position in
            let size = Double(layout.partitionEnd[position] - layout.partitionStart[position])
            return Double(layout.peerEnd[position] - layout.partitionStart[position]) / size
        }
    }

    /// ntile(n): buckets 1...n of sizes differing by at most one, the larger ones first.
    static func ntile(_ layout: WindowLayout, buckets: Column) throws -> Column {
        let view = ColumnView(buckets)
        let values = try view.integers()
        var result = [Int64](repeating: 0, count: layout.count)
        let validity = Bitmap(count: layout.count, allSet: true)
        var anyNull = false
        for position in 0..<layout.count {
            let row = Int(layout.order[position])
            if view.isNull(row) {
                validity.clear(position)
                anyNull = true
                continue
            }
            let n = values[row]
            guard n > 0 else { throw ExecutionError(.invalidArgument, "ntile: the number of buckets must be positive, got \(n)") }
            let size = Int64(layout.partitionEnd[position] - layout.partitionStart[position])
            let index = Int64(position) - Int64(layout.partitionStart[position])
            let small = size / n
            let large = small + 1
            let largeCount = size % n
            if index < largeCount * large {
                result[position] = index / large + 1
            } else {
                result[position] = largeCount + (index - largeCount * large) / small + 1
            }
        }
        return Column(type: .bigint, count: result.count, values: Buffer(result), validity: anyNull ? validity : nil)
    }

    /// lag (`direction` -1) and lead (+1): the value `offset` rows away in the partition, else `fallback`.
    static func shift(
        _ layout: WindowLayout, values: Column, offsets: Column?, fallback: Column?, direction: Int
    ) throws -> Column {
        let count = layout.count
        let offsetView = offsets.map(ColumnView.init)
        let offsetValues = try offsetView?.integers()
        // Indices into `values` (input rows), or into `fallback` (count + row) for rows without a partner.
        let source = fallback.map { Column.concatenate([values, $0], type: values.type) } ?? values
        var indices = [Int32](repeating: -1, count: count)
        for position in 0..<count {
            let row = Int(layout.order[position])
            var distance: Int64 = 1
            if let offsetView, let offsetValues {
                if offsetView.isNull(row) { continue }
                distance = offsetValues[row]
                guard distance >= 0 else {
                    throw ExecutionError(.invalidArgument, "lag/lead: the offset must not be negative, got \(distance)")
                }
            }
            let (target, overflow) = Int64(position).addingReportingOverflow(distance * Int64(direction))
            if !overflow && target >= Int64(layout.partitionStart[position]) && target < Int64(layout.partitionEnd[position]) {
                indices[position] = layout.order[Int(target)]
            } else if fallback != nil {
                indices[position] = Int32(count + row)
            }
        }
        return source.gather(indices)
    }

    /// first_value, last_value and nth_value over each row's frame.
    static func frameValue(
        _ values: Column, frames: WindowFrameBounds, layout: WindowLayout, pick: (_ start: Int, _ end: Int, _ row: Int) throws -> Int?
    ) rethrows -> Column {
        var indices = [Int32](repeating: -1, count: layout.count)
        for position in 0..<layout.count {
            let start = Int(frames.start[position])
            let end = Int(frames.end[position])
            if let chosen = try pick(start, end, Int(layout.order[position])), chosen >= start, chosen < end {
                indices[position] = layout.order[chosen]
            }
        }
        return values.gather(indices)
    }

    private static func integers(_ count: Int, _ value: (Int) -> Int64) -> Column {
        let values = (0..<count).map(value)
        return Column(type: .bigint, count: count, values: Buffer(values))
    }

    private static func doubles(_ count: Int, _ value: (Int) -> Double) -> Column {
        let values = (0..<count).map(value)
        return Column(type: .double, count: count, values: Buffer(values))
    }
}
