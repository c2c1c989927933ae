// The page index of one column chunk as its pages are written: per-page bounds, null flags and counts for
// the column index (with the boundary order, checked page by page), and page locations for the offset
// index. The column index is dropped when a page has values but no bounds (only NaN), as pyarrow does.

struct ColumnIndexBuilder {
    private var nullPages: [Bool] = []
    private var minValues: [[UInt8]] = []
    private var maxValues: [[UInt8]] = []
    private var nullCounts: [Int64] = []
    private var isValid = true
    private var ascending = true
    private var descending = true
    private var previous: (min: [UInt8], max: [UInt8])?
    /// Page locations relative to the start of the chunk's data pages.
    private(set) var locations: [PageLocation] = []

    var memoryBytes: Int {
        minValues.reduce(0) { $0 + $1.count } + maxValues.reduce(0) { $0 + $1.count } + nullPages.count * 40
    }

    /// Adds a page: its nulls, its bounds when it has ordered values (nil for an all-null or all-NaN page),
    /// and where it is. `isLess` orders bounds as the column's statistics do.
    mutating func addPage(
        valueCount: Int, nullCount: Int, bounds: (min: [UInt8], max: [UInt8])?, location: PageLocation,
        isLess: ([UInt8], [UInt8]) -> Bool
    ) {
        locations.append(location)
        nullCounts.append(Int64(nullCount))
        guard valueCount > 0 else {
            nullPages.append(true)
            minValues.append([])
            maxValues.append([])
            return
        }
        nullPages.append(false)
        guard let bounds else {
            isValid = false
            minValues.append([])
            maxValues.append([])
            return
        }
        minValues.append(bounds.min)
        maxValues.append(bounds.max)
        if let previous {
            if isLess(bounds.min, previous.min) || isLess(bounds.max, previous.max) { ascending = false }
            if isLess(previous.min, bounds.min) || isLess(previous.max, bounds.max) { descending = false }
        }
        previous = bounds
    }

    /// The column index, or nil when it cannot be written.
    var columnIndex: ColumnIndex? {
        guard isValid, !nullPages.isEmpty else { return nil }
        let order: BoundaryOrder = ascending ? .ascending : (descending ? .descending : .unordered)
        return ColumnIndex(
            nullPages: nullPages, minValues: minValues, maxValues: maxValues, boundaryOrder: order, nullCounts: nullCounts)
    }

    /// The offset index, with page offsets moved by `base` (where the chunk's data pages start in the file).
    func offsetIndex(base: Int64) -> OffsetIndex {
        OffsetIndex(pageLocations: locations.map {
            PageLocation(offset: $0.offset + base, compressedPageSize: $0.compressedPageSize, firstRowIndex: $0.firstRowIndex)
        })
    }
}
