// `strata crawl` and `MSCK REPAIR TABLE`: lists each table whole, reads the footers of the files that are
// new or changed since the last crawl (the rest keep what was recorded), and saves the table's inventory
// (`TableInventory`). What changed since the last crawl is reported: partitions added, removed or
// rewritten, columns added or widened, conflicts between files.
import StrataCore
import StrataFormats
import StrataStorage

/// What one table's crawl found and what changed since the previous one.
public struct CrawlResult: Sendable {
    public var inventory: TableInventory
    /// Whether the table had been crawled before.
    public var wasCrawled: Bool
    /// The table's folder is gone: its inventory (as it was) was deleted.
    public var isRemoved = false
    public var newPartitions: [String]
    public var removedPartitions: [String]
    /// Partitions whose files changed (added, removed or rewritten).
    public var changedPartitions: [String]
    /// `name TYPE` of the columns the table did not have at the last crawl.
    public var addedColumns: [String]
    /// `name: OLD → NEW` of the columns whose merged type changed.
    public var changedColumns: [String]
    /// Footers read (the files new or changed since the last crawl).
    public var footersRead: Int

    public var partitionCount: Int { Set(inventory.files.map(inventory.partitionPath)).count }

    /// One line per change worth reading: partitions added, removed or rewritten, columns added or
    /// widened, conflicts and drift between the files.
    public var changeLines: [String] {
        var lines: [String] = []
        func partitions(_ verb: String, _ paths: [String]) {
            guard !paths.isEmpty else { return }
            lines.append("\(paths.count) partition\(paths.count == 1 ? "" : "s") \(verb): \(LakeDoctor.sample(paths, count: 5))")
        }
        if isRemoved { return ["the table's folder is gone; its record was removed from the catalog"] }
        partitions("new", newPartitions)
        partitions("removed", removedPartitions)
        partitions("changed", changedPartitions)
        lines += addedColumns.map { "column added: \($0)" }
        lines += changedColumns.map { "column widened: \($0)" }
        lines += inventory.conflicts.map { "conflict: \($0)" }
        lines += inventory.drift.map { "drift: \($0)" }
        lines += inventory.warnings.map { "skipped: \($0)" }
        return lines
    }
}

public struct LakeCrawler {
    public let session: LakeSession
    /// Called with a line of progress now and then.
    public var progress: ((String) -> Void)?
    /// Footers fetched together (in parallel on S3).
    static let footerBatch = 64

    public init(session: LakeSession) {
        self.session = session
    }

    var store: any ObjectStore { session.store }

    /// Crawls the table named `target`, or every table below the folder `target` (the whole lake when nil);
    /// tables crawled before whose folders are gone are forgotten.
    public func crawl(_ target: String?) throws -> [CrawlResult] {
        let targets = try tables(target)
        var results = try targets.map { try crawl($0) }
        guard target?.contains("/") ?? true else { return results }
        let folder = try target.map { try LakePath.relativePrefix($0) } ?? ""
        let found = Set(targets.map { $0.name.lowercased() })
        for name in try TableInventory.tableNames(store: store) where !found.contains(name.lowercased()) {
            guard let gone = try? TableInventory.load(name, store: store), gone.prefix.hasPrefix(folder) else { continue }
            try TableInventory.delete(name, store: store)
            results.append(CrawlResult(
                inventory: gone, wasCrawled: true, isRemoved: true, newPartitions: [], removedPartitions: gone.filesByPartition.map(\.path),
                changedPartitions: [], addedColumns: [], changedColumns: [], footersRead: 0))
        }
        return results.sorted { $0.inventory.table < $1.inventory.table }
    }

