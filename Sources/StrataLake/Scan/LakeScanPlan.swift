// What every pipeline of one scan shares: the files, the columns to read, the filter, the counters.
import StrataCore
import StrataPlanner
import Synchronization

final class LakeScanPlan: @unchecked Sendable {
    let source: LakeTableSource
    /// The files that survived partition pruning (indices into `source.files`).
    let files: [Int]
    /// Table column positions read, ascending: the output columns and those the filter needs.
    let readColumns: [Int]
    let tableFields: [Field]
    /// The filter over `readColumns` positions.
    let filter: BoundExpression?
    /// Positions in `readColumns` of the output, in output order.
    let output: [Int]
    /// Each partition key's typed value per file of `source.files`.
    let partitionValues: [[Value]]
    let queue: ScanWorkQueue
    let metrics: ScanMetrics
    /// Rows still wanted when the scan has a LIMIT.
    let remaining: Atomic<Int>
    let hasLimit: Bool

    init(source: LakeTableSource, files: [Int], scan: TableScan, partitionValues: [[Value]], metrics: ScanMetrics) {
        self.source = source
        self.files = files
        tableFields = scan.table.columns
        let filterColumns = scan.filters.reduce(into: Set<Int>()) { $0.formUnion($1.referencedColumns) }
        readColumns = Array(Set(scan.columns).union(filterColumns)).sorted()
        let position = Dictionary(uniqueKeysWithValues: readColumns.enumerated().map { ($1, $0) })
        filter = scan.filters.isEmpty ? nil : BoundExpression.conjunction(scan.filters).remappingColumns { position[$0]! }
        output = scan.columns.map { position[$0]! }
        self.partitionValues = partitionValues
        queue = ScanWorkQueue(fileCount: files.count)
        self.metrics = metrics
        remaining = Atomic(scan.limit ?? Int.max)
        hasLimit = scan.limit != nil
    }

    var partitionStart: Int { tableFields.count - source.partitionKeys.count }

    /// Which file column each read column comes from, by name (nil: the file lacks it, or it is a
    /// partition column), checking that the file's type widens to the table's.
    func columnSources(fileSchema: Schema, location: String) throws -> [(position: Int, type: DataType)?] {
        try readColumns.map { column -> (position: Int, type: DataType)? in
            guard column < partitionStart, let index = fileSchema.index(of: tableFields[column].name) else { return nil }
            let fileType = fileSchema.fields[index].type
            let tableType = tableFields[column].type
            let widens = SchemaMerger.widen(fileType, tableType) == tableType || tableType == .varchar && source.readOptions.format != .parquet
            if fileType != tableType && fileType != .unknown && !widens {
                throw LakeError(
                    "\(location): column \(tableFields[column].name) is \(fileType) here but \(tableType) in the table's other files")
            }
            return (index, fileType)
        }
    }
}
