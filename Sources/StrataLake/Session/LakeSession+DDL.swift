// DDL of the lake's catalog: CREATE EXTERNAL TABLE and CREATE VIEW declare objects (a JSON file each in
// `_strata/catalog/`); DROP removes them, and deletes the data of tables Strata created; MSCK REPAIR
// TABLE and ALTER TABLE ... PARTITION do what they can in a catalog that lists partitions from the folders
// at every query.
import StrataCore
import StrataExecution
import StrataPlanner
import StrataSQL
import StrataStorage

extension LakeSession {
    // MARK: CREATE EXTERNAL TABLE

    func runCreateExternalTable(_ create: CreateExternalTable) throws -> StatementResult {
        let parts = objectName(create.name)
        let name = parts.joined(separator: ".")
        if let existing = try catalog.metastore.object(named: name) {
            if create.ifNotExists { return .message("\(existing.kind.rawValue) \(name) already exists") }
            throw PlanError("\(existing.kind.rawValue) \(name) already exists", offset: create.name.range.lowerBound, length: create.name.range.length)
        }
        var properties: [String: String] = [:]
        for property in create.properties + create.serdeProperties {
            properties[HiveText.unescape(property.key.value)] = HiveText.unescape(property.value.value)
        }
        var format = "PARQUET"
        switch create.rowFormat {
        case .delimited(let delimited)?:
            format = "TEXTFILE"
            if let fields = delimited.fieldsTerminatedBy { properties["field.delim"] = HiveText.unescape(fields.value) }
            if let escape = delimited.escapedBy { properties["escape.delim"] = HiveText.unescape(escape.value) }
            if let null = delimited.nullDefinedAs { properties["serialization.null.format"] = HiveText.unescape(null.value) }
            if let lines = delimited.linesTerminatedBy, HiveText.unescape(lines.value) != "\n" {
                throw LakeError("LINES TERMINATED BY other than '\\n' is not supported")
            }
        case .serde(let serde, let serdeProperties)?:
            properties["serde"] = serde.value
            for property in serdeProperties { properties[HiveText.unescape(property.key.value)] = HiveText.unescape(property.value.value) }
            let lowered = serde.value.lowercased()
            if lowered.contains("json") { format = "JSON" }
            else if lowered.contains("parquet") { format = "PARQUET" }
            else if lowered.contains("csv") || lowered.contains("lazysimple") { format = "TEXTFILE" }
            else { throw LakeError("SERDE \(serde.value) is not read by Strata (Parquet, CSV and JSON serdes are)") }
        case nil:
            break
        }
        switch create.storedAs {
        case .named(let identifier)?:
            switch identifier.value.uppercased() {
            case "PARQUET": format = "PARQUET"
            case "TEXTFILE": if format != "JSON" { format = "TEXTFILE" }
            case "JSONFILE": format = "JSON"
            case let other: throw LakeError("STORED AS \(other) is not read by Strata (PARQUET, TEXTFILE, JSONFILE)")
            }
        case .classes(let input, _)?:
            let lowered = input.value.lowercased()
            if lowered.contains("parquet") { format = "PARQUET" }
            else if lowered.contains("textinputformat") { if format != "JSON" { format = "TEXTFILE" } }
            else { throw LakeError("INPUTFORMAT \(input.value) is not read by Strata") }
        case nil:
            break
        }
        if create.clusteredBy != nil { throw LakeError("bucketed tables (CLUSTERED BY) are not supported") }
        let location = try create.location.map { literal -> String in
            var text = literal.value
            while text.hasSuffix("/") && text.count > 1 { text.removeLast() }
            if let relative = LakeMetastore.relativeToLake(text, root: store.rootDescription) { return relative }
            if !(text.hasPrefix("s3://") || text.hasPrefix("s3a://") || text.hasPrefix("/") || text.hasPrefix("file://")) {
                _ = try LakePath.relativePrefix(text)
            }
            return text
        } ?? String(try LakePath.tablePrefix(parts).dropLast())
        var names = Set<String>()
        func column(_ definition: ColumnDefinition) throws -> CatalogObject.Column {
            guard names.insert(definition.name.value.lowercased()).inserted else {
                throw PlanError("column \(definition.name.value) is declared twice", offset: definition.range.lowerBound, length: definition.range.length)
            }
            return CatalogObject.Column(name: definition.name.value, type: try dataType(of: definition.type), comment: definition.comment?.value)
        }
        let columns = try create.columns.map(column)
        let keys = try create.partitionedBy.map(column)
        for key in keys { try PartitionPath.check(key: key.name, type: key.dataType!) }
        let object = CatalogObject(
            kind: .table, name: name, location: location, format: format, columns: columns, partitionKeys: keys,
            createdByStrata: false, properties: properties, comment: create.comment?.value)
        _ = try DeclaredFormat(object).readOptions(columns: try object.dataFields())
        try catalog.metastore.save(object)
        return .message("CREATE EXTERNAL TABLE \(name)")
    }

