// What `strata crawl` learned about one table, kept in the lake at `_strata/crawl/<table>.json`: the
// partition keys and their types (inferred over every folder), the columns merged over every file, and
// each file's size, version tag, row count, row groups and schema fingerprint. The next crawl reads
// footers only of the files whose size or version tag changed; `strata doctor` reports from it; and
// planning takes the table's keys and columns from it while the table's tail looks as it did (see
// `tailSignature`), instead of descending into folders and reading sample footers.
import StrataCore
import StrataFormats
import StrataStorage

public struct TableInventory: Codable, Sendable {
    /// One data file, as the crawl found it.
    public struct File: Codable, Hashable, Sendable {
        /// Key below the table's folder (`d=2024-01-01/part-0.parquet`).
        public var path: String
        public var size: Int
        /// The store's version tag (S3 ETag; size and mtime locally): a rewrite in place changes it.
        public var version: String?
        /// Raw partition values, in key order; nil is NULL.
        public var partitionValues: [String?]
        /// Fingerprint of the file's columns (a key of `schemas`).
        public var schema: String
        /// Parquet facts from the footer; nil for text files, whose rows are not counted without reading them.
        public var rows: Int?
        public var rowGroups: Int?
        /// Rows of the file's smallest row group.
        public var smallestRowGroupRows: Int?
        /// Whether every column chunk has min/max statistics, and an offset and column index (page index).
        public var hasStatistics: Bool?
        public var hasPageIndex: Bool?
        public var footerLength: Int?
    }

    /// Version of this file's layout.
    public var version = 1
    public var table: String
    /// Key prefix of the table's folder, ending with `/`.
    public var prefix: String
    public var format: DataFileFormat
    /// Whether the keys and columns come from a catalog entry (DDL or a table Strata created).
    public var declared: Bool
    public var partitionKeys: [CatalogObject.Column]
    /// The columns merged over every file, by name (widened where files disagree).
    public var columns: [CatalogObject.Column]
    /// Each distinct file schema, by fingerprint.
    public var schemas: [String: [CatalogObject.Column]]
    /// Columns whose files disagree beyond widening, each naming two files.
    public var conflicts: [String]
    /// Paths below the table that are not part of it, and why.
    public var warnings: [String]
    /// Kept in an object of its own (`filesKey`), so planning reads only the small part.
    public var files: [File] = []
    /// The object holding `files`: a new one per crawl, written before this one and deleted after the
    /// next, so the two always match.
    public var filesKey = ""
    /// Mean footer length of the Parquet files, for fetching a footer in one read.
    public var footerLength: Int?
    /// `tailSignature` when the crawl ran.
    public var tailSignature: String
    /// Milliseconds since the epoch.
    public var crawledAt: Int64

    public static let folder = WriteTransaction.controlPrefix + "crawl/"

    public static func key(for table: String) -> String {
        folder + PartitionPath.escape(table.lowercased()) + ".json"
    }

    private enum CodingKeys: String, CodingKey {
        case version, table, prefix, format, declared, partitionKeys, columns, schemas, conflicts, warnings, filesKey, footerLength
        case tailSignature, crawledAt
    }

    private struct FileList: Codable {
        var files: [File]
    }

    /// The inventory of `table`, if it was crawled; its files only when asked for.
    public static func load(_ table: String, store: any ObjectStore, withFiles: Bool = true) throws -> TableInventory? {
        let key = key(for: table)
        guard let bytes = try WriteTransaction.readIfPresent(store, key) else { return nil }
        var inventory = try LakeJSON.decode(TableInventory.self, from: bytes, location: store.location(of: key))
        if withFiles {
            guard let list = try WriteTransaction.readIfPresent(store, inventory.filesKey) else {
                throw LakeError("\(store.location(of: inventory.filesKey)) is missing; run strata crawl \(table) again")
            }
            inventory.files = try LakeJSON.decode(FileList.self, from: list, location: store.location(of: inventory.filesKey)).files
        }
        return inventory
    }

    /// The names of the crawled tables, from one listing.
    public static func tableNames(store: any ObjectStore) throws -> [String] {
        let listing = try store.list(prefix: folder, delimiter: "/")
        return try listing.objects.filter { $0.name.hasSuffix(".json") && !$0.name.contains(".files-") }.compactMap { object in
            guard let bytes = try WriteTransaction.readIfPresent(store, object.key) else { return nil }
            return try LakeJSON.decode(TableInventory.self, from: bytes, location: store.location(of: object.key)).table
        }
    }

