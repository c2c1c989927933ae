// The catalog of a lake: tables are found by their folders (the design contract's naming), their
// partition keys and types come from the `key=value` folder names, and their columns from the files'
// footers, merged by name. `read_parquet` and friends make tables of any files, in the lake or not.
import StrataCore
import StrataFormats
import StrataPlanner
import StrataStorage

public final class LakeCatalog: Catalog {
    public let store: any ObjectStore
    /// Set by `USE`: unqualified names are looked up below it first.
    public var currentSchema: [String] = []
    private var tables: [String: LakeTableSource] = [:]
    /// Stores opened for table functions reading outside the lake during the current statement.
    public private(set) var extraStores: [any ObjectStore] = []
    /// Tables and views declared with DDL or created by Strata; they take precedence over discovered ones.
    public let metastore: LakeMetastore

    public init(store: any ObjectStore) {
        self.store = store
        metastore = LakeMetastore(store: store)
    }

    /// Forgets what was learned about tables, so the next statement sees files added since.
    public func refresh() {
        tables.removeAll()
        crawledKeys = nil
        extraStores.removeAll()
        metastore.invalidate()
    }

    public func lookup(_ parts: [String]) throws -> CatalogEntry? {
        let finder = LakeTableFinder(store: store)
        let candidates = currentSchema.isEmpty ? [parts] : [currentSchema + parts, parts]
        for candidate in candidates {
            if let declared = try metastore.entry(candidate) { return declared }
            if let cached = tables[candidate.joined(separator: ".").lowercased()] { return .table(cached.handle) }
            guard let location = try finder.table(named: candidate) else { continue }
            let source = try loadTable(location)
            tables[candidate.joined(separator: ".").lowercased()] = source
            return .table(source.handle)
        }
        return nil
    }

    /// Every table of the lake (or below `prefix`).
    public func tableLocations(under prefix: String = "") throws -> [LakeTableLocation] {
        try LakeTableFinder(store: store).tables(under: prefix)
    }

    /// A table folder: its partition keys, types and columns from its inventory while the table's tail is
    /// as the last crawl saw it; otherwise the keys and types from the first partition level and one
    /// branch from each end (see `PartitionLayout`), the columns from the footers of the first and last
    /// file found, merged with the inventory's (which saw the files in between). The folders themselves
    /// are listed by each scan, pruned as it goes.
    func loadTable(_ location: LakeTableLocation) throws -> LakeTableSource {
        let root = try store.list(prefix: location.prefix, delimiter: "/")
        let inventory = try crawledInventory(location)
        if let inventory, try TableInventory.tailSignature(prefix: location.prefix, rootListing: root, store: store) == inventory.tailSignature {
            let layout = PartitionLayout(keys: inventory.partitionKeys.map(\.name), types: inventory.partitionTypes, rootListing: root)
            return LakeTableSource(
                name: location.name, store: store, prefix: location.prefix, knownFiles: Self.rootFiles(layout), layout: layout,
                partitionKeys: layout.keys, partitionTypes: layout.types, dataFields: inventory.dataFields,
                readOptions: .defaults(for: inventory.format), warnings: [],
                footerLengthHint: inventory.footerLength)
        }
        let layout = try PartitionLayout.discover(location, in: store, rootListing: root)
        guard let format = layout.samples.first?.format else {
            throw LakeError("table \(location.name) has no data files under \(store.location(of: location.prefix))")
        }
        let crawled = inventory.flatMap { inventory in
            inventory.format == format ? (fields: inventory.dataFields, origin: store.location(of: TableInventory.key(for: location.name))) : nil
        }
        return try makeSource(
            name: location.name, store: store, prefix: location.prefix, knownFiles: Self.rootFiles(layout), layout: layout,
            samples: layout.samples, partitionKeys: layout.keys, partitionTypes: layout.types, readOptions: .defaults(for: format),
            warnings: [], crawledColumns: crawled)
    }

    /// The data files of an unpartitioned table (its folder's own files); nil for a partitioned one.
    private static func rootFiles(_ layout: PartitionLayout) -> [DataFile]? {
        guard layout.keys.isEmpty else { return nil }
        return layout.rootListing.objects.compactMap { object in
            DataFileFormat.of(fileName: object.name).map {
                DataFile(key: object.key, size: object.size, format: $0, partitionValues: [], etag: object.etag)
            }
        }
    }

    /// Names of the crawled tables' inventories, listed once per statement.
    private var crawledKeys: Set<String>?