    /// The engine type a type name stands for, as the binder maps it (`CAST(NULL AS type)`).
    func dataType(of type: TypeName) throws -> DataType {
        let cast = Expression(.cast(Expression(.literal(.null)), type, isTry: false), range: type.range)
        let query = Query(body: QueryBody(.select(Select(items: [SelectItem(.expression(cast, alias: nil))]))))
        return try Binder(catalog: catalog).bind(query).schema[0].type
    }

    // MARK: Views

    func runCreateView(_ view: CreateView) throws -> StatementResult {
        let parts = objectName(view.name)
        let name = parts.joined(separator: ".")
        if let existing = try catalog.metastore.object(named: name) {
            guard existing.kind == .view else { throw LakeError("\(name) is a table; a view cannot replace it") }
            guard view.orReplace else {
                throw PlanError("view \(name) already exists (CREATE OR REPLACE VIEW replaces it)", offset: view.name.range.lowerBound, length: view.name.range.length)
            }
        } else if try LakeTableFinder(store: store).table(named: parts) != nil {
            throw LakeError("\(name) is a table of the lake; a view cannot take its name")
        }
        // Bound now, as Trino does, so a view that cannot work is refused when it is created.
        _ = try Binder(catalog: catalog).bind(view.query)
        let object = CatalogObject(kind: .view, name: name, comment: view.comment?.value, sql: SQLPrinter().print(view.query))
        try catalog.metastore.save(object)
        return .message("CREATE VIEW \(name)")
    }

    // MARK: DROP

    func runDrop(_ drop: Drop) throws -> StatementResult {
        let parts = objectName(drop.name)
        let name = parts.joined(separator: ".")
        let kind = drop.objectKind == .table ? "table" : "view"
        guard let object = try catalog.metastore.object(named: name) else {
            if drop.objectKind == .table, try LakeTableFinder(store: store).table(named: parts) != nil {
                throw LakeError(
                    "table \(name) is a folder of the lake, not a table Strata declared or created; Strata deletes only data it created (delete the folder to drop it)")
            }
            if drop.ifExists { return .message("\(kind) \(name) does not exist") }
            throw PlanError("\(kind) \(name) does not exist", offset: drop.name.range.lowerBound, length: drop.name.range.length)
        }
        switch (object.kind, drop.objectKind) {
        case (.view, .table): throw LakeError("\(name) is a view; use DROP VIEW")
        case (.table, .view): throw LakeError("\(name) is a table; use DROP TABLE")
        case (.view, .view):
            try catalog.metastore.delete(name)
            return .message("DROP VIEW \(name)")
        case (.table, .table):
            guard object.createdByStrata else {
                try catalog.metastore.delete(name)
                return .message("DROP TABLE \(name) (its files were not created by Strata and are kept)")
            }
            let (tableStore, prefix) = try catalog.metastore.location(of: object)
            guard tableStore === store, !prefix.isEmpty else {
                try catalog.metastore.delete(name)
                return .message("DROP TABLE \(name) (its files are outside the lake and are kept)")
            }
            let transaction = try WriteTransaction.begin(store: store, statement: "DROP TABLE \(name)", targetPrefix: prefix, wait: leaseWait)
            try transaction.commit(
                units: [TransactionRecord.Unit(path: "", replace: true, files: [], remove: true)],
                objects: [TransactionRecord.ObjectChange(key: LakeMetastore.key(for: name), content: nil)])
            catalog.metastore.invalidate()
            return .message("DROP TABLE \(name) (its files are deleted)")
        }
    }

