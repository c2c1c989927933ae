// The lake's own catalog: the tables and views declared with DDL or created by Strata, one JSON file each
// in `_strata/catalog/` (see `CatalogObject`). Each statement starts by listing that folder once (`load`),
// so lookups of undeclared names cost nothing more; an entry is read when a statement names it.
// Declared tables become table sources by listing their folder with the declared partition keys.
import StrataCore
import StrataFormats
import StrataPlanner
import StrataStorage

public final class LakeMetastore {
    public let store: any ObjectStore
    /// Lowercased names present, from the last listing; nil before the first.
    private var names: Set<String>?
    private var objects: [String: CatalogObject] = [:]
    private var sources: [String: LakeTableSource] = [:]
    /// Tables standing in for others during one statement (a model's staged version while its checks run).
    public var overrides: [String: LakeTableSource] = [:]
    /// Stores opened for tables located outside the lake, so their traffic is counted.
    public private(set) var openedStores: [any ObjectStore] = []

    public static let folder = WriteTransaction.controlPrefix + "catalog/"

    public init(store: any ObjectStore) {
        self.store = store
    }

    /// Forgets everything read, so the next statement sees changes made since.
    public func invalidate() {
        names = nil
        objects.removeAll()
        sources.removeAll()
        openedStores.removeAll()
    }

    /// Lists the catalog folder (once per statement).
    public func load() throws {
        guard names == nil else { return }
        let listing = try store.list(prefix: LakeMetastore.folder, delimiter: "/")
        names = Set(listing.objects.compactMap { object in
            guard object.name.hasSuffix(".json"), !object.name.hasPrefix(".") else { return nil }
            return HiveEscaping.unescape(object.name.dropLast(".json".count))
        })
    }

    /// The key of the entry of `name` (lowercased, escaped into one file name).
    public static func key(for name: String) -> String {
        folder + PartitionPath.escape(name.lowercased()) + ".json"
    }

    /// The entry named `name` (case-insensitively), if declared.
    public func object(named name: String) throws -> CatalogObject? {
        try load()
        let lowered = name.lowercased()
        guard names!.contains(lowered) else { return nil }
        if let object = objects[lowered] { return object }
        let key = LakeMetastore.key(for: lowered)
        guard let bytes = try WriteTransaction.readIfPresent(store, key) else { return nil }
        let object = try LakeJSON.decode(CatalogObject.self, from: bytes, location: store.location(of: key))
        objects[lowered] = object
        return object
    }

    /// Every declared object, sorted by name.
    public func all() throws -> [CatalogObject] {
        try load()
        return try names!.sorted().compactMap { try object(named: $0) }
    }

    /// Writes (or replaces) an entry.
    public func save(_ object: CatalogObject) throws {
        try store.write(LakeMetastore.key(for: object.name), bytes: try LakeJSON.encode(object))
        invalidate()
    }

    public func delete(_ name: String) throws {
        try store.delete([LakeMetastore.key(for: name)])
        invalidate()
    }

    /// What the binder gets for a declared name: a view's text or a table source.
    func entry(_ parts: [String]) throws -> CatalogEntry? {
        let name = parts.joined(separator: ".")
        if let override = overrides[name.lowercased()] { return .table(override.handle) }
        guard let object = try object(named: name) else { return nil }
        switch object.kind {
        case .view:
            return .view(name: object.name, sql: object.sql ?? "")
        case .table:
            return .table(try source(object).handle)
        }
    }

    /// The table source of a declared table, its files listed under the declared keys.
    public func source(_ object: CatalogObject) throws -> LakeTableSource {
        if let cached = sources[object.name.lowercased()] { return cached }
        let (tableStore, prefix) = try location(of: object)
        let format = try DeclaredFormat(object)
        let keys = object.partitionKeys.map(\.name)
        var listing = try DeclaredListing.list(store: tableStore, prefix: prefix, keys: keys, format: format.fileFormat, table: object.name)
        for custom in object.partitions ?? [] {
            let (customStore, customPrefix) = try resolve(custom.location)
            guard customStore === tableStore else {
                listing.warnings.append("partition location \(custom.location) of \(object.name) is in another store; skipped")
                continue
            }
            let files = try DeclaredListing.list(store: tableStore, prefix: customPrefix, keys: [], format: format.fileFormat, table: object.name)
            listing.files += files.files.map { file in
                var file = file
                file.partitionValues = custom.values
                return file
            }
        }
        let source = LakeTableSource(
            name: object.name, store: tableStore, prefix: prefix, knownFiles: listing.files, layout: nil, partitionKeys: keys,
            partitionTypes: try object.partitionTypes(), dataFields: try object.dataFields(),
            readOptions: try format.readOptions(columns: try object.dataFields()), warnings: listing.warnings)
        sources[object.name.lowercased()] = source
        return source
    }

    /// The store and key prefix (ending with `/`) of a declared table's folder.
    public func location(of object: CatalogObject) throws -> (any ObjectStore, String) {
        guard let location = object.location else { throw LakeError("catalog entry \(object.name) has no location") }
        return try resolve(location)
    }

