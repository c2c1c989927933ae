// Page pruning with the page index. Pages of different columns start at different rows, so the row group
// is cut at every page start of every column the predicate reads; each stretch between two cuts lies in
// exactly one page of each column and gets that page's bounds (from the column index) and null count
// (where it is known for the stretch). The pruning predicate evaluated over the stretches gives the rows
// worth reading; pages of any column that hold none of them are then neither fetched nor decoded.
import StrataCore
import StrataExecution
import StrataFormats

enum PageIndexPruner {
    /// What is known about one column the predicate reads, in one row group of one file.
    enum ColumnStatistics {
        /// A partition column: one value throughout.
        case constant(Value, DataType)
        /// The file lacks the column.
        case allNull
        /// A column of the file: its chunk's bounds and null count, and its page index when it has one.
        case leaf(
            descriptor: ColumnDescriptor, order: ColumnOrder?, type: DataType, chunk: StatisticsBounds, chunkNulls: Int64?,
            index: (columns: ColumnIndex, offsets: OffsetIndex)?)
    }

    /// The rows of a row group of `rowCount` rows that may hold matches, by the page indexes of `columns`
    /// (one entry per column of `predicate`).
    static func selection(
        predicate: PruningPredicate, rowCount: Int, columns: [ColumnStatistics], evaluator: ExpressionEvaluator
    ) throws -> RowSelection {
        var cuts = Set([0])
        for case .leaf(_, _, _, _, _, let index?) in columns {
            for location in index.offsets.pageLocations where location.firstRowIndex > 0 && location.firstRowIndex < rowCount {
                cuts.insert(Int(location.firstRowIndex))
            }
        }
        let starts = cuts.sorted()
        let stretches = starts.indices.map { starts[$0]..<(($0 + 1 < starts.count) ? starts[$0 + 1] : rowCount) }
        var statistics = PruningStatistics(predicate: predicate, rowCounts: stretches.map { Int64($0.count) })
        for (k, column) in columns.enumerated() {
            switch column {
            case .constant(let value, let type):
                statistics.setConstant(k, value, type: type)
            case .allNull:
                statistics.setAllNull(k)
            case .leaf(let descriptor, let order, let type, let chunk, let chunkNulls, let index):
                guard let index else {
                    for (position, stretch) in stretches.enumerated() {
                        statistics.set(
                            k, container: position, bounds: chunk,
                            nullCount: stretchNulls(chunkNulls, pageRows: rowCount, stretch: stretch.count, required: descriptor.maxDefinitionLevel == 0),
                            type: type)
                    }
                    continue
                }
                let firstRows = index.offsets.pageLocations.map { Int($0.firstRowIndex) }
                var page = 0
                for (position, stretch) in stretches.enumerated() {
                    while page + 1 < firstRows.count && firstRows[page + 1] <= stretch.lowerBound { page += 1 }
                    let pageEnd = page + 1 < firstRows.count ? firstRows[page + 1] : rowCount
                    let allNull = index.columns.nullPages[page]
                    let pageNulls: Int64? = allNull ? Int64(pageEnd - firstRows[page]) : index.columns.nullCounts?[page]
                    statistics.set(
                        k, container: position, bounds: descriptor.pageBounds(index.columns, page: page, order: order),
                        nullCount: stretchNulls(
                            pageNulls, pageRows: pageEnd - firstRows[page], stretch: stretch.count,
                            required: descriptor.maxDefinitionLevel == 0),
                        type: type)
                }
            }
        }
        let keep = try statistics.keep(predicate, evaluator: evaluator)
        return RowSelection(ranges: stretches.indices.filter { keep[$0] }.map { stretches[$0] })
    }

    /// The null count of a stretch of a page, where the page's tells it: none, or all.
    private static func stretchNulls(_ pageNulls: Int64?, pageRows: Int, stretch: Int, required: Bool) -> Int64? {
        if required { return 0 }
        guard let pageNulls else { return nil }
        if pageNulls == 0 { return 0 }
        if pageNulls == Int64(pageRows) { return Int64(stretch) }
        return nil
    }

    /// Whether a chunk's page indexes are usable together: one entry per page in each.
    static func isConsistent(_ columns: ColumnIndex, _ offsets: OffsetIndex, rowCount: Int) -> Bool {
        let locations = offsets.pageLocations
        guard !locations.isEmpty, columns.nullPages.count == locations.count, locations[0].firstRowIndex == 0 else { return false }
        if let nullCounts = columns.nullCounts, nullCounts.count != locations.count { return false }
        for index in 1..<locations.count
        where locations[index].firstRowIndex <= locations[index - 1].firstRowIndex || locations[index].firstRowIndex >= rowCount {
            return false
        }
        return true
    }
}
