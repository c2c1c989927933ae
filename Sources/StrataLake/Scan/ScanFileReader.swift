// One piece of a scan being read — a Parquet row group or a whole text file — as batches of the file's
// columns, and where each of the scan's read columns is among them.
import StrataCore
import StrataFormats
import StrataStorage

protocol ScanFileReader: AnyObject {
    var fileIndex: Int { get }
    /// For each read column of the plan: its position in this reader's batches and its type there.
    var sources: [(position: Int, type: DataType)?] { get }
    func next(maxRows: Int) throws -> Batch?
    /// Adds what was read to the scan's counters, once the reader is exhausted.
    func finish(_ metrics: ScanMetrics)
}

/// Opens the next unit of a scan's work queue.
enum ScanFileOpener {
    static func open(_ unit: ScanWorkQueue.Unit, plan: LakeScanPlan) throws -> ScanFileReader? {
        let source = plan.source
        switch unit {
        case .file(let index):
            let fileIndex = plan.files[index]
            let file = source.files[fileIndex]
            let location = source.store.location(of: file.key)
            switch source.readOptions {
            case .parquet:
                let parquet: ParquetFile
                do {
                    parquet = try ParquetFile.open(store: source.store, key: file.key, size: file.size)
                } catch {
                    throw error.located(file: location)
                }
                plan.metrics.add(.filesOpened)
                plan.metrics.add(.rowGroupsTotal, parquet.rowGroups.count)
                guard !parquet.rowGroups.isEmpty else { return nil }
                plan.metrics.add(.filesScanned)
                if parquet.rowGroups.count > 1 {
                    plan.queue.share((1..<parquet.rowGroups.count).map { .rowGroup(file: fileIndex, parquet: parquet, rowGroup: $0) })
                }
                return try ParquetRowGroupReader(parquet, rowGroup: 0, fileIndex: fileIndex, plan: plan)
            case .csv, .json:
                plan.metrics.add(.filesOpened)
                plan.metrics.add(.filesScanned)
                return try TextFileReader(file: file, fileIndex: fileIndex, options: source.readOptions, plan: plan)
            }
        case .rowGroup(let fileIndex, let parquet, let rowGroup):
            return try ParquetRowGroupReader(parquet, rowGroup: rowGroup, fileIndex: fileIndex, plan: plan)
        }
    }
}

final class ParquetRowGroupReader: ScanFileReader {
    let fileIndex: Int
    let sources: [(position: Int, type: DataType)?]
    private let reader: RowGroupReader
    private let location: String

    init(_ parquet: ParquetFile, rowGroup: Int, fileIndex: Int, plan: LakeScanPlan) throws {
        self.fileIndex = fileIndex
        location = parquet.location
        let schema = parquet.schema.engineSchema
        let leaves = parquet.schema.readableColumnIndices
        let mapped = try plan.columnSources(fileSchema: schema, location: parquet.location)
        // The reader produces only the columns used, in read-column order.
        var fileColumns: [Int] = []
        var sources: [(position: Int, type: DataType)?] = []
        for entry in mapped {
            guard let entry else {
                sources.append(nil)
                continue
            }
            sources.append((fileColumns.count, entry.type))
            fileColumns.append(leaves[entry.position])
        }
        self.sources = sources
        plan.metrics.add(.rowGroupsScanned)
        do {
            reader = try parquet.readRowGroup(rowGroup, columns: fileColumns)
        } catch {
            throw error.located(file: parquet.location)
        }
    }

    func next(maxRows: Int) throws -> Batch? {
        do {
            return try reader.next(maxRows: maxRows)
        } catch {
            throw error.located(file: location)
        }
    }

    func finish(_ metrics: ScanMetrics) {
        metrics.add(.pagesScanned, reader.pagesRead)
        metrics.add(.pagesTotal, reader.pagesRead)
    }
}

final class TextFileReader: ScanFileReader {
    let fileIndex: Int
    let sources: [(position: Int, type: DataType)?]
    private let next: (Int) throws -> Batch?

    init(file: DataFile, fileIndex: Int, options: FileReadOptions, plan: LakeScanPlan) throws {
        self.fileIndex = fileIndex
        let store = plan.source.store
        // Every file is read with the table's column types, so a file does not infer its own.
        let dataFields = plan.source.dataFields
        let schema: Schema
        switch options {
        case .csv(var csv):
            for field in dataFields where csv.columns == nil && csv.names == nil { csv.types[field.name] = field.type }
            let reader = try CSVReader(store: store, key: file.key, options: csv)
            schema = reader.schema
            let mapped = try plan.columnSources(fileSchema: schema, location: store.location(of: file.key))
            try reader.select(columns: mapped.compactMap { $0?.position })
            sources = TextFileReader.compacted(mapped)
            next = { _ in try reader.nextBatch() }
        case .json(var json):
            if json.columns == nil { json.columns = dataFields }
            let reader = try NDJSONReader(store: store, key: file.key, options: json)
            schema = reader.schema
            let mapped = try plan.columnSources(fileSchema: schema, location: store.location(of: file.key))
            try reader.select(columns: mapped.compactMap { $0?.position })
            sources = TextFileReader.compacted(mapped)
            next = { _ in try reader.nextBatch() }
        case .parquet:
            preconditionFailure("Parquet files are read by ParquetRowGroupReader")
        }
    }

    /// Sources renumbered to positions among the selected columns.
    private static func compacted(_ mapped: [(position: Int, type: DataType)?]) -> [(position: Int, type: DataType)?] {
        var next = 0
        return mapped.map { entry in
            guard let entry else { return nil }
            defer { next += 1 }
            return (next, entry.type)
        }
    }

    func next(maxRows: Int) throws -> Batch? { try next(maxRows) }

    func finish(_ metrics: ScanMetrics) {}
}
