// One piece of a scan being read — a Parquet row group or a whole text file — as batches of the file's
// columns, and where each of the scan's read columns is among them. A reader may apply the scan's filter
// itself (late materialization: the Parquet reader decodes the filter's columns first, then the others
// only for the rows that pass); it asks the scan operator to evaluate the filter, so the operator stays
// the one place that lays out a file's columns as the table's.
import StrataCore
import StrataFormats
import StrataPlanner
import StrataStorage

protocol ScanFileReader: AnyObject {
    var fileIndex: Int { get }
    /// For each read column of the plan: its position in this reader's batches and its type there.
    var sources: [(position: Int, type: DataType)?] { get }
    /// Whether the batches `next` returns already passed the scan's filter.
    var appliesFilter: Bool { get }
    func next(maxRows: Int) throws -> Batch?
    /// Adds what was read to the scan's counters, once the reader is done.
    func finish(_ counters: ScanCounters)
}

/// Evaluates a predicate over the scan's read columns for a batch of one file's columns: what a reader
/// that filters by itself asks of the scan operator.
protocol ScanRowFilter: AnyObject {
    /// The rows of `batch` (laid out as `sources` says, for file `fileIndex`) where `predicate` (over
    /// read-column positions) is TRUE.
    func selectRows(
        where predicate: BoundExpression, in batch: Batch, sources: [(position: Int, type: DataType)?], fileIndex: Int
    ) throws -> [Int32]
}

/// A whole CSV or NDJSON file.
final class TextFileReader: ScanFileReader {
    let fileIndex: Int
    let sources: [(position: Int, type: DataType)?]
    var appliesFilter: Bool { false }
    private let next: (Int) throws -> Batch?
    private var rows = 0

    init(file: DataFile, fileIndex: Int, options: FileReadOptions, plan: LakeScanPlan) throws {
        self.fileIndex = fileIndex
        let store = plan.source.store
        // Every file is read with the table's column types, so a file does not infer its own.
        let dataFields = plan.source.dataFields
        switch options {
        case .csv(var csv):
            for field in dataFields where csv.columns == nil && csv.names == nil { csv.tableTypes[field.name] = field.type }
            let reader = try CSVReader(store: store, key: file.key, options: csv)
            let mapped = try plan.columnSources(fileSchema: reader.schema, leaves: nil, location: store.location(of: file.key))
            try reader.select(columns: mapped.compactMap { $0?.position })
            sources = TextFileReader.compacted(mapped)
            next = { _ in try reader.nextBatch() }
        case .json(var json):
            if json.columns == nil { json.columns = dataFields }
            let reader = try NDJSONReader(store: store, key: file.key, options: json)
            let mapped = try plan.columnSources(fileSchema: reader.schema, leaves: nil, location: store.location(of: file.key))
            try reader.select(columns: mapped.compactMap { $0?.position })
            sources = TextFileReader.compacted(mapped)
            next = { _ in try reader.nextBatch() }
        case .parquet:
            preconditionFailure("Parquet files are read by ParquetRowGroupReader")
        }
    }

    /// Sources renumbered to positions among the selected columns.
    private static func compacted(_ mapped: [FileColumn?]) -> [(position: Int, type: DataType)?] {
        var next = 0
        return mapped.map { entry in
            guard let entry else { return nil }
            defer { next += 1 }
            return (next, entry.type)
        }
    }

    func next(maxRows: Int) throws -> Batch? {
        let batch = try next(maxRows)
        rows += batch?.count ?? 0
        return batch
    }

    func finish(_ counters: ScanCounters) {
        counters.add(.rowsScanned, rows)
        rows = 0
    }
}
