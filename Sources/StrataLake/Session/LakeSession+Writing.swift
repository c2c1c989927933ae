// The statements that change the lake: CTAS, INSERT, COPY, and the DDL of the lake's catalog. Each
// dispatches here from `run`; table writes go through `TableWriter` and the commit protocol.
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner
import StrataSQL
import StrataStorage

extension LakeSession {
    func runWriting(_ statement: Statement) throws -> StatementResult {
        do {
            // What killed statements left is finished or undone before this one looks at the lake.
            if try !WriteTransaction.recover(store: store).isEmpty { catalog.refresh() }
            switch statement.kind {
            case .createTableAs(let ctas): return try runCreateTableAs(ctas)
            case .insert(let insert): return try runInsert(insert)
            case .copy(let copy): return try runCopy(copy)
            case .createExternalTable(let create): return try runCreateExternalTable(create)
            case .createView(let view): return try runCreateView(view)
            case .drop(let drop): return try runDrop(drop)
            case .repairTable(let name): return try runRepairTable(name)
            case .alterTablePartitions(let alter): return try runAlterTablePartitions(alter)
            default: preconditionFailure("not a writing statement")
            }
        } catch let error as LakeError {
            throw PlanError(error.message, offset: statement.range.lowerBound, length: min(statement.range.length, 20))
        }
    }

    /// The one-row result of a statement that wrote rows, as Trino gives it.
    func rowCountResult(_ rows: Int) -> StatementResult {
        .rows(self.rows(["rows"], [.bigint], [[.integer(Int64(rows))]]))
    }

    /// A name as a statement names a new object: qualified by the current schema when bare.
    func objectName(_ name: QualifiedName) -> [String] {
        let parts = name.parts.map(\.value)
        return parts.count == 1 && !catalog.currentSchema.isEmpty ? catalog.currentSchema + parts : parts
    }

    /// Whether a table or view of that name exists, declared or in the lake's folders.
    func objectExists(_ parts: [String]) throws -> Bool {
        if try catalog.metastore.object(named: parts.joined(separator: ".")) != nil { return true }
        return try LakeTableFinder(store: store).table(named: parts) != nil
    }

    // MARK: CTAS

    func runCreateTableAs(_ ctas: CreateTableAs) throws -> StatementResult {
        let parts = objectName(ctas.name)
        let name = parts.joined(separator: ".")
        let properties = try WriteProperties(ctas.properties, for: .createTable, evaluate: constantValue)
        let prefix = try newTablePrefix(parts, properties: properties)
        return try withLease([prefix], statement: "CREATE TABLE \(name)") {
            try createTable(ctas, name: parts, properties: properties, prefix: prefix)
        }
    }

    /// CTAS once it holds the new table's lease: nobody else creates it meanwhile.
    private func createTable(_ ctas: CreateTableAs, name parts: [String], properties: WriteProperties, prefix: String) throws -> StatementResult {
        let name = parts.joined(separator: ".")
        if try objectExists(parts) {
            if ctas.ifNotExists { return .message("table \(name) already exists") }
            throw PlanError("table \(name) already exists", offset: ctas.name.range.lowerBound, length: ctas.name.range.length)
        }
        let existing = try store.list(prefix: prefix, delimiter: "/")
        guard existing.objects.isEmpty && existing.commonPrefixes.isEmpty else {
            throw LakeError("\(store.location(of: prefix)) is not empty; a new table needs an empty folder (choose another external_location, or drop what is there)")
        }
        let prepared = try prepare(ctas.query)
        var names = prepared.schema.map(\.name)
        if !ctas.columns.isEmpty {
            guard ctas.columns.count == names.count else {
                throw LakeError("CREATE TABLE \(name) names \(ctas.columns.count) columns but the query gives \(names.count)")
            }
            names = ctas.columns.map(\.value)
        }
        let target = try tableTarget(
            name: name, prefix: prefix, names: names, types: prepared.schema.map(\.type), properties: properties, format: try properties.writeFormat())
        let object = createdTableObject(target, properties: properties, comment: ctas.comment?.value)
        let entry = TransactionRecord.ObjectChange(key: LakeMetastore.key(for: name), content: try LakeJSON.text(object))
        if ctas.withData == false {
            try catalog.metastore.save(object)
            return rowCountResult(0)
        }
        let plan = LogicalPlan.rename(prepared.plan, names: names)
        let outcome = try TableWriter(session: self).write(plan, into: target, mode: .replaceTable, statement: "CREATE TABLE \(name)", objects: [entry])
        return rowCountResult(outcome.rows)
    }