    /// Writes the files, then the inventory pointing at them, then deletes the files of the last crawl.
    mutating func save(store: any ObjectStore, replacing previous: TableInventory?) throws {
        filesKey = Self.folder + PartitionPath.escape(table.lowercased()) + ".files-\(crawledAt).json"
        try store.write(filesKey, bytes: try LakeJSON.encode(FileList(files: files)))
        try store.write(Self.key(for: table), bytes: try LakeJSON.encode(self))
        if let old = previous?.filesKey, old != filesKey { try store.delete([old]) }
    }

    /// Forgets the table (its folder is gone): deletes its inventory and file list.
    static func delete(_ table: String, store: any ObjectStore) throws {
        guard let inventory = try? load(table, store: store, withFiles: false) else {
            try store.delete([key(for: table)])
            return
        }
        try store.delete([key(for: table), inventory.filesKey])
    }

    public var partitionTypes: [DataType] { partitionKeys.map { DataType(sqlName: $0.type) ?? .varchar } }
    public var dataFields: [Field] { columns.map { Field($0.name, DataType(sqlName: $0.type) ?? .varchar) } }
    public var bytes: Int { files.reduce(0) { $0 + $1.size } }

    /// The partition folder of a file (`k1=v1/k2=v2`; `""` unpartitioned), spelled as in the lake.
    public func partitionPath(of file: File) -> String {
        guard !partitionKeys.isEmpty else { return "" }
        return ObjectKey.segments(file.path, omittingEmpty: false).prefix(partitionKeys.count).joined(separator: "/")
    }

    /// The files of each partition folder, in folder order.
    public var filesByPartition: [(path: String, files: [File])] {
        Dictionary(grouping: files, by: partitionPath).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// How the files' columns differ, one line per column: columns some files lack (added or dropped
    /// over time: they read as NULL there), and columns the files give different types (widened).
    public var drift: [String] {
        guard schemas.count > 1 else { return [] }
        var lines: [String] = []
        let byPartition = filesByPartition
        for column in columns {
            let name = column.name.lowercased()
            var types: [String: Int] = [:]
            var missing = 0
            var firstPartition: String?
            for (path, partitionFiles) in byPartition {
                for file in partitionFiles {
                    guard let type = schemas[file.schema]?.first(where: { $0.name.lowercased() == name })?.type else {
                        missing += 1
                        continue
                    }
                    types[type, default: 0] += 1
                    if firstPartition == nil { firstPartition = path }
                }
            }
            if missing > 0 {
                let since = firstPartition.map { $0.isEmpty ? "" : ", first in \($0)" } ?? ""
                lines.append("column \(column.name) \(column.type) is missing from \(missing) of \(files.count) files (read as NULL there\(since))")
            }
            // Types that do not widen into one another are a conflict, reported as such.
            var widened: DataType? = DataType(sqlName: column.type)
            for type in types.keys { widened = widened.flatMap { merged in DataType(sqlName: type).flatMap { SchemaMerger.widen(merged, $0) } } }
            let widens = widened != nil
            if types.count > 1, widens {
                let counts = types.sorted { $0.key < $1.key }.map { "\($0.key) in \($0.value) file\($0.value == 1 ? "" : "s")" }
                lines.append("column \(column.name) is \(counts.joined(separator: ", ")) (read as \(column.type))")
            }
        }
        return lines
    }

    // MARK: Noticing change

    /// A hash of the listings where a table grows: the table folder's own listing, then the last
    /// `key=value` folder of each level down to its files. New partitions, new files in the newest
    /// partition and changed top-level files all change it, at one listing per partition level; a file
    /// rewritten in an older partition does not (the scans list what they read, so they still see it,
    /// but a new column there shows after the next crawl).
    static func tailSignature(prefix: String, rootListing: ObjectListing, store: any ObjectStore) throws -> String {
        var lines: [String] = []
        var listing = rootListing
        while true {
            lines += listing.objects.map { "\($0.key)\t\($0.size)\t\($0.etag ?? "")" }
            let folders = listing.commonPrefixes.filter { child in
                let name = LakeTableFinder.lastComponent(of: child)
                return !DataFileFormat.isIgnoredFolder(name) && PartitionSegment(folderName: name) != nil
            }
            lines += folders
            guard let last = folders.max() else { break }
            listing = try store.list(prefix: last, delimiter: "/")
        }
        return InputFingerprint.hash(lines.joined(separator: "\n"))
    }

    /// The fingerprint of a file's columns.
    static func fingerprint(_ columns: [CatalogObject.Column]) -> String {
        InputFingerprint.hash(columns.map { "\($0.name)\t\($0.type)" }.joined(separator: "\n"))
    }
}
