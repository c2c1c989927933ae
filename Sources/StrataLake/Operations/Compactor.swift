// `strata compact`: rewrites the partitions whose files are too many for their bytes (or lack statistics
// or a page index, or hold the columns of an older schema) into files near the target size — sorted when
// asked, with statistics and page index — one transaction per partition, so a reader sees each partition
// either as it was or compacted, never half. The rows are the same before and after: each partition is
// rewritten from a query of the table restricted to it, with the table's merged columns.
import StrataCore
import StrataFormats
import StrataPlanner
import StrataSQL
import StrataStorage

/// What compaction did (or, on a dry run, would do) to one partition.
public struct PartitionCompaction: Sendable {
    /// The partition folder (`k1=v1/k2=v2`; `""` unpartitioned).
    public var path: String
    /// Why it is rewritten: `small files`, `no statistics`, `no page index`, `old schema`, `sort`.
    public var reasons: [String]
    public var filesBefore: Int
    public var bytesBefore: Int
    /// After the rewrite; on a dry run, the files the target size gives.
    public var filesAfter: Int
    public var bytesAfter: Int?
    public var rows: Int?
}

public struct CompactionResult: Sendable {
    public var table: String
    public var targetFileSize: Int
    public var partitions: [PartitionCompaction]
    /// Partitions that needed nothing.
    public var partitionsUntouched: Int
    public var dryRun: Bool
}

public struct Compactor {
    public let session: LakeSession
    public var targetFileSize = FileSize.defaultTarget
    /// `column [ASC|DESC]`: the order rows are written in; the table's `sorted_by` when empty.
    public var sortBy: [String] = []
    /// A predicate on the partition keys choosing the partitions to look at.
    public var predicate: String?
    public var dryRun = false
    public var progress: ((String) -> Void)?

    public init(session: LakeSession) {
        self.session = session
    }

    public func compact(_ table: String) throws -> CompactionResult {
        var crawler = LakeCrawler(session: session)
        crawler.progress = progress
        let found = try crawler.table(table, for: "compact")
        if dryRun { return try compact(found, crawler: crawler) }
        // Leased before the files are listed: a file another writer added meanwhile would be lost when its
        // partition is replaced by the compacted one.
        return try session.withLease([try crawler.prefix(of: found)], statement: "strata compact (\(found.name))") {
            try compact(found, crawler: crawler)
        }
    }

    private func compact(_ found: LakeCrawler.CrawlTarget, crawler: LakeCrawler) throws -> CompactionResult {
        // The table's files as they are now; a real run records them, so planning sees every column.
        let survey = try crawler.survey(found)
        var inventory = survey.inventory
        if !dryRun {
            try inventory.save(store: session.store, replacing: survey.previous)
            session.catalog.refresh()
        }
        guard inventory.format == .parquet else {
            throw LakeError("table \(inventory.table) holds \(inventory.format.rawValue) files; compact rewrites Parquet tables")
        }
        guard inventory.conflicts.isEmpty else {
            throw LakeError("table \(inventory.table) has files that disagree on a column's type (\(inventory.conflicts[0])); compacting them would change its results")
        }
        let target = try writeTarget(inventory)
        let sortKeys = try sortKeys(target)
        let selected = try selectedPartitions(inventory)
        let dataColumns = Set(target.layout.dataFields.map { $0.name.lowercased() })
        let tableFingerprint = TableInventory.fingerprint(target.layout.dataFields.map { CatalogObject.Column(name: $0.name, type: $0.type) })

        var plans: [(partition: PartitionCompaction, files: [TableInventory.File])] = []
        var untouched = 0
        for (path, files) in inventory.filesByPartition where selected.contains(path) {
            let bytes = files.reduce(0) { $0 + $1.size }
            let needed = max(1, (bytes + targetFileSize - 1) / targetFileSize)
            var reasons: [String] = []
            if files.count > needed { reasons.append("small files") }
            if files.contains(where: { $0.hasStatistics == false }) { reasons.append("no statistics") }
            if files.contains(where: { $0.hasPageIndex == false }) { reasons.append("no page index") }
            if files.contains(where: { $0.schema != tableFingerprint }) { reasons.append("old schema") }
            if !sortBy.isEmpty { reasons.append("sort") }
            guard !reasons.isEmpty else {
                untouched += 1
                continue
            }
            // Columns the table does not know would be lost in the rewrite.
            for file in files {
                let extra = (inventory.schemas[file.schema] ?? []).filter { !dataColumns.contains($0.name.lowercased()) }
                if !extra.isEmpty {
                    throw LakeError(
                        "\(session.store.location(of: inventory.prefix + file.path)) has columns \(inventory.table) does not declare (\(extra.map(\.name).joined(separator: ", "))); compacting would drop them")
                }
            }
            plans.append((PartitionCompaction(path: path, reasons: reasons, filesBefore: files.count, bytesBefore: bytes, filesAfter: needed), files))
        }

        var done: [PartitionCompaction] = []
        for (index, plan) in plans.enumerated() {
            var partition = plan.partition
            if !dryRun {
                progress?("compacting \(inventory.table) \(partition.path.isEmpty ? "" : partition.path + " ")(\(index + 1) of \(plans.count)): \(partition.filesBefore) files, \(ByteCount.text(partition.bytesBefore))")
                let outcome = try rewrite(plan.files[0].partitionValues, path: partition.path, of: inventory, into: target, sortKeys: sortKeys)
                partition.filesAfter = outcome.files.count
                partition.bytesAfter = outcome.bytes
                partition.rows = outcome.rows
            }
            done.append(partition)
        }
        if !dryRun, !plans.isEmpty {
            session.catalog.refresh()
            _ = try crawler.crawl(found)
        }
        return CompactionResult(table: inventory.table, targetFileSize: targetFileSize, partitions: done, partitionsUntouched: untouched, dryRun: dryRun)
    }