    /// A location as stored: relative to the lake root, or a URI (resolved into the lake when it points
    /// there).
    public func resolve(_ location: String) throws -> (any ObjectStore, String) {
        if let relative = LakeMetastore.relativeToLake(location, root: store.rootDescription) {
            return (store, relative.isEmpty ? "" : try LakePath.relativePrefix(relative))
        }
        if location.hasPrefix("s3://") || location.hasPrefix("s3a://") || location.hasPrefix("/") || location.hasPrefix("file://") {
            let parsed = try StorageLocation(parsing: location, workingDirectory: "/")
            let opened = try parsed.makeStore()
            openedStores.append(opened)
            return (opened, "")
        }
        return (store, try LakePath.relativePrefix(location))
    }

    /// `location` relative to the lake root when it is a URI or path below it; nil otherwise.
    static func relativeToLake(_ location: String, root: String) -> String? {
        var text = location
        if text.hasPrefix("s3a://") { text = "s3://" + text.dropFirst("s3a://".count) }
        if text.hasPrefix("file://") { text.removeFirst("file://".count) }
        guard text.hasPrefix("/") || text.hasPrefix("s3://") else { return nil }
        var base = root
        while base.hasSuffix("/") { base.removeLast() }
        if text == base || text == base + "/" { return "" }
        guard text.hasPrefix(base + "/") else { return nil }
        return String(text.dropFirst(base.count + 1))
    }
}

/// A declared table's storage format and the reader options its properties imply.
struct DeclaredFormat {
    let fileFormat: DataFileFormat
    let properties: [String: String]

    init(_ object: CatalogObject) throws {
        properties = object.properties
        switch (object.format ?? "PARQUET").uppercased() {
        case "PARQUET": fileFormat = .parquet
        case "TEXTFILE", "CSV": fileFormat = .csv
        case "JSON", "JSONFILE": fileFormat = .json
        case let other: throw LakeError("table \(object.name) is stored as \(other), which Strata does not read (PARQUET, TEXTFILE, JSON)")
        }
    }

    func readOptions(columns: [Field]) throws -> FileReadOptions {
        switch fileFormat {
        case .parquet:
            return .parquet
        case .csv:
            var options = CSVOptions()
            options.columns = columns
            // Hive's LazySimpleSerDe splits on Ctrl-A unless told otherwise; OpenCSVSerde on commas.
            let delimiter = properties["field.delim"] ?? properties["separatorChar"] ?? properties["serialization.format"].flatMap { $0.count == 1 ? $0 : nil }
            let serde = properties["serde"] ?? ""
            options.delim = delimiter?.unicodeScalars.first ?? (serde.contains("OpenCSVSerde") ? "," : "\u{1}")
            if let quote = properties["quoteChar"] { options.quote = quote.unicodeScalars.first }
            else if !serde.contains("OpenCSVSerde") { options.quote = nil }
            if let escape = properties["escapeChar"] ?? properties["escape.delim"] { options.escape = escape.unicodeScalars.first }
            options.header = (properties["skip.header.line.count"].flatMap { Int($0) } ?? 0) > 0
            if let skip = properties["skip.header.line.count"].flatMap({ Int($0) }), skip > 1 { options.skip = skip - 1 }
            if let null = properties["serialization.null.format"] { options.nullstr = [null] }
            return .csv(options)
        case .json:
            var options = JSONOptions()
            options.columns = columns
            return .json(options)
        }
    }
}

/// The files below a declared table's folder whose `key=value` folders are exactly the declared keys;
/// anything else is skipped with a warning.
enum DeclaredListing {
    struct Files {
        var files: [DataFile]
        /// Paths skipped and why.
        var warnings: [String]
    }

    static func list(store: any ObjectStore, prefix: String, keys: [String], format: DataFileFormat, table: String) throws -> Files {
        files(of: try store.list(prefix: prefix, delimiter: nil).objects, store: store, prefix: prefix, keys: keys, format: format, table: table)
    }

    /// The files among `objects` (listed below `prefix`) that belong to the table.
    static func files(of objects: [ObjectInfo], store: any ObjectStore, prefix: String, keys: [String], format: DataFileFormat, table: String) -> Files {
        var files: [DataFile] = []
        var warnings: [String] = []
        let lowered = keys.map { $0.lowercased() }
        objects: for object in objects {
            let relative = object.key.dropFirst(prefix.count)
            let parts = ObjectKey.segments(relative, omittingEmpty: false)
            guard let fileFormat = DataFileFormat.of(fileName: parts.last ?? "") else { continue }
            var values: [String?] = []
            for folder in parts.dropLast() {
                if DataFileFormat.isIgnoredFolder(folder) { continue objects }
                guard let segment = PartitionSegment(folderName: folder), values.count < keys.count,
                    segment.key.lowercased() == lowered[values.count]
                else {
                    warnings.append("\(store.location(of: object.key)): not below the partition folders \(keys) of table \(table); skipped")
                    continue objects
                }
                values.append(segment.value)
            }
            guard values.count == keys.count else {
                warnings.append("\(store.location(of: object.key)): not below the partition folders \(keys) of table \(table); skipped")
                continue
            }
            guard fileFormat == format else {
                warnings.append("\(store.location(of: object.key)): a \(fileFormat.rawValue) file in \(format.rawValue) table \(table); skipped")
                continue
            }
            files.append(DataFile(key: object.key, size: object.size, format: fileFormat, partitionValues: values, etag: object.etag))
        }
        return Files(files: files, warnings: warnings)
    }
}