    // MARK: Partitions

    /// The declared table named, or an error saying the statement needs one.
    private func declaredTable(_ name: QualifiedName, for statement: String) throws -> CatalogObject {
        let parts = objectName(name)
        if let object = try catalog.metastore.object(named: parts.joined(separator: ".")), object.kind == .table { return object }
        if try LakeTableFinder(store: store).table(named: parts) != nil {
            throw LakeError(
                "\(statement): table \(name.dottedName) is found from its folders, which define its partitions; declare it with CREATE EXTERNAL TABLE to keep partitions elsewhere")
        }
        throw PlanError("table \(name.dottedName) does not exist", offset: name.range.lowerBound, length: name.range.length)
    }

    /// `MSCK REPAIR TABLE`: crawls the table (as `strata crawl` does), recording its partitions, files and
    /// schemas in the lake's catalog, and reports what changed. A table outside the lake is only listed:
    /// Strata reads partitions from the folders at every query, so none needs registering.
    func runRepairTable(_ name: QualifiedName) throws -> StatementResult {
        let source = try lakeTable(name)
        guard source.store === store else {
            let listing = try source.allFiles(evaluator: ExpressionEvaluator(context: makeContext()))
            let partitions = Set(listing.files.map(\.partitionValues)).count
            var text = "MSCK REPAIR TABLE \(source.name): \(partitions) partition\(partitions == 1 ? "" : "s") in \(listing.files.count) file\(listing.files.count == 1 ? "" : "s"); Strata reads partitions from the folders at every query, so none needs registering"
            for warning in source.warnings + listing.warnings { text += "\n" + warning }
            return .text(text)
        }
        let result = try LakeCrawler(session: self).crawl(source.name)[0]
        catalog.refresh()
        let inventory = result.inventory
        let partitions = result.partitionCount
        var text = "MSCK REPAIR TABLE \(inventory.table): \(partitions) partition\(partitions == 1 ? "" : "s") in \(inventory.files.count) file\(inventory.files.count == 1 ? "" : "s") recorded (\(result.footersRead) footer\(result.footersRead == 1 ? "" : "s") read)"
        for line in result.changeLines { text += "\n" + line }
        return .text(text)
    }