    /// The table's inventory, when it was crawled as a folder table and its files agree (a conflict is
    /// left to the scan to report, as without an inventory).
    private func crawledInventory(_ location: LakeTableLocation) throws -> TableInventory? {
        if crawledKeys == nil {
            crawledKeys = Set(try store.list(prefix: TableInventory.folder, delimiter: "/").objects.map(\.key))
        }
        guard crawledKeys!.contains(TableInventory.key(for: location.name)),
            let inventory = try TableInventory.load(location.name, store: store, withFiles: false), !inventory.declared, inventory.conflicts.isEmpty,
            inventory.prefix == location.prefix, !inventory.columns.isEmpty
        else { return nil }
        return inventory
    }

    /// A table source: columns from the footers of `samples` (schema drift shows at the ends of a
    /// date-partitioned table; the scan reconciles every other file with these columns).
    func makeSource(
        name: String, store: any ObjectStore, prefix: String, knownFiles: [DataFile]?, layout: PartitionLayout?,
        samples: [DataFile], partitionKeys: [String], partitionTypes: [DataType], readOptions: FileReadOptions,
        warnings: [String], crawledColumns: (fields: [Field], origin: String)? = nil
    ) throws -> LakeTableSource {
        guard !samples.isEmpty else {
            throw LakeError("table \(name) has no data files under \(store.location(of: prefix))")
        }
        if let knownFiles {
            let formats = Set(knownFiles.map(\.format))
            guard formats.count == 1 else {
                throw LakeError("table \(name) mixes \(formats.map(\.rawValue).sorted().joined(separator: " and ")) files; a table holds one format")
            }
        }
        var merger = SchemaMerger()
        merger.conflictsBecomeText = readOptions.format != .parquet
        if let crawledColumns { try merger.add(Schema(crawledColumns.fields), from: crawledColumns.origin) }
        var opened: [String: ParquetFile] = [:]
        for file in samples {
            let (schema, parquet) = try Self.fileSchema(file, store: store, options: readOptions)
            if let parquet { opened[file.key] = parquet }
            try merger.add(schema, from: store.location(of: file.key))
        }
        return LakeTableSource(
            name: name, store: store, prefix: prefix, knownFiles: knownFiles, layout: layout, partitionKeys: partitionKeys,
            partitionTypes: partitionTypes, dataFields: merger.fields, readOptions: readOptions, warnings: warnings,
            openedFiles: opened)
    }

    /// The columns of one file — from the footer for Parquet, by inference over a sample for text — and
    /// the open Parquet file.
    static func fileSchema(_ file: DataFile, store: any ObjectStore, options: FileReadOptions) throws -> (Schema, ParquetFile?) {
        switch options {
        case .parquet:
            var read = ParquetReadOptions()
            read.footerReadSize = LakeTableSource.firstFooterReadSize(in: store)
            let parquet = try ParquetFile.open(store: store, key: file.key, size: file.size, options: read)
            return (parquet.schema.engineSchema, parquet)
        case .csv(let csv): return (try CSVReader(store: store, key: file.key, options: csv).schema, nil)
        case .json(let json): return (try NDJSONReader(store: store, key: file.key, options: json).schema, nil)
        }
    }

    // MARK: Table functions

    public func tableFunction(_ name: String, arguments: [TableFunctionArgument]) throws -> TableHandle {
        try readFiles(name, try Self.fileFormat(ofTableFunction: name), arguments).handle
    }

    /// The format of the files a table function reads.
    static func fileFormat(ofTableFunction name: String) throws -> DataFileFormat {
        switch name {
        case "read_parquet", "parquet_scan": return .parquet
        case "read_csv", "read_csv_auto": return .csv
        case "read_json", "read_json_auto", "read_ndjson", "read_ndjson_auto": return .json
        default: throw PlanError("table function \(name) does not exist (there are read_parquet, read_csv and read_json)")
        }
    }

    /// `read_parquet('path-or-glob' [, hive_partitioning = true])`, `read_csv(...)`, `read_json(...)`: paths
    /// are relative to the lake root; `s3://` URIs and absolute paths are read where they are. Text
    /// options take DuckDB's names and go to the readers.
    func readFiles(_ function: String, _ format: DataFileFormat, _ arguments: [TableFunctionArgument]) throws -> LakeTableSource {
        let set = try fileSet(function, format, arguments)
        return try makeSource(
            name: function, store: set.store, prefix: set.prefix, knownFiles: set.files, layout: nil,
            samples: set.files.count == 1 ? [set.files[0]] : [set.files[0], set.files[set.files.count - 1]], partitionKeys: set.partitionKeys,
            partitionTypes: set.partitionTypes, readOptions: set.readOptions, warnings: [])
    }

    /// The files a table function names, with their Hive partitions and read options: what `readFiles`
    /// samples for the columns, and what ingestion reads whole without sampling.
    struct FileSet {
        var store: any ObjectStore
        var prefix: String
        var files: [DataFile]
        var partitionKeys: [String]
        var partitionTypes: [DataType]
        var readOptions: FileReadOptions
    }

