// The frame of every row, as a half-open range [start, end) of sorted positions within its partition:
// ROWS frames count rows; RANGE frames compare the single ORDER BY key against the current row's key
// plus or minus an offset (numbers, or intervals for dates and timestamps), with NULL keys framing
// their NULL peers.
import StrataCore
import StrataPlanner

struct WindowFrameBounds {
    let start: [Int32]
    let end: [Int32]

    /// Whether every frame begins at its partition's first row (so running aggregation applies).
    let startsAtPartition: Bool

    init(frame: WindowFrame, layout: WindowLayout, orderKey: Column?, orderAscending: Bool) throws {
        if case .unboundedFollowing = frame.start {
            throw ExecutionError(.invalidArgument, "a window frame cannot start at UNBOUNDED FOLLOWING")
        }
        if case .unboundedPreceding = frame.end {
            throw ExecutionError(.invalidArgument, "a window frame cannot end at UNBOUNDED PRECEDING")
        }
        let count = layout.count
        var start = [Int32](repeating: 0, count: count)
        var end = [Int32](repeating: 0, count: count)
        switch frame.mode {
        case .rows:
            let startOffset = try WindowFrameBounds.rowOffset(frame.start)
            let endOffset = try WindowFrameBounds.rowOffset(frame.end)
            for position in 0..<count {
                let low = Int(layout.partitionStart[position])
                let high = Int(layout.partitionEnd[position])
                start[position] = Int32(WindowFrameBounds.clamp(
                    WindowFrameBounds.rowBound(frame.start, position, startOffset, low, high, isEnd: false), low, high))
                end[position] = Int32(WindowFrameBounds.clamp(
                    WindowFrameBounds.rowBound(frame.end, position, endOffset, low, high, isEnd: true), low, high))
            }
        case .range:
            let needsKey = WindowFrameBounds.hasOffset(frame.start) || WindowFrameBounds.hasOffset(frame.end)
            var search: RangeSearch?
            if needsKey {
                guard let orderKey else {
                    throw ExecutionError(.invalidArgument, "a RANGE frame with an offset needs exactly one ORDER BY key")
                }
                search = try RangeSearch(key: orderKey, layout: layout, ascending: orderAscending)
            }
            for position in 0..<count {
                start[position] = try WindowFrameBounds.rangeBound(frame.start, position, layout, search, isEnd: false)
                end[position] = try WindowFrameBounds.rangeBound(frame.end, position, layout, search, isEnd: true)
            }
        }
        self.start = start
        self.end = end
        if case .unboundedPreceding = frame.start { startsAtPartition = true } else { startsAtPartition = false }
    }

    private static func hasOffset(_ bound: WindowFrame.Bound) -> Bool {
        switch bound {
        case .preceding, .following: return true
        default: return false
        }
    }

    private static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { min(max(value, low), high) }

    private static func rowOffset(_ bound: WindowFrame.Bound) throws -> Int {
        switch bound {
        case .preceding(let value), .following(let value):
            guard case .integer(let offset) = value, offset >= 0 else {
                throw ExecutionError(.invalidArgument, "a ROWS frame offset must be a non-negative integer, got \(value)")
            }
            return Int(clamping: offset)
        default:
            return 0
        }
    }

    private static func rowBound(
        _ bound: WindowFrame.Bound, _ position: Int, _ offset: Int, _ low: Int, _ high: Int, isEnd: Bool
    ) -> Int {
        let extra = isEnd ? 1 : 0
        switch bound {
        case .unboundedPreceding: return low
        case .unboundedFollowing: return high
        case .currentRow: return position + extra
        case .preceding: return position.subtractingReportingOverflow(offset).partialValue + extra
        case .following:
            let (moved, overflow) = position.addingReportingOverflow(offset)
            return overflow ? high : moved + extra
        }
    }

    private static func rangeBound(
        _ bound: WindowFrame.Bound, _ position: Int, _ layout: WindowLayout, _ search: RangeSearch?, isEnd: Bool
    ) throws -> Int32 {
        switch bound {
        case .unboundedPreceding: return layout.partitionStart[position]
        case .unboundedFollowing: return layout.partitionEnd[position]
        case .currentRow: return isEnd ? layout.peerEnd[position] : layout.peerStart[position]
        case .preceding(let offset): return try search!.bound(position, offset: offset, preceding: true, isEnd: isEnd)
        case .following(let offset): return try search!.bound(position, offset: offset, preceding: false, isEnd: isEnd)
        }
    }
}

/// Binary search for RANGE offsets over the ORDER BY key, in the engine's numbers: Int128 for integers,
/// decimals (unscaled) and dates and timestamps (as microseconds), Double for floating point.
private struct RangeSearch {
    let key: Column
    let layout: WindowLayout
    let ascending: Bool
    let isFloating: Bool
    let integers: [Int128]
    let doubles: [Double]
    let type: DataType