    /// The folder a created table goes to: its `external_location`, else the folder its name says.
    func newTablePrefix(_ parts: [String], properties: WriteProperties) throws -> String {
        guard let location = properties.externalLocation else { return try LakePath.tablePrefix(parts) }
        let (locationStore, locationPrefix) = try catalog.metastore.resolve(location)
        guard locationStore === store, !locationPrefix.isEmpty else {
            throw LakeError("external_location \(location) is outside the lake \(store.rootDescription); Strata writes tables inside the lake")
        }
        return locationPrefix
    }

    /// The target of a new table: partition columns last, in `partitioned_by` order, as Athena requires.
    func tableTarget(
        name: String, prefix: String, names: [String], types: [DataType], properties: WriteProperties, format: WriteFormat
    ) throws -> WriteTarget {
        var seen = Set<String>()
        for (column, type) in zip(names, types) {
            guard seen.insert(column.lowercased()).inserted else { throw LakeError("column \(column) appears twice; name the columns apart (AS ...)") }
            guard !column.isEmpty else { throw LakeError("a column has no name; name it with AS") }
            if type == .unknown { throw LakeError("column \(column) is NULL without a type; CAST it to the type it should have") }
        }
        let keys = properties.partitionedBy
        let keyCount = keys.count
        for key in keys where !names.contains(where: { $0.lowercased() == key.lowercased() }) {
            throw LakeError("partitioned_by names \(key), which the query does not have (it has \(names.joined(separator: ", ")))")
        }
        let tail = names.suffix(keyCount).map { $0.lowercased() }
        guard tail == keys.map({ $0.lowercased() }) else {
            throw LakeError(
                "the partition columns must be the last columns of the query, in the order of partitioned_by (\(keys.joined(separator: ", "))), as Athena requires; the query ends with \(names.suffix(keyCount).joined(separator: ", "))")
        }
        guard names.count > keyCount else { throw LakeError("a table needs at least one column besides its partition columns") }
        let dataFields = zip(names, types).prefix(names.count - keyCount).map { Field($0, $1) }
        let dataNames = Set(dataFields.map(\.name))
        if case .parquet(let options) = format {
            for key in options.sortedBy where !dataNames.contains(key.column) {
                throw LakeError("sorted_by names \(key.column), which is not a data column of the table")
            }
            for column in options.bloomFilterColumns where !dataNames.contains(column) {
                throw LakeError("bloom_filter_columns names \(column), which is not a data column of the table")
            }
        }
        let layout = PartitionedWriter.Layout(
            dataFields: dataFields, partitionKeys: Array(names.suffix(keyCount)), partitionTypes: Array(types.suffix(keyCount)))
        for (key, type) in zip(layout.partitionKeys, layout.partitionTypes) { try PartitionPath.check(key: key, type: type) }
        return WriteTarget(name: name, store: store, prefix: prefix, layout: layout, format: format)
    }

    /// The catalog entry of a table Strata creates.
    func createdTableObject(_ target: WriteTarget, properties: WriteProperties, comment: String?) -> CatalogObject {
        var recorded = properties.recorded
        recorded.removeValue(forKey: "partitioned_by")
        recorded.removeValue(forKey: "external_location")
        recorded.removeValue(forKey: "format")
        if case .csv(let delimiter, _) = target.format {
            recorded["serde"] = "org.apache.hadoop.hive.serde2.OpenCSVSerde"
            recorded["separatorChar"] = String(delimiter)
            recorded["quoteChar"] = "\""
        }
        var location = target.prefix
        while location.hasSuffix("/") { location.removeLast() }
        return CatalogObject(
            kind: .table, name: target.name, location: location, format: target.format.name,
            columns: target.layout.dataFields.map { CatalogObject.Column(name: $0.name, type: $0.type) },
            partitionKeys: zip(target.layout.partitionKeys, target.layout.partitionTypes).map { CatalogObject.Column(name: $0, type: $1) },
            createdByStrata: true, properties: recorded, comment: comment)
    }