    /// The tables `target` names: a table (dotted name), or a folder of the lake holding tables.
    func tables(_ target: String?) throws -> [CrawlTarget] {
        let metastore = session.catalog.metastore
        let declared = try metastore.all().filter { $0.kind == .table }
        let declaredNames = Set(declared.map { $0.name.lowercased() })
        func inLake(_ object: CatalogObject) throws -> Bool { try metastore.location(of: object).0 === store }
        if let target, !target.contains("/") {
            if let object = declared.first(where: { $0.name.lowercased() == target.lowercased() }) {
                guard try inLake(object) else { throw LakeError("table \(object.name) lives outside the lake (\(object.location ?? "")); crawl records the lake's own tables") }
                return [.declared(object)]
            }
            if let location = try LakeTableFinder(store: store).table(named: target.split(separator: ".").map(String.init)) {
                return [.folder(location)]
            }
        }
        let folder = try target.map { try LakePath.relativePrefix($0) } ?? ""
        if !folder.isEmpty, case let listing = try store.list(prefix: folder, delimiter: "/"), listing.objects.isEmpty, listing.commonPrefixes.isEmpty {
            throw LakeError("no table or folder \(target!) in the lake \(store.rootDescription)")
        }
        // A folder a declared table reads is that table's, under the declared name and columns.
        var targets: [CrawlTarget] = []
        var declaredPrefixes = Set<String>()
        for object in declared where try inLake(object) {
            let (_, prefix) = try metastore.location(of: object)
            declaredPrefixes.insert(prefix)
            if prefix.hasPrefix(folder) { targets.append(.declared(object)) }
        }
        targets += try LakeTableFinder(store: store).tables(under: folder)
            .filter { !declaredNames.contains($0.name.lowercased()) && !declaredPrefixes.contains($0.prefix) }.map { .folder($0) }
        return targets.sorted { $0.name < $1.name }
    }

    /// The one table `name` names, for an operation on a table (`compact`, `retain`).
    func table(_ name: String, for operation: String) throws -> CrawlTarget {
        guard !name.contains("/"), let found = try tables(name).first, found.name.lowercased() == name.lowercased() else {
            throw LakeError("\(operation) takes a table name (silver.events), not '\(name)'")
        }
        return found
    }

    /// A table to crawl: found from its folders, or declared in the catalog.
    enum CrawlTarget {
        case folder(LakeTableLocation)
        case declared(CatalogObject)

        var name: String {
            switch self {
            case .folder(let location): return location.name
            case .declared(let object): return object.name
            }
        }
    }

    /// The key prefix of the target's folder, where its lease applies.
    func prefix(of target: CrawlTarget) throws -> String {
        switch target {
        case .folder(let location): return location.prefix
        case .declared(let object): return try session.catalog.metastore.location(of: object).1
        }
    }

    func crawl(_ target: CrawlTarget) throws -> CrawlResult {
        progress?("crawling \(target.name)")
        var survey = try survey(target)
        try survey.inventory.save(store: store, replacing: survey.previous)
        return Self.changes(from: survey.previous, to: survey.inventory, footersRead: survey.footersRead)
    }

    /// A table as it is now, and as the last crawl recorded it.
    struct Survey {
        var inventory: TableInventory
        var previous: TableInventory?
        var footersRead: Int
        /// Partition folders without data files.
        var emptyPartitions: [String]
    }