    /// The table to write: as planning sees it, with the columns merged over all of its files.
    private func writeTarget(_ inventory: TableInventory) throws -> WriteTarget {
        let name = QualifiedName(inventory.table.split(separator: ".").map { Identifier(String($0), isQuoted: true) })
        var (target, _) = try session.insertTarget(name)
        let planned = Set(target.layout.dataFields.map { $0.name.lowercased() })
        if let missing = inventory.columns.first(where: { !planned.contains($0.name.lowercased()) }), !inventory.declared {
            throw LakeError("column \(missing.name) of \(inventory.table) is not visible to queries yet; run strata crawl \(inventory.table) and compact again")
        }
        target.format = try format(target.format, fields: target.layout.dataFields)
        var limits = PartitionedWriter.Limits.forStore(target.store)
        limits.maxFileBytes = targetFileSize
        target.limits = limits
        return target
    }

    /// The Parquet options of the rewrite: the table's, with `--sort-by` as its sort order.
    private func format(_ format: WriteFormat, fields: [Field]) throws -> WriteFormat {
        guard case .parquet(var options) = format else { return format }
        if !sortBy.isEmpty {
            options.sortedBy = try sortBy.map { item in
                let words = item.split(separator: " ", omittingEmptySubsequences: true)
                guard let column = words.first, words.count <= 2, words.count == 1 || ["ASC", "DESC"].contains(words[1].uppercased()) else {
                    throw LakeError("--sort-by '\(item)': expected a column, optionally followed by ASC or DESC")
                }
                guard let field = fields.first(where: { $0.name.lowercased() == column.lowercased() }) else {
                    throw LakeError("--sort-by: no data column \(column) (the columns are \(fields.map(\.name).joined(separator: ", ")))")
                }
                return ParquetWriterOptions.SortKey(field.name, descending: words.count == 2 && words[1].uppercased() == "DESC")
            }
        }
        return .parquet(options)
    }

    private func sortKeys(_ target: WriteTarget) throws -> [ParquetWriterOptions.SortKey] {
        guard case .parquet(let options) = target.format else { return [] }
        return options.sortedBy
    }

    /// The partitions `predicate` keeps, by evaluating it over a VALUES table of the partition values: a
    /// predicate naming a data column fails there, as it should.
    private func selectedPartitions(_ inventory: TableInventory) throws -> Set<String> {
        let partitions = inventory.filesByPartition
        guard let predicate else { return Set(partitions.map(\.path)) }
        guard !inventory.partitionKeys.isEmpty else {
            throw LakeError("--where chooses partitions, and \(inventory.table) is not partitioned")
        }
        let keys = inventory.partitionKeys
        let rows = partitions.enumerated().map { index, partition in
            "(\(index), " + zip(partition.files[0].partitionValues, inventory.partitionTypes).map { Self.literal($0, type: $1) }.joined(separator: ", ") + ")"
        }
        let columns = (["__partition"] + keys.map(\.name)).map { SQLQuoting.identifier($0) }.joined(separator: ", ")
        let sql = "SELECT \"__partition\" FROM (VALUES \(rows.joined(separator: ", "))) AS p(\(columns)) WHERE \(predicate)"
        let chosen: [Value]
        do {
            guard case .rows(let result) = try session.run(try SQLParser.parseStatement(sql)) else { return [] }
            chosen = try result.drain().flatMap { batch in (0..<batch.count).map { batch.columns[0].value(at: $0) } }
        } catch {
            throw LakeError("--where \(predicate): \(error) (it may name only the partition keys of \(inventory.table): \(keys.map(\.name).joined(separator: ", ")))")
        }
        return Set(chosen.compactMap { value in
            guard case .integer(let index) = value else { return nil }
            return partitions[Int(index)].path
        })
    }

    /// A partition value as a SQL literal of the key's type.
    static func literal(_ raw: String?, type: DataType) -> String {
        guard let raw else { return "CAST(NULL AS \(type.sqlName))" }
        return "CAST(\(SQLQuoting.string(raw)) AS \(type.sqlName))"
    }

    /// Rewrites one partition in one transaction: its rows, in sort order, replace its files.
    private func rewrite(
        _ values: [String?], path: String, of inventory: TableInventory, into target: WriteTarget, sortKeys: [ParquetWriterOptions.SortKey]
    ) throws -> WriteOutcome {
        let columns = target.fields.map { SQLQuoting.identifier($0.name) }.joined(separator: ", ")
        let table = inventory.table.split(separator: ".").map { SQLQuoting.identifier(String($0)) }.joined(separator: ".")
        let conditions = zip(inventory.partitionKeys, zip(values, inventory.partitionTypes)).map { key, value in
            value.0 == nil ? "\(SQLQuoting.identifier(key.name)) IS NULL" : "\(SQLQuoting.identifier(key.name)) = \(Self.literal(value.0, type: value.1))"
        }
        var sql = "SELECT \(columns) FROM \(table)"
        if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
        if !sortKeys.isEmpty {
            sql += " ORDER BY " + sortKeys.map { SQLQuoting.identifier($0.column) + ($0.descending ? " DESC" : "") }.joined(separator: ", ")
        }
        let (plan, _) = try session.prepare(try SQLParser.parseQuery(sql))
        return try TableWriter(session: session).write(
            plan, into: target, mode: .replacePartitions(alsoRemoving: [path]), statement: "COMPACT \(inventory.table) \(path)")
    }
}