    // MARK: INSERT

    func runInsert(_ insert: Insert) throws -> StatementResult {
        let (table, _) = try insertTarget(insert.table)
        return try withLease([table.prefix], statement: "INSERT \(insert.mode.rawValue) \(table.name)") { try insertRows(insert) }
    }

    /// INSERT once it holds the table's lease: the rows it reads and the partitions it replaces are the
    /// table as the last writer left it.
    private func insertRows(_ insert: Insert) throws -> StatementResult {
        let (target, _) = try insertTarget(insert.table)
        let fields = target.fields
        let keyStart = target.layout.dataFields.count
        func index(of column: Identifier) throws -> Int {
            guard let found = fields.firstIndex(where: { $0.name.lowercased() == column.value.lowercased() }) else {
                throw PlanError("table \(target.name) has no column \(column.value)", offset: column.range.lowerBound, length: column.range.length)
            }
            return found
        }
        // PARTITION (k = v): constant values for some keys; (k) alone: the value comes from the query.
        var staticValues: [Int: Value] = [:]
        let evaluator = ExpressionEvaluator(context: makeContext())
        for entry in insert.partition {
            let position = try index(of: entry.column)
            guard position >= keyStart else {
                throw PlanError("\(entry.column.value) is not a partition key of \(target.name)", offset: entry.range.lowerBound, length: entry.range.length)
            }
            guard let expression = entry.value else { continue }
            let value = try constantValue(expression)
            let cast = BoundExpression.cast(.literal(value, value.naturalType), to: fields[position].type, isTry: false)
            staticValues[position] = try evaluator.evaluate(cast, on: Batch(count: 1)).value(at: 0)
        }
        let provided: [Int]
        if insert.columns.isEmpty {
            provided = fields.indices.filter { staticValues[$0] == nil }
        } else {
            provided = try insert.columns.map(index(of:))
            guard Set(provided).count == provided.count else { throw LakeError("INSERT names a column twice") }
            for position in provided where staticValues[position] != nil {
                throw LakeError("\(fields[position].name) has a value in PARTITION (...) and in the column list")
            }
        }
        let prepared = try prepare(insert.query)
        guard prepared.schema.count == provided.count else {
            throw LakeError(
                "INSERT into \(target.name) expects \(provided.count) columns (\(provided.map { fields[$0].name }.joined(separator: ", "))) but the query gives \(prepared.schema.count)")
        }
        let expressions: [BoundExpression] = fields.indices.map { position in
            let type = fields[position].type
            if let value = staticValues[position] { return .literal(value, type) }
            guard let source = provided.firstIndex(of: position) else { return .literal(.null, type) }
            let column = BoundExpression.column(source, prepared.schema[source].type)
            return column.type == type ? column : .cast(column, to: type, isTry: false)
        }
        let plan = LogicalPlan.project(prepared.plan, expressions: expressions, names: fields.map(\.name))
        let mode: WriteMode
        switch insert.mode {
        case .into:
            mode = .append
        case .overwrite where target.layout.partitionKeys.isEmpty:
            mode = .replaceTable
        case .overwrite:
            // A fully given partition is emptied even if the query has no rows for it, as Hive does.
            var also = Set<String>()
            if staticValues.count == target.layout.partitionKeys.count {
                let values = (keyStart..<fields.count).map { staticValues[$0]! }
                also.insert(PartitionPath.folder(keys: target.layout.partitionKeys, values: values, types: target.layout.partitionTypes))
            }
            mode = .replacePartitions(alsoRemoving: also)
        }
        let outcome = try TableWriter(session: self).write(
            plan, into: target, mode: mode, statement: "INSERT \(insert.mode.rawValue) \(target.name)")
        return rowCountResult(outcome.rows)
    }