    /// Lists the table and reads the footers the last crawl did not, without saving anything.
    func survey(_ target: CrawlTarget) throws -> Survey {
        // A damaged inventory is crawled over, as if there were none.
        let previous = try? TableInventory.load(target.name, store: store)
        var listed = try files(of: target)
        let known = Dictionary((previous?.files ?? []).map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
        var facts: [TableInventory.File?] = listed.files.map { file in
            let path = String(file.key.dropFirst(listed.prefix.count))
            guard let recorded = known[path], recorded.size == file.size, recorded.version == file.etag,
                recorded.partitionValues == file.partitionValues, previous?.schemas[recorded.schema] != nil
            else { return nil }
            return recorded
        }
        var schemas: [String: [CatalogObject.Column]] = previous?.schemas ?? [:]
        let unread = facts.indices.filter { facts[$0] == nil }
        for (done, batch) in stride(from: 0, to: unread.count, by: Self.footerBatch).map({ Array(unread[$0..<min($0 + Self.footerBatch, unread.count)]) }).enumerated() {
            let read = try readFiles(batch.map { listed.files[$0] }, prefix: listed.prefix, options: listed.readOptions)
            for (index, (file, columns)) in zip(batch, read) {
                schemas[file.schema] = columns
                facts[index] = file
            }
            if unread.count > Self.footerBatch { progress?("\(target.name): \(min((done + 1) * Self.footerBatch, unread.count)) of \(unread.count) footers read") }
        }
        let files = facts.map { $0! }
        let used = Set(files.map(\.schema))
        schemas = schemas.filter { used.contains($0.key) }

        // Columns merged in file order, so a conflict names the first file with each type.
        var merger = SchemaMerger()
        merger.conflictsBecomeText = listed.readOptions.format != .parquet
        var conflicts: [String] = []
        var merged = Set<String>()
        for file in files where !merged.contains(file.schema) {
            merged.insert(file.schema)
            let schema = Schema(schemas[file.schema]!.map { Field($0.name, DataType(sqlName: $0.type) ?? .varchar) })
            do { try merger.add(schema, from: store.location(of: listed.prefix + file.path)) } catch let error as LakeError { conflicts.append(error.message) }
        }
        let partitionKeys: [CatalogObject.Column]
        let columns: [CatalogObject.Column]
        switch target {
        case .declared(let object):
            partitionKeys = object.partitionKeys
            columns = object.columns
        case .folder:
            partitionKeys = listed.keys.indices.map { level in
                CatalogObject.Column(name: listed.keys[level], type: PartitionValueType.infer(Set(files.map { $0.partitionValues[level] })))
            }
            columns = merger.fields.map { CatalogObject.Column(name: $0.name, type: $0.type) }
        }
        listed.warnings.sort()
        let footers = files.compactMap(\.footerLength)
        let inventory = TableInventory(
            table: target.name, prefix: listed.prefix, format: listed.readOptions.format, declared: listed.isDeclared, partitionKeys: partitionKeys,
            columns: columns, schemas: schemas, conflicts: conflicts, warnings: listed.warnings, files: files,
            footerLength: footers.isEmpty ? nil : footers.reduce(0, +) / footers.count,
            tailSignature: try TableInventory.tailSignature(prefix: listed.prefix, rootListing: store.list(prefix: listed.prefix, delimiter: "/"), store: store),
            crawledAt: max(ProcessIdentity.nowMilliseconds(), (previous?.crawledAt ?? 0) + 1))
        return Survey(inventory: inventory, previous: previous, footersRead: unread.count, emptyPartitions: listed.emptyPartitions)
    }

    /// A table's files with their partition values, listed whole.
    struct Listed {
        var prefix: String
        var keys: [String]
        var files: [DataFile]
        var readOptions: FileReadOptions
        var warnings: [String]
        var isDeclared: Bool
        var emptyPartitions: [String] = []
    }

    func files(of target: CrawlTarget) throws -> Listed {
        switch target {
        case .declared(let object):
            let source = try session.catalog.metastore.source(object)
            // Partitions given a LOCATION of their own are the owner's to keep: left out, and said so.
            let files = source.knownFiles ?? []
            let inside = files.filter { $0.key.hasPrefix(source.prefix) }
            let outside = Set(files.filter { !$0.key.hasPrefix(source.prefix) }.map { file in
                zip(source.partitionKeys, file.partitionValues).map { PartitionPath.segment(key: $0, value: $1) }.joined(separator: "/")
            })
            let warnings = source.warnings + outside.sorted().map { "partition \($0) is kept outside the table's folder (ALTER TABLE ADD PARTITION ... LOCATION); crawl, doctor, compact and retain leave it alone" }
            return Listed(
                prefix: source.prefix, keys: source.partitionKeys, files: inside, readOptions: source.readOptions,
                warnings: warnings, isDeclared: true)
        case .folder(let location):
            let objects = try store.list(prefix: location.prefix, delimiter: nil).objects
            // The keys are those of the first data file's folders (as discovery names them, from the first branch).
            var keys: [String]?
            var format: DataFileFormat?
            for object in objects {
                let parts = ObjectKey.segments(object.key.dropFirst(location.prefix.count), omittingEmpty: false)
                guard let fileFormat = DataFileFormat.of(fileName: parts.last ?? "") else { continue }
                let segments = parts.dropLast().map { DataFileFormat.isIgnoredFolder($0) ? nil : PartitionSegment(folderName: $0) }
                guard !segments.contains(where: { $0 == nil }) else { continue }
                keys = segments.map { $0!.key }
                format = fileFormat
                break
            }
            guard let keys, let format else {
                throw LakeError("table \(location.name) has no data files under \(store.location(of: location.prefix))")
            }
            let found = DeclaredListing.files(of: objects, store: store, prefix: location.prefix, keys: keys, format: format, table: location.name)
            // Partition folders holding objects (markers, `_SUCCESS`, empty folders on S3) but no data file.
            var folders = Set<String>()
            for object in objects {
                let parts = ObjectKey.segments(object.key.dropFirst(location.prefix.count), omittingEmpty: false)
                guard parts.count > keys.count, keys.count > 0 else { continue }
                let folder = parts.prefix(keys.count)
                guard zip(folder, keys).allSatisfy({ PartitionSegment(folderName: $0)?.key.lowercased() == $1.lowercased() }) else { continue }
                folders.insert(folder.joined(separator: "/"))
            }
            let withData = Set(found.files.map { ObjectKey.segments($0.key.dropFirst(location.prefix.count)).prefix(keys.count).joined(separator: "/") })
            return Listed(
                prefix: location.prefix, keys: keys, files: found.files, readOptions: .defaults(for: format), warnings: found.warnings,
                isDeclared: false, emptyPartitions: folders.subtracting(withData).sorted())
        }
    }

    /// The facts of `files` from their footers (Parquet) or a sample of their rows (text).
    private func readFiles(_ files: [DataFile], prefix: String, options: FileReadOptions) throws -> [(TableInventory.File, [CatalogObject.Column])] {
        func fact(_ file: DataFile, _ schema: Schema) -> (TableInventory.File, [CatalogObject.Column]) {
            let columns = schema.fields.map { CatalogObject.Column(name: $0.name, type: $0.type) }
            let fact = TableInventory.File(
                path: String(file.key.dropFirst(prefix.count)), size: file.size, version: file.etag, partitionValues: file.partitionValues,
                schema: TableInventory.fingerprint(columns))
            return (fact, columns)
        }
        guard case .parquet = options else {
            return try files.map { file in fact(file, try LakeCatalog.fileSchema(file, store: store, options: options).0) }
        }
        let readSize = ParquetReadOptions().footerReadSize
        let tails = try store.readSuffixes(files.map(\.key), length: readSize)
        return try zip(files, tails).map { file, tail in
            let parquet = try ParquetFile.open(store: store, key: file.key, size: tail.objectSize, tail: tail.bytes)
            var (entry, columns) = fact(file, parquet.schema.engineSchema)
            let rowGroups = parquet.metadata.rowGroups
            let chunks = rowGroups.flatMap(\.columns)
            entry.rows = Int(parquet.metadata.numRows)
            entry.rowGroups = rowGroups.count
            entry.smallestRowGroupRows = rowGroups.map { Int($0.numRows) }.min()
            entry.hasStatistics = chunks.allSatisfy { $0.metaData?.statistics != nil }
            entry.hasPageIndex = chunks.allSatisfy { $0.columnIndexOffset != nil && $0.offsetIndexOffset != nil }
            entry.footerLength = parquet.footerLength
            return (entry, columns)
        }
    }

    /// What changed between two crawls of a table.
    static func changes(from previous: TableInventory?, to current: TableInventory, footersRead: Int) -> CrawlResult {
        func hashes(_ inventory: TableInventory?) -> [String: String] {
            guard let inventory else { return [:] }
            return inventory.filesByPartition.reduce(into: [:]) { result, partition in
                result[partition.path] = InputFingerprint.hash(partition.files.map { "\($0.path)\t\($0.size)\t\($0.version ?? "")" }.sorted().joined(separator: "\n"))
            }
        }
        let before = hashes(previous)
        let now = hashes(current)
        let oldColumns = Dictionary((previous?.columns ?? []).map { ($0.name.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        return CrawlResult(
            inventory: current, wasCrawled: previous != nil,
            newPartitions: previous == nil ? [] : now.keys.filter { before[$0] == nil }.sorted(),
            removedPartitions: before.keys.filter { now[$0] == nil }.sorted(),
            changedPartitions: now.keys.filter { before[$0] != nil && before[$0] != now[$0] }.sorted(),
            addedColumns: previous == nil ? [] : current.columns.filter { oldColumns[$0.name.lowercased()] == nil }.map { "\($0.name) \($0.type)" },
            changedColumns: current.columns.compactMap { column in
                guard let old = oldColumns[column.name.lowercased()], old.type != column.type else { return nil }
                return "\(column.name): \(old.type) → \(column.type)"
            },
            footersRead: footersRead)
    }
}
