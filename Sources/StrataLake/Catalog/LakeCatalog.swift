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

    public init(store: any ObjectStore) {
        self.store = store
    }

    /// Forgets what was learned about tables, so the next statement sees files added since.
    public func refresh() {
        tables.removeAll()
        extraStores.removeAll()
    }

    public func lookup(_ parts: [String]) throws -> CatalogEntry? {
        let finder = LakeTableFinder(store: store)
        let candidates = currentSchema.isEmpty ? [parts] : [currentSchema + parts, parts]
        for candidate in candidates {
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

    func loadTable(_ location: LakeTableLocation) throws -> LakeTableSource {
        let listing = try TableFileListing.list(location, in: store)
        return try makeSource(
            name: location.name, store: store, prefix: location.prefix, files: listing.files,
            partitionKeys: listing.partitionKeys, warnings: listing.warnings)
    }

    /// A table source over `files`: partition types inferred from every file's values, columns from
    /// the footers of the first and the last file (schema drift shows at the ends of a date-partitioned
    /// table; the scan reconciles every other file with these columns).
    func makeSource(
        name: String, store: any ObjectStore, prefix: String, files: [DataFile], partitionKeys: [String], warnings: [String]
    ) throws -> LakeTableSource {
        guard let first = files.first else {
            throw LakeError("table \(name) has no data files under \(store.location(of: prefix))")
        }
        let formats = Set(files.map(\.format))
        guard formats.count == 1 else {
            throw LakeError("table \(name) mixes \(formats.map(\.rawValue).sorted().joined(separator: " and ")) files; a table holds one format")
        }
        guard first.format == .parquet else {
            throw LakeError("table \(name) holds \(first.format.rawValue.uppercased()) files, which tables do not read yet; use read_\(first.format.rawValue)(...)")
        }
        let partitionTypes = partitionKeys.indices.map { level in
            PartitionValueType.infer(files.lazy.map { $0.partitionValues[level] })
        }
        var merger = SchemaMerger()
        let samples = files.count == 1 ? [first] : [first, files[files.count - 1]]
        for file in samples {
            let parquet = try ParquetFile.open(store: store, key: file.key, size: file.size)
            try merger.add(parquet.schema.engineSchema, from: store.location(of: file.key))
        }
        return LakeTableSource(
            name: name, store: store, prefix: prefix, files: files, partitionKeys: partitionKeys,
            partitionTypes: partitionTypes, dataFields: merger.fields, format: .parquet, warnings: warnings)
    }

    // MARK: Table functions

    public func tableFunction(_ name: String, arguments: [TableFunctionArgument]) throws -> TableHandle {
        switch name {
        case "read_parquet", "parquet_scan":
            return try readParquet(arguments).handle
        case "read_csv", "read_csv_auto", "read_json", "read_json_auto", "read_ndjson":
            throw PlanError("\(name) is not supported yet")
        default:
            throw PlanError("table function \(name) does not exist (there are read_parquet, read_csv and read_json)")
        }
    }

    /// `read_parquet('path-or-glob' [, hive_partitioning = true])`: paths are relative to the lake root;
    /// `s3://` URIs and absolute paths are read where they are.
    func readParquet(_ arguments: [TableFunctionArgument]) throws -> LakeTableSource {
        guard let first = arguments.first, first.name == nil, case .varchar(let path) = first.value else {
            throw PlanError("read_parquet needs a path or glob as its first argument")
        }
        var hivePartitioning: Bool?
        for argument in arguments.dropFirst() {
            switch (argument.name?.lowercased(), argument.value) {
            case ("hive_partitioning", .boolean(let value)): hivePartitioning = value
            case ("union_by_name", .boolean): break  // columns are always matched by name
            default:
                throw PlanError("read_parquet does not take the argument \(argument.name ?? "#\(arguments.count)") = \(argument.value)")
            }
        }
        let (fileStore, pattern) = try storeAndPattern(for: path)
        let glob = GlobPattern(pattern)
        var files: [DataFile] = []
        if GlobPattern.hasWildcards(pattern) {
            let listPrefix = glob.literalPrefix.isEmpty ? "" : glob.literalPrefix + "/"
            for object in try fileStore.list(prefix: listPrefix, delimiter: nil).objects where glob.matches(object.key) {
                guard !object.name.hasPrefix("."), !object.name.hasPrefix("_") else { continue }
                files.append(DataFile(key: object.key, size: object.size, format: .parquet, partitionValues: [], etag: object.etag))
            }
        } else {
            if try fileStore.exists(pattern) {
                let info = try fileStore.head(pattern)
                files.append(DataFile(key: info.key, size: info.size, format: .parquet, partitionValues: [], etag: info.etag))
            } else {
                // A folder: every data file below it.
                let folder = pattern.hasSuffix("/") ? pattern : pattern + "/"
                for object in try fileStore.list(prefix: folder, delimiter: nil).objects
                where DataFileFormat.of(fileName: object.name) == .parquet {
                    files.append(DataFile(key: object.key, size: object.size, format: .parquet, partitionValues: [], etag: object.etag))
                }
            }
        }
        guard !files.isEmpty else { throw PlanError("no files match \(fileStore.location(of: pattern))") }

        // Hive partitions: the `key=value` folders between the listing root and each file.
        var keys: [String] = []
        let root = GlobPattern.hasWildcards(pattern) ? glob.literalPrefix : ""
        let segmentsPerFile = files.map { file -> [PartitionSegment] in
            let relative = file.key.dropFirst(root.isEmpty ? 0 : root.count + 1)
            return relative.split(separator: "/").dropLast().compactMap { PartitionSegment(folderName: $0) }
        }
        let detected = segmentsPerFile.first.map { $0.map(\.key) } ?? []
        if hivePartitioning != false, !detected.isEmpty, segmentsPerFile.allSatisfy({ $0.map(\.key) == detected }) {
            keys = detected
            for index in files.indices { files[index].partitionValues = segmentsPerFile[index].map(\.value) }
        } else if hivePartitioning == true, !detected.isEmpty {
            throw PlanError("hive_partitioning: the files do not all sit below the same key=value folders")
        }
        return try makeSource(name: "read_parquet", store: fileStore, prefix: root, files: files, partitionKeys: keys, warnings: [])
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