    /// The table an INSERT writes into, with the layout and format its files have.
    func insertTarget(_ name: QualifiedName) throws -> (WriteTarget, CatalogObject?) {
        let parts = name.parts.map(\.value)
        let candidates = catalog.currentSchema.isEmpty || parts.count > 1 ? [parts] : [catalog.currentSchema + parts, parts]
        var declared: CatalogObject?
        var source: LakeTableSource?
        for candidate in candidates {
            if let object = try catalog.metastore.object(named: candidate.joined(separator: ".")) {
                guard object.kind == .table else { throw LakeError("\(object.name) is a view; INSERT writes into tables") }
                declared = object
                source = try catalog.metastore.source(object)
                break
            }
            if case .table(let handle)? = try catalog.lookup(candidate), let found = handle.source as? LakeTableSource {
                source = found
                break
            }
        }
        guard let source else {
            throw PlanError("table \(name.dottedName) does not exist", offset: name.range.lowerBound, length: name.range.length)
        }
        guard source.store === store else {
            throw LakeError("table \(source.name) lives outside the lake (\(source.store.rootDescription)); Strata writes only inside the lake")
        }
        let format: WriteFormat
        switch source.readOptions {
        case .parquet:
            var options = ParquetWriterOptionsFromProperties.make(declared?.properties ?? [:])
            options.sortedBy = options.sortedBy.filter { key in source.dataFields.contains { $0.name == key.column } }
            format = .parquet(options)
        case .csv(let csv) where declared?.createdByStrata == true:
            format = .csv(delimiter: csv.delim ?? ",", header: false)
        case .csv, .json:
            throw LakeError("table \(source.name) holds \(source.readOptions.format.rawValue) files; Strata inserts into Parquet tables (and CSV tables it created)")
        }
        let keyCount = source.partitionKeys.count
        let columns = source.columns
        let layout = PartitionedWriter.Layout(
            dataFields: Array(columns.prefix(columns.count - keyCount)), partitionKeys: source.partitionKeys, partitionTypes: source.partitionTypes)
        return (WriteTarget(name: source.name, store: store, prefix: source.prefix, layout: layout, format: format), declared)
    }

    // MARK: COPY

    func runCopy(_ copy: Copy) throws -> StatementResult {
        let query: Query
        switch copy.source {
        case .query(let inner): query = inner
        case .table(let name): query = Query(body: QueryBody(.table(name), range: name.range), range: name.range)
        }
        let properties = try WriteProperties(copy.options, for: .copy, evaluate: constantValue)
        let path = copy.target.value
        let (targetStore, key) = try copyDestination(path)
        let format = try properties.writeFormat(fileName: path)
        let prepared = try prepare(query)
        let names = prepared.schema.map(\.name)
        let types = prepared.schema.map(\.type)
        var seen = Set<String>()
        for (name, type) in zip(names, types) {
            guard seen.insert(name.lowercased()).inserted else { throw LakeError("column \(name) appears twice; name the columns apart (AS ...)") }
            if type == .unknown { throw LakeError("column \(name) is NULL without a type; CAST it to the type it should have") }
        }
        if properties.partitionedBy.isEmpty {
            let fileKey = key.isEmpty || key.hasSuffix("/") ? key + "part-00000" + format.fileExtension : key
            return rowCountResult(try copyToFile(prepared.plan, schema: Schema(prepared.schema), store: targetStore, key: fileKey, format: format))
        }
        // Partition columns may sit anywhere in the query; the files hold the others, in order.
        var keyPositions: [Int] = []
        for partitionKey in properties.partitionedBy {
            guard let position = names.firstIndex(where: { $0.lowercased() == partitionKey.lowercased() }) else {
                throw LakeError("partitioned_by names \(partitionKey), which the query does not have")
            }
            keyPositions.append(position)
        }
        let order = names.indices.filter { !keyPositions.contains($0) } + keyPositions
        let plan = LogicalPlan.project(
            prepared.plan, expressions: order.map { .column($0, types[$0]) }, names: order.map { names[$0] })
        var reordered = properties
        reordered.partitionedBy = keyPositions.map { names[$0] }
        var prefix = key
        if !prefix.isEmpty && !prefix.hasSuffix("/") { prefix += "/" }
        let target = try tableTarget(
            name: "COPY to \(path)", prefix: prefix, names: order.map { names[$0] }, types: order.map { types[$0] }, properties: reordered,
            format: format)
        var writer = TableWriter(session: self)
        if targetStore !== store { writer.controlPrefix = prefix + WriteTransaction.controlPrefix }
        var outside = target
        outside.store = targetStore
        let outcome = try writer.write(plan, into: outside, mode: .replacePartitions(alsoRemoving: []), statement: "COPY to \(path)")
        return rowCountResult(outcome.rows)
    }