    func fileSet(_ function: String, _ format: DataFileFormat, _ arguments: [TableFunctionArgument]) throws -> FileSet {
        guard let first = arguments.first, first.name == nil, case .varchar(let path) = first.value else {
            throw PlanError("\(function) needs a path or glob as its first argument")
        }
        var hivePartitioning: Bool?
        var readOptions = FileReadOptions.defaults(for: format)
        for argument in arguments.dropFirst() {
            guard let name = argument.name?.lowercased() else {
                throw PlanError("\(function) takes one path; name the other arguments (name = value)")
            }
            switch (name, argument.value, readOptions) {
            case ("hive_partitioning", .boolean(let value), _): hivePartitioning = value
            case ("union_by_name", .boolean, _), ("filename", .boolean(false), _): break  // columns are always matched by name
            case (_, _, .csv(var options)):
                do { try options.set(name, argument.value) } catch { throw PlanError(error.message) }
                readOptions = .csv(options)
            case (_, _, .json(var options)):
                do { try options.set(name, argument.value) } catch { throw PlanError(error.message) }
                readOptions = .json(options)
            default:
                throw PlanError("\(function) does not take the argument \(name)")
            }
        }
        let (fileStore, pattern) = try storeAndPattern(for: path)
        let glob = GlobPattern(pattern)
        var files: [DataFile] = []
        if GlobPattern.hasWildcards(pattern) {
            let listPrefix = glob.literalPrefix.isEmpty ? "" : glob.literalPrefix + "/"
            for object in try fileStore.list(prefix: listPrefix, delimiter: nil).objects where glob.matches(object.key) {
                guard !object.name.hasPrefix("."), !object.name.hasPrefix("_") else { continue }
                files.append(DataFile(key: object.key, size: object.size, format: format, partitionValues: [], etag: object.etag))
            }
        } else {
            if try fileStore.exists(pattern) {
                let info = try fileStore.head(pattern)
                files.append(DataFile(key: info.key, size: info.size, format: format, partitionValues: [], etag: info.etag))
            } else {
                // A folder: every data file below it.
                let folder = pattern.hasSuffix("/") ? pattern : pattern + "/"
                for object in try fileStore.list(prefix: folder, delimiter: nil).objects
                where DataFileFormat.of(fileName: object.name) == format {
                    files.append(DataFile(key: object.key, size: object.size, format: format, partitionValues: [], etag: object.etag))
                }
            }
        }
        guard !files.isEmpty else { throw PlanError("no files match \(fileStore.location(of: pattern))") }

        // Hive partitions: the `key=value` folders between the listing root and each file.
        var keys: [String] = []
        let root = GlobPattern.hasWildcards(pattern) ? glob.literalPrefix : ""
        let segmentsPerFile = files.map { file -> [PartitionSegment] in
            let relative = file.key.dropFirst(root.isEmpty ? 0 : root.count + 1)
            return ObjectKey.segments(relative).dropLast().compactMap { PartitionSegment(folderName: $0) }
        }
        let detected = segmentsPerFile.first.map { $0.map(\.key) } ?? []
        if hivePartitioning != false, !detected.isEmpty, segmentsPerFile.allSatisfy({ $0.map(\.key) == detected }) {
            keys = detected
            for index in files.indices { files[index].partitionValues = segmentsPerFile[index].map(\.value) }
        } else if hivePartitioning == true, !detected.isEmpty {
            throw PlanError("hive_partitioning: the files do not all sit below the same key=value folders")
        }
        let partitionTypes = keys.indices.map { level in PartitionValueType.infer(files.lazy.map { $0.partitionValues[level] }) }
        return FileSet(
            store: fileStore, prefix: root, files: files, partitionKeys: keys, partitionTypes: partitionTypes, readOptions: readOptions)
    }

    /// The store a table function path lives in, and the path within it.
    private func storeAndPattern(for path: String) throws -> (any ObjectStore, String) {
        if path.hasPrefix("s3://") || path.hasPrefix("s3a://") {
            let afterScheme = path.drop(while: { $0 != ":" }).dropFirst(3)
            let bucket = afterScheme.prefix(while: { $0 != "/" })
            let key = afterScheme.dropFirst(bucket.count).drop(while: { $0 == "/" })
            let store = try StorageLocation.s3(bucket: String(bucket), prefix: "").makeStore()
            extraStores.append(store)
            return (store, String(key))
        }
        if path.hasPrefix("file://") || path.hasPrefix("/") {
            let absolute = path.hasPrefix("file://") ? path.dropFirst("file://".count) : path[...]
            let store = LocalObjectStore(root: "/")
            extraStores.append(store)
            return (store, String(absolute.drop(while: { $0 == "/" })))
        }
        return (store, path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }
}