    /// `ALTER TABLE ... ADD PARTITION` records partitions kept outside the table's folders (with
    /// LOCATION); Hive-layout partitions exist as soon as their folder has files. `DROP PARTITION` forgets
    /// such a location, and deletes the partition's files in tables Strata created.
    func runAlterTablePartitions(_ alter: AlterTablePartitions) throws -> StatementResult {
        var object = try declaredTable(alter.table, for: "ALTER TABLE")
        let keys = object.partitionKeys.map(\.name)
        let types = try object.partitionTypes()
        func values(_ spec: PartitionSpec) throws -> [Value] {
            guard spec.values.count == keys.count else {
                throw PlanError("give a value for every partition key (\(keys.joined(separator: ", ")))", offset: spec.range.lowerBound, length: spec.range.length)
            }
            return try keys.indices.map { index in
                guard let entry = spec.values.first(where: { $0.column.value.lowercased() == keys[index].lowercased() }), let expression = entry.value else {
                    throw PlanError("give a value for partition key \(keys[index])", offset: spec.range.lowerBound, length: spec.range.length)
                }
                let value = try constantValue(expression)
                let cast = BoundExpression.cast(.literal(value, value.naturalType), to: types[index], isTry: false)
                return try ExpressionEvaluator(context: makeContext()).evaluate(cast, on: Batch(count: 1)).value(at: 0)
            }
        }
        var lines: [String] = []
        switch alter.action {
        case .add(let ifNotExists, let added):
            for partition in added {
                let typed = try values(partition.spec)
                let folder = PartitionPath.folder(keys: keys, values: typed, types: types)
                let raw = zip(typed, types).map { PartitionPath.text($0, type: $1) }
                guard let location = partition.location?.value else {
                    lines.append("partition \(folder) is read from its folder whenever it has files; nothing to add")
                    continue
                }
                if (object.partitions ?? []).contains(where: { $0.values == raw }) {
                    if ifNotExists { continue }
                    throw LakeError("partition \(folder) of \(object.name) already has a location")
                }
                _ = try catalog.metastore.resolve(location)
                object.partitions = (object.partitions ?? []) + [CatalogObject.PartitionLocation(values: raw, location: location)]
                lines.append("partition \(folder) added at \(location)")
            }
            try catalog.metastore.save(object)
        case .drop(let ifExists, let specs):
            var removeFolders: [String] = []
            for spec in specs {
                let typed = try values(spec)
                let folder = PartitionPath.folder(keys: keys, values: typed, types: types)
                let raw = zip(typed, types).map { PartitionPath.text($0, type: $1) }
                if let index = object.partitions?.firstIndex(where: { $0.values == raw }) {
                    object.partitions!.remove(at: index)
                    lines.append("partition \(folder): location forgotten (its files are kept)")
                } else if object.createdByStrata {
                    removeFolders.append(folder)
                    lines.append("partition \(folder): files deleted")
                } else if !ifExists {
                    throw LakeError(
                        "partition \(folder) of \(object.name) is defined by its folder, and Strata deletes only data it created; delete the folder to drop the partition")
                }
            }
            if removeFolders.isEmpty {
                try catalog.metastore.save(object)
            } else {
                let (_, prefix) = try catalog.metastore.location(of: object)
                let transaction = try WriteTransaction.begin(store: store, statement: "ALTER TABLE \(object.name) DROP PARTITION", targetPrefix: prefix,
                    wait: leaseWait)
                try transaction.commit(
                    units: removeFolders.map { TransactionRecord.Unit(path: $0, replace: true, files: [], remove: true) },
                    objects: [TransactionRecord.ObjectChange(key: LakeMetastore.key(for: object.name), content: try LakeJSON.text(object))])
                catalog.metastore.invalidate()
            }
        }
        return .text(lines.isEmpty ? "ALTER TABLE \(object.name): nothing to do" : lines.joined(separator: "\n"))
    }
}

/// Hive's string literals in DDL take backslash escapes: `'\t'`, `'\001'` (octal), `'\u0001'`, `'\\'`.
enum HiveText {
    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = String.UnicodeScalarView()
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "\\", let next = scalars.first else {
                result.append(scalar)
                continue
            }
            scalars.removeFirst()
            switch next {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "0"..."7":
                var value = next.value - 48
                for _ in 0..<2 {
                    guard let digit = scalars.first, ("0"..."7").contains(digit) else { break }
                    value = value * 8 + digit.value - 48
                    scalars.removeFirst()
                }
                result.append(Unicode.Scalar(value) ?? "?")
            case "u" where scalars.count >= 4:
                let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                if let value = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(value) {
                    result.append(decoded)
                    scalars.removeFirst(4)
                } else {
                    result.append(next)
                }
            default: result.append(next)
            }
        }
        return String(result)
    }
}