    /// The store and key a COPY writes to: relative paths are in the lake; absolute paths and `s3://`
    /// URIs where they say.
    func copyDestination(_ path: String) throws -> (any ObjectStore, String) {
        guard !isReadOnly else { throw LakeError("the session is read-only (--read-only): COPY writes \(path)") }
        if path.hasPrefix("s3://") || path.hasPrefix("s3a://") || path.hasPrefix("/") || path.hasPrefix("file://") {
            if let relative = LakeMetastore.relativeToLake(path, root: store.rootDescription) {
                return (store, try copyKey(relative, trailingSlash: path.hasSuffix("/")))
            }
            let location = try StorageLocation(parsing: path, workingDirectory: "/")
            switch location {
            case .local(let absolute):
                return (LocalObjectStore(root: "/"), String(absolute.dropFirst()) + (path.hasSuffix("/") ? "/" : ""))
            case .s3(let bucket, let prefix):
                let opened = try StorageLocation.s3(bucket: bucket, prefix: "").makeStore()
                return (opened, prefix + (path.hasSuffix("/") ? "/" : ""))
            }
        }
        return (store, try copyKey(path, trailingSlash: path.hasSuffix("/")))
    }

    private func copyKey(_ relative: String, trailingSlash: Bool) throws -> String {
        let prefix = try LakePath.relativePrefix(relative)
        return trailingSlash ? prefix : String(prefix.dropLast())
    }

    /// Streams a result into one file, published whole when complete.
    func copyToFile(_ plan: LogicalPlan, schema: Schema, store target: any ObjectStore, key: String, format: WriteFormat) throws -> Int {
        let context = makeContext()
        let root = try PhysicalPlanner(context: context, scans: LakeScanProvider(metrics: ScanMetrics())).makeOperator(plan)
        defer { root.close() }
        let sink: any FileSink
        switch format {
        case .parquet(let options): sink = try ParquetFileSink(store: target, key: key, schema: schema, options: options, context: context)
        case .csv, .json: sink = try TextFileSink(store: target, key: key, schema: schema, format: format)
        }
        do {
            while let batch = try root.next() { try sink.write(batch) }
            return try sink.close().rows
        } catch {
            sink.abort()
            throw error
        }
    }
}

/// Parquet options from a catalog entry's recorded write properties.
enum ParquetWriterOptionsFromProperties {
    static func make(_ properties: [String: String]) -> ParquetWriterOptions {
        var options = ParquetWriterOptions()
        if let codec = properties["write_compression"].flatMap(WriteProperties.codec) { options.compression = codec }
        options.compressionLevel = properties["compression_level"].flatMap { Int32($0) }
        if let sorted = properties["sorted_by"], !sorted.isEmpty {
            options.sortedBy = sorted.split(separator: ",").map { item in
                let words = item.split(separator: " ")
                return ParquetWriterOptions.SortKey(String(words[0]), descending: words.count > 1 && words[1].uppercased() == "DESC")
            }
        }
        if let bloom = properties["bloom_filter_columns"], !bloom.isEmpty {
            options.bloomFilterColumns = Set(bloom.split(separator: ",").map(String.init))
        }
        options.maxRowGroupRows = properties["row_group_size"].flatMap { Int($0) }
        return options
    }
}

extension Value {
    /// The type a constant of this kind has when written as a literal.
    var naturalType: DataType {
        switch self {
        case .null: return .unknown
        case .boolean: return .boolean
        case .integer: return .bigint
        case .real: return .real
        case .double: return .double
        case .decimal: return .decimal(precision: 38, scale: 0)
        case .varchar: return .varchar
        case .varbinary: return .varbinary
        case .date: return .date
        case .time: return .time
        case .timestamp: return .timestamp
        case .interval: return .interval
        }
    }
}
