// Runs a planned query into a table of the lake under the commit protocol: the result streams batch by
// batch into the partitioned writer (never held whole), the files land in the transaction's staging
// folder, an optional check looks at the staged new version of the table, and the commit publishes it.
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner
import StrataStorage

/// The table a write goes into.
public struct WriteTarget {
    public var name: String
    public var store: any ObjectStore
    /// Key prefix of the table's folder, ending with `/`.
    public var prefix: String
    public var layout: PartitionedWriter.Layout
    public var format: WriteFormat
    /// How the writer buffers and splits files; `Limits.forStore(store)` when nil.
    public var limits: PartitionedWriter.Limits?

    public init(name: String, store: any ObjectStore, prefix: String, layout: PartitionedWriter.Layout, format: WriteFormat) {
        self.name = name
        self.store = store
        self.prefix = prefix
        self.layout = layout
        self.format = format
    }

    /// The columns of the table: data columns, then partition keys.
    public var fields: [Field] {
        layout.dataFields + zip(layout.partitionKeys, layout.partitionTypes).map { Field($0, $1) }
    }
}

public enum WriteMode: Sendable {
    /// The result becomes the whole table (CTAS, full refresh, INSERT OVERWRITE of an unpartitioned table).
    case replaceTable
    /// The result's files join the table's (INSERT INTO).
    case append
    /// The partitions in the result replace theirs; the partitions in `alsoRemoving` (folder paths) are
    /// emptied even when the result has no rows for them (INSERT OVERWRITE, incremental rebuilds).
    case replacePartitions(alsoRemoving: Set<String>)
}

/// What a write did.
public struct WriteOutcome: Sendable {
    public var rows: Int
    public var files: [WrittenFile]
    /// Partition folders written (`k=v`; `""` for an unpartitioned table).
    public var partitionsWritten: Set<String>
    /// Partition folders emptied without new rows.
    public var partitionsRemoved: Set<String>
    public var transaction: String
    public var bytes: Int { files.reduce(0) { $0 + $1.bytes } }
}

struct TableWriter {
    let session: LakeSession
    var controlPrefix = WriteTransaction.controlPrefix
    /// Called with the staged new version of the table before the commit; throwing keeps the old one.
    var check: ((LakeTableSource) throws -> Void)?
    /// Called with the rows written so far, now and then.
    var progress: ((Int) -> Void)?

    init(session: LakeSession) {
        self.session = session
    }

    /// Writes the rows of `plan` (the table's columns, in order and type) into `target`; `objects` are
    /// written with the data (catalog entries, state).
    func write(
        _ plan: LogicalPlan, into target: WriteTarget, mode: WriteMode, statement: String,
        objects: [TransactionRecord.ObjectChange] = []
    ) throws -> WriteOutcome {
        let fields = target.fields
        let schema = plan.schema
        guard schema.count == fields.count else {
            throw LakeError("\(statement): the query gives \(schema.count) columns where \(target.name) has \(fields.count)")
        }
        for (column, field) in zip(schema, fields) where column.type != field.type {
            throw LakeError("\(statement): column \(field.name) is \(field.type.sqlName) but the query gives \(column.type.sqlName)")
        }
        let transaction = try WriteTransaction.begin(
            store: target.store, statement: statement, targetPrefix: target.prefix, wait: session.leaseWait,
            controlPrefix: controlPrefix)
        do {
            let context = session.makeContext()
            let root = try PhysicalPlanner(context: context, scans: LakeScanProvider(metrics: ScanMetrics())).makeOperator(plan)
            defer { root.close() }
            let writer = try PartitionedWriter(
                store: target.store, prefix: transaction.stagingPrefix, layout: target.layout, format: target.format,
                fileStem: "part-" + transaction.id, limits: target.limits ?? .forStore(target.store), context: context)
            var reported = 0
            while let batch = try root.next() {
                try writer.write(batch)
                try transaction.heartbeat()
                if let progress, writer.rowCount - reported >= 1_000_000 {
                    reported = writer.rowCount
                    progress(reported)
                }
            }
            let files = try writer.finish()
            let written = Set(files.map(\.partitionPath))
            var removed = Set<String>()
            var units: [TransactionRecord.Unit] = []
            let byPartition = Dictionary(grouping: files, by: \.partitionPath)
            switch mode {
            case .replaceTable:
                units = [TransactionRecord.Unit(path: "", replace: true, files: files.map(\.relativeKey))]
            case .append:
                units = byPartition.keys.sorted().map { path in
                    TransactionRecord.Unit(path: path, replace: false, files: byPartition[path]!.map(\.name))
                }
            case .replacePartitions(let alsoRemoving):
                units = byPartition.keys.sorted().map { path in
                    TransactionRecord.Unit(path: path, replace: true, files: byPartition[path]!.map(\.name))
                }
                removed = alsoRemoving.subtracting(written)
                units += removed.sorted().map { TransactionRecord.Unit(path: $0, replace: true, files: [], remove: true) }
            }
            if let check {
                try check(try stagedSource(target, files: files, mode: mode, removed: removed, stagingPrefix: transaction.stagingPrefix))
            }
            try transaction.commit(units: units, objects: objects)
            return WriteOutcome(
                rows: writer.rowCount, files: files, partitionsWritten: written, partitionsRemoved: removed, transaction: transaction.id)
        } catch {
            transaction.rollback()
            throw error
        }
    }

    /// The table as it will be once committed: the staged files, plus the current files the write keeps.
    func stagedSource(
        _ target: WriteTarget, files: [WrittenFile], mode: WriteMode, removed: Set<String>, stagingPrefix: String
    ) throws -> LakeTableSource {
        let format: DataFileFormat
        switch target.format {
        case .parquet: format = .parquet
        case .csv: format = .csv
        case .json: format = .json
        }
        var dataFiles = files.map { file in
            DataFile(
                key: stagingPrefix + file.relativeKey, size: file.bytes, format: format,
                partitionValues: zip(file.partitionValues, target.layout.partitionTypes).map { PartitionPath.text($0, type: $1) })
        }
        let replaced: Set<String>
        switch mode {
        case .replaceTable: replaced = []
        case .append: replaced = []
        case .replacePartitions: replaced = removed.union(files.map(\.partitionPath))
        }
        if case .replaceTable = mode {} else {
            let current = try DeclaredListing.list(
                store: target.store, prefix: target.prefix, keys: target.layout.partitionKeys, format: format, table: target.name)
            for file in current.files {
                let path = zip(target.layout.partitionKeys, file.partitionValues).map { PartitionPath.segment(key: $0, value: $1) }
                    .joined(separator: "/")
                if !replaced.contains(path) { dataFiles.append(file) }
            }
        }
        let readOptions: FileReadOptions
        switch target.format {
        case .parquet: readOptions = .parquet
        case .csv(let delimiter, let header):
            var options = CSVOptions()
            options.delim = delimiter
            options.header = header
            options.columns = target.layout.dataFields
            readOptions = .csv(options)
        case .json:
            var options = JSONOptions()
            options.columns = target.layout.dataFields
            readOptions = .json(options)
        }
        return LakeTableSource(
            name: target.name, store: target.store, prefix: target.prefix, knownFiles: dataFiles, layout: nil,
            partitionKeys: target.layout.partitionKeys,
            partitionTypes: target.layout.partitionTypes, dataFields: target.layout.dataFields, readOptions: readOptions, warnings: [])
    }
}
