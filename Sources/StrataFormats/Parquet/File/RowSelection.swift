// Which rows of a row group to read, as sorted, disjoint, non-empty ranges: what page-index pruning
// leaves, and what late materialization asks of the columns read after the filter.

public struct RowSelection: Sendable, Hashable {
    /// Sorted, disjoint, non-adjacent, non-empty ranges of row indices.
    public private(set) var ranges: [Range<Int>]

    /// The given ranges, sorted and merged where they touch or overlap; empty ones dropped.
    public init(ranges: [Range<Int>]) {
        let sorted = ranges.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        merged.reserveCapacity(sorted.count)
        for range in sorted {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<Swift.max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    /// Every row of a row group of `count` rows.
    public static func all(_ count: Int) -> RowSelection {
        RowSelection(ranges: [0..<count])
    }

    /// The rows listed (ascending row indices), runs of consecutive rows becoming one range.
    public init(rows: UnsafeBufferPointer<Int32>) {
        var ranges: [Range<Int>] = []
        var index = 0
        while index < rows.count {
            let start = Int(rows[index])
            var end = start + 1
            index += 1
            while index < rows.count && Int(rows[index]) == end {
                end += 1
                index += 1
            }
            ranges.append(start..<end)
        }
        self.init(ranges: ranges)
    }

    public var isEmpty: Bool { ranges.isEmpty }

    /// Rows selected.
    public var rowCount: Int { ranges.reduce(0) { $0 + $1.count } }

    /// Whether any selected row lies in `range`.
    public func intersects(_ range: Range<Int>) -> Bool {
        guard !range.isEmpty else { return false }
        // The first selected range ending after the range starts.
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
        }
        return low < ranges.count && ranges[low].lowerBound < range.upperBound
    }

    /// The rows selected by both.
    public func intersection(_ other: RowSelection) -> RowSelection {
        var result: [Range<Int>] = []
        var i = 0
        var j = 0
        while i < ranges.count && j < other.ranges.count {
            let a = ranges[i]
            let b = other.ranges[j]
            let low = Swift.max(a.lowerBound, b.lowerBound)
            let high = Swift.min(a.upperBound, b.upperBound)
            if low < high { result.append(low..<high) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return RowSelection(ranges: result)
    }
}