    init(key source: Column, layout: WindowLayout, ascending: Bool) throws {
        let view = ColumnView(source)
        key = view.column
        self.layout = layout
        self.ascending = ascending
        type = source.type
        isFloating = source.type.isFloatingPoint
        var integers: [Int128] = []
        var doubles: [Double] = []
        // Keys in sorted-position order.
        switch source.type {
        case .real, .double:
            let values = try view.doubles()
            doubles = layout.order.map { values[Int($0)] }
        case .tinyint, .smallint, .integer, .bigint:
            let values = try view.integers()
            integers = layout.order.map { Int128(values[Int($0)]) }
        case .decimal:
            let values = view.typed(Int128.self)
            integers = layout.order.map { values[Int($0)] }
        case .date:
            let values = view.typed(Int32.self)
            integers = layout.order.map { Int128(values[Int($0)]) * Int128(Time.microsecondsPerDay) }
        case .timestamp:
            let values = view.typed(Int64.self)
            integers = layout.order.map { Int128(values[Int($0)]) }
        default:
            throw ExecutionError(.invalidArgument, "a RANGE frame with an offset cannot order by \(source.type)")
        }
        self.integers = integers
        self.doubles = doubles
    }

    private func isNull(_ position: Int) -> Bool { key.isNull(Int(layout.order[position])) }

    /// The frame bound for `position`: the first row "not before" the target for a start bound, the first
    /// row "after" it for an end bound, in the order's direction.
    func bound(_ position: Int, offset: Value, preceding: Bool, isEnd: Bool) throws -> Int32 {
        if isNull(position) { return isEnd ? layout.peerEnd[position] : layout.peerStart[position] }
        // NULL keys sit at one end of the partition; search only the non-NULL rows.
        var low = Int(layout.partitionStart[position])
        var high = Int(layout.partitionEnd[position])
        while low < high && isNull(low) { low += 1 }
        while high > low && isNull(high - 1) { high -= 1 }
        // Moving "preceding" goes against the order's direction.
        let towardsSmaller = preceding == ascending
        if isFloating {
            guard let amount = RangeSearch.doubleOffset(offset), amount >= 0 else { throw offsetError(offset) }
            let target = towardsSmaller ? doubles[position] - amount : doubles[position] + amount
            return Int32(search(low, high, isEnd) { self.compare(self.doubles[$0], target) })
        }
        guard let target = try integerTarget(position, offset, towardsSmaller: towardsSmaller) else {
            // Past the representable range: the frame runs to the partition's edge.
            let beforeAll = towardsSmaller == ascending
            return Int32(beforeAll ? low : high)
        }
        return Int32(search(low, high, isEnd) { self.compare(self.integers[$0], target) })
    }

    /// How a key compares with the target in the order's direction (negative: earlier in window order).
    private func compare<T: Comparable>(_ value: T, _ target: T) -> Int {
        if value == target { return 0 }
        return (value < target) == ascending ? -1 : 1
    }

    /// First position in [low, high) whose key is not before the target (start) or after it (end).
    private func search(_ low: Int, _ high: Int, _ isEnd: Bool, _ compare: (Int) -> Int) -> Int {
        var low = low
        var high = high
        while low < high {
            let middle = (low + high) / 2
            let order = compare(middle)
            if isEnd ? order <= 0 : order < 0 { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func integerTarget(_ position: Int, _ offset: Value, towardsSmaller: Bool) throws -> Int128? {
        let current = integers[position]
        switch (type, offset) {
        case (.date, .interval(let interval)), (.timestamp, .interval(let interval)):
            guard interval.months >= 0, interval.days >= 0, interval.microseconds >= 0 else { throw offsetError(offset) }
            let sign: Int64 = towardsSmaller ? -1 : 1
            guard let base = Int64(exactly: current),
                let moved = CalendarMath.addMonths(microseconds: base, months: sign * Int64(interval.months))
            else { return nil }
            return Int128(moved)
                + Int128(sign) * (Int128(interval.days) * Int128(Time.microsecondsPerDay) + Int128(interval.microseconds))
        case (.date, .integer(let days)):
            guard days >= 0 else { throw offsetError(offset) }
            let amount = Int128(days) * Int128(Time.microsecondsPerDay)
            return towardsSmaller ? current - amount : current + amount
        case (.decimal(_, let scale), _):
            let amount: Int128
            switch offset {
            case .decimal(let unscaled): amount = unscaled
            case .integer(let whole): amount = Int128(whole) * DecimalMath.powerOfTen(scale)
            default: throw offsetError(offset)
            }
            guard amount >= 0 else { throw offsetError(offset) }
            return towardsSmaller ? current - amount : current + amount
        case (_, .integer(let amount)) where type.isInteger:
            guard amount >= 0 else { throw offsetError(offset) }
            return towardsSmaller ? current - Int128(amount) : current + Int128(amount)
        default:
            throw offsetError(offset)
        }
    }

    private static func doubleOffset(_ offset: Value) -> Double? {
        switch offset {
        case .double(let v): return v
        case .real(let v): return Double(v)
        case .integer(let v): return Double(v)
        default: return nil
        }
    }

    private func offsetError(_ offset: Value) -> ExecutionError {
        ExecutionError(.invalidArgument, "invalid RANGE offset \(offset) for an ORDER BY key of type \(type): it must be a non-negative value of the key's kind")
    }
}
