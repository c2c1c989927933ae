// An aggregate over every row's frame, built on the accumulators' `combine`: each sorted row gets its
// own state (a leaf); frames anchored at the partition's first row are then computed as a running total
// (row i's state = row i-1's plus the rows newly in the frame: O(n)), any other frame from a segment tree
// over the leaves (O(n log n)), never by re-aggregating each frame from scratch.
import StrataCore
import StrataPlanner

enum WindowAggregation {
    /// The aggregate's value for every sorted position, given its arguments in sorted order.
    static func evaluate(
        _ aggregate: BoundAggregate, arguments: [Column], frames: WindowFrameBounds, layout: WindowLayout
    ) throws -> Column {
        let accumulator = try Accumulators.make(aggregate)
        guard accumulator.resultType == aggregate.type else {
            throw ExecutionError(
                .internal, "\(aggregate.function.rawValue) computes \(accumulator.resultType), the plan expects \(aggregate.type)")
        }
        let count = layout.count
        if count == 0 { return try accumulator.results(0..<0) }
        accumulator.resize(to: count)
        let leaves = (0..<Int32(count)).map { $0 }
        let views = accumulator.views(of: arguments)
        try leaves.withUnsafeBufferPointer { try accumulator.update(groups: $0, arguments: views) }

        var sources: [Int32] = []
        var targets: [Int32] = []
        let resultBase: Int
        if frames.startsAtPartition {
            resultBase = count
            accumulator.resize(to: 2 * count)
            var previousEnd = 0
            for position in 0..<count {
                let target = Int32(resultBase + position)
                let partitionStart = Int(layout.partitionStart[position])
                let end = Int(frames.end[position])
                var from = partitionStart
                if position > partitionStart && end >= previousEnd {
                    sources.append(target - 1)
                    targets.append(target)
                    from = previousEnd
                }
                for leaf in from..<max(from, end) {
                    sources.append(Int32(leaf))
                    targets.append(target)
                }
                previousEnd = end
            }
        } else {
            // Levels of a segment tree: node j of level k covers leaves [j * 2^k, (j + 1) * 2^k).
            var levelOffsets = [0]
            var levelSizes = [count]
            var total = count
            while levelSizes.last! > 1 {
                let size = (levelSizes.last! + 1) / 2
                let childOffset = levelOffsets.last!
                for node in 0..<size {
                    for child in (2 * node)..<min(2 * node + 2, levelSizes.last!) {
                        sources.append(Int32(childOffset + child))
                        targets.append(Int32(total + node))
                    }
                }
                levelOffsets.append(total)
                levelSizes.append(size)
                total += size
            }
            resultBase = total
            accumulator.resize(to: total + count)
            for position in 0..<count {
                let target = Int32(resultBase + position)
                var low = Int(frames.start[position])
                var high = Int(frames.end[position])
                var level = 0
                while low < high {
                    if low & 1 == 1 {
                        sources.append(Int32(levelOffsets[level] + low))
                        targets.append(target)
                        low += 1
                    }
                    if high & 1 == 1 {
                        high -= 1
                        sources.append(Int32(levelOffsets[level] + high))
                        targets.append(target)
                    }
                    low >>= 1
                    high >>= 1
                    level += 1
                }
            }
        }
        try sources.withUnsafeBufferPointer { sources in
            try targets.withUnsafeBufferPointer { targets in
                try accumulator.combine(sources: sources, targets: targets)
            }
        }
        return try accumulator.results(resultBase..<(resultBase + count))
    }
}
