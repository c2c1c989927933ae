// `strata ddl`: the statements that register the lake's tables in another engine — Athena, Trino (Hive
// connector), Spark, Hive — and the materialization models in that engine's SQL, so the same files and
// models run there unchanged when the data outgrows one machine. Tables: CREATE EXTERNAL TABLE with the
// columns, partition keys and location, then what registers the partitions (MSCK REPAIR TABLE, Trino's
// sync_partition_metadata, or Athena partition projection where the partitions are dense). Models: a
// CTAS in Trino and Athena; CREATE TABLE with Strata's column types plus INSERT OVERWRITE on Spark and
// Hive, so the written types are the ones Strata writes whatever the functions return there.
import Foundation
import StrataCore
import StrataExecution
import StrataPlanner
import StrataSQL
import StrataStorage

public enum DDLDialect: String, Sendable, CaseIterable {
    case athena, trino, spark, hive
}

public struct LakeDDL {
    public let session: LakeSession
    public var dialect: DDLDialect
    /// Where the lake's root will be for the other engine (`s3://bucket/lake`); the lake's own location when nil.
    public var locationRoot: String?
    /// Trino's catalog of the Hive connector.
    public var trinoCatalog = "hive"

    public init(session: LakeSession, dialect: DDLDialect) {
        self.session = session
        self.dialect = dialect
    }

    /// The statements for `tables` (every table and view of the lake's catalog when empty), and for the
    /// models of `models` (a folder) when given; each statement ends with `;`.
    public func statements(tables names: [String], models folder: String?) throws -> String {
        // The lake's tables (found from folders or declared), tables declared with a location elsewhere,
        // and views.
        var targets = try LakeCrawler(session: session).tables(nil)
        let catalog = try session.catalog.metastore.all()
        let inLake = Set(targets.map { $0.name.lowercased() })
        targets += catalog.filter { $0.kind == .table && !inLake.contains($0.name.lowercased()) }.map { .declared($0) }
        var views = catalog.filter { $0.kind == .view }
        if !names.isEmpty {
            let wanted = Set(names.map { $0.lowercased() })
            let found = Set(targets.map { $0.name.lowercased() } + views.map { $0.name.lowercased() })
            if let missing = names.first(where: { !found.contains($0.lowercased()) }) {
                throw LakeError("no table \(missing) in the lake \(session.store.rootDescription)")
            }
            targets = targets.filter { wanted.contains($0.name.lowercased()) }
            views = views.filter { wanted.contains($0.name.lowercased()) }
        }
        var sections: [String] = []
        var schemas = Set<String>()
        var tableSections: [String] = []
        for target in targets {
            let source = try source(of: target)
            if let schema = Self.schemaName(source.name) { schemas.insert(schema) }
            tableSections.append(try tableStatements(source))
        }
        for view in views.sorted(by: { $0.name < $1.name }) {
            if let schema = Self.schemaName(view.name) { schemas.insert(schema) }
            tableSections.append(try viewStatements(view))
        }
        var models: [String] = []
        if let folder {
            for model in try ModelGraph(models: try ModelGraph.load(folder: folder), tableExists: { _ in true }).models {
                if let schema = Self.schemaName(model.name) { schemas.insert(schema) }
                models.append(try modelStatements(model))
            }
        }
        sections += schemas.sorted().map { schema in
            switch dialect {
            case .trino: return "CREATE SCHEMA IF NOT EXISTS \(trinoCatalog).\(quoted(schema));"
            case .athena, .spark, .hive: return "CREATE DATABASE IF NOT EXISTS \(quoted(schema));"
            }
        }
        sections += tableSections + models
        return sections.joined(separator: "\n\n") + "\n"
    }

    // MARK: Tables

    func source(of target: LakeCrawler.CrawlTarget) throws -> LakeTableSource {
        switch target {
        case .folder(let location): return try session.catalog.loadTable(location)
        case .declared(let object): return try session.catalog.metastore.source(object)
        }
    }

    /// Where a table's files are for the other engine: below the new root when they are in the lake,
    /// else where the catalog says.
    func location(of source: LakeTableSource) -> String {
        guard source.store !== session.store else { return location(source.prefix) }
        var own = source.store.location(of: source.prefix)
        if !own.hasSuffix("/") { own += "/" }
        return own.hasPrefix("/") ? "file://" + own : own
    }

    /// Where `prefix` of the lake will be for the other engine.
    func location(_ prefix: String) -> String {
        let root = locationRoot ?? session.store.location(of: "")
        let base = root.hasPrefix("/") ? "file://" + root : root
        return (base.hasSuffix("/") ? base : base + "/") + prefix
    }

    func tableStatements(_ source: LakeTableSource) throws -> String {
        let name = tableName(source.name)
        let keys = zip(source.partitionKeys, source.partitionTypes).map { Field($0, $1) }
        let keyNames = Set(source.partitionKeys)
        let data = source.dataFields.filter { !keyNames.contains($0.name) }
        let path = location(of: source)
        guard case .parquet = source.readOptions else {
            return try textTableStatements(source, data: data, keys: keys, path: path)
        }
        switch dialect {
        case .trino:
            let columns = (data + keys).map { "  \(quoted($0.name)) \(trinoType($0.type))" }.joined(separator: ",\n")
            var properties = ["format = 'PARQUET'"]
            if !keys.isEmpty { properties.append("partitioned_by = ARRAY[\(keys.map { SQLQuoting.string($0.name) }.joined(separator: ", "))]") }
            properties.append("external_location = \(SQLQuoting.string(path))")
            var text = "CREATE TABLE IF NOT EXISTS \(trinoCatalog).\(name) (\n\(columns)\n)\nWITH (\n  \(properties.joined(separator: ",\n  "))\n);"
            if !keys.isEmpty {
                let parts = Self.nameParts(source.name)
                text += "\nCALL \(trinoCatalog).system.sync_partition_metadata(\(SQLQuoting.string(parts.schema)), \(SQLQuoting.string(parts.table)), 'ADD');"
            }
            return text
        case .spark:
            let columns = (data + keys).map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n")
            var text = "CREATE TABLE IF NOT EXISTS \(name) (\n\(columns)\n)\nUSING PARQUET"
            if !keys.isEmpty { text += "\nPARTITIONED BY (\(keys.map { quoted($0.name) }.joined(separator: ", ")))" }
            text += "\nLOCATION \(SQLQuoting.string(path));"
            if !keys.isEmpty { text += "\nMSCK REPAIR TABLE \(name);" }
            return text
        case .hive, .athena:
            var text = "CREATE EXTERNAL TABLE IF NOT EXISTS \(name) (\n"
            text += data.map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n") + "\n)"
            if !keys.isEmpty { text += "\nPARTITIONED BY (\n" + keys.map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n") + "\n)" }
            text += "\nSTORED AS PARQUET\nLOCATION \(SQLQuoting.string(path))"
            if dialect == .athena, !keys.isEmpty, let projection = try projection(source, keys: keys, location: path) {
                return text + "\nTBLPROPERTIES (\n" + projection.map { "  \(SQLQuoting.string($0.0)) = \(SQLQuoting.string($0.1))" }.joined(separator: ",\n") + "\n);"
            }
            text += ";"
            if !keys.isEmpty { text += "\nMSCK REPAIR TABLE \(name);" }
            return text
        }
    }

    /// Athena partition projection, when every key is a DATE or integer whose partitions are dense (each
    /// value between the smallest and the largest is there, for every combination of the other keys):
    /// queries then need no partition registered, and none is ever missing.
    func projection(_ source: LakeTableSource, keys: [Field], location: String) throws -> [(String, String)]? {
        let files = try source.allFiles(evaluator: ExpressionEvaluator(context: session.makeContext())).files
        let combinations = Set(files.map(\.partitionValues))
        guard !combinations.isEmpty else { return nil }
        var properties: [(String, String)] = [("projection.enabled", "true")]
        var counts: [Int] = []
        for (index, key) in keys.enumerated() {
            let values = combinations.map { $0[index] }
            guard !values.contains(where: { $0 == nil }) else { return nil }
            switch key.type {
            case .date:
                let days = values.compactMap { TemporalParser.parseDate($0!) }.map(Int64.init)
                guard days.count == values.count, let low = days.min(), let high = days.max() else { return nil }
                counts.append(Int(high - low) + 1)
                properties += [
                    ("projection.\(key.name).type", "date"), ("projection.\(key.name).format", "yyyy-MM-dd"),
                    ("projection.\(key.name).range", "\(ValueFormatter.dateText(Int32(low))),\(ValueFormatter.dateText(Int32(high)))"),
                    ("projection.\(key.name).interval", "1"), ("projection.\(key.name).interval.unit", "DAYS"),
                ]
            case _ where key.type.isInteger:
                let numbers = values.compactMap { Int($0!) }
                guard numbers.count == values.count, let low = numbers.min(), let high = numbers.max() else { return nil }
                // Zero-padded folders (`month=01`) need the projection to pad too.
                let widths = Set(values.map { $0!.count })
                let padded = values.contains { $0!.hasPrefix("0") && $0! != "0" } && widths.count == 1
                counts.append(high - low + 1)
                properties += [("projection.\(key.name).type", "integer"), ("projection.\(key.name).range", "\(low),\(high)")]
                if padded { properties.append(("projection.\(key.name).digits", String(widths.first!))) }
            default:
                return nil
            }
        }
        guard counts.reduce(1, *) == combinations.count else { return nil }
        let template = location + keys.map { "\($0.name)=${\($0.name)}" }.joined(separator: "/") + "/"
        properties.append(("storage.location.template", template))
        return properties
    }

    // MARK: Views and models

    /// A view of the catalog: its query as Trino (Athena, Trino) or Spark (Spark, Hive) writes it.
    func viewStatements(_ view: CatalogObject) throws -> String {
        let sql = view.sql ?? ""
        let query: Query
        do {
            query = try SQLParser.parseQuery(sql)
        } catch {
            throw LakeError("view \(view.name): \(error)")
        }
        let spark = dialect == .spark || dialect == .hive
        if spark { try checkTranslatable(query, sql: sql, origin: "view \(view.name)") }
        let text = SQLPrinter(layout: .multiLine, dialect: spark ? .spark : .trino).print(query)
        let parts = Self.nameParts(view.name)
        switch dialect {
        case .trino, .athena:
            let name = (dialect == .trino ? [trinoCatalog] : []) + (parts.schema.isEmpty ? [] : [SQLQuoting.identifier(parts.schema)]) + [SQLQuoting.identifier(parts.table)]
            return "CREATE OR REPLACE VIEW \(name.joined(separator: ".")) AS\n\(text);"
        case .spark:
            return "CREATE OR REPLACE VIEW \(tableName(view.name)) AS\n\(text);"
        case .hive:
            return "DROP VIEW IF EXISTS \(tableName(view.name));\nCREATE VIEW \(tableName(view.name)) AS\n\(text);"
        }
    }

    func modelStatements(_ model: Model) throws -> String {
        let printer = SQLPrinter(layout: .multiLine, dialect: dialect == .spark || dialect == .hive ? .spark : .trino)
        let query = model.statement.query
        let properties = try WriteProperties(model.statement.properties, for: .createTable, evaluate: session.constantValue)
        let name = tableName(model.name)
        let path = location(Self.nameParts(model.name).parts.joined(separator: "/") + "/")
        switch dialect {
        case .trino, .athena:
            var withProperties = ["format = 'PARQUET'"]
            if !properties.partitionedBy.isEmpty {
                withProperties.append("partitioned_by = ARRAY[\(properties.partitionedBy.map { SQLQuoting.string($0) }.joined(separator: ", "))]")
            }
            if let codec = properties.compression { withProperties.append("write_compression = \(SQLQuoting.string(codec.name))") }
            if !properties.sortedBy.isEmpty, dialect == .trino {
                withProperties.append("sorted_by = ARRAY[\(properties.sortedBy.map { SQLQuoting.string($0.column + ($0.descending ? " DESC" : "")) }.joined(separator: ", "))]")
            }
            withProperties.append("external_location = \(SQLQuoting.string(path))")
            // Athena's DDL is Hive's, but its CTAS is Trino's SQL: double-quoted names.
            let trinoName = Self.nameParts(model.name)
            let quotedName = (trinoName.schema.isEmpty ? [] : [SQLQuoting.identifier(trinoName.schema)]) + [SQLQuoting.identifier(trinoName.table)]
            let target = (dialect == .trino ? [trinoCatalog] : []) + quotedName
            return "-- model \(model.name) (\(model.file))\nCREATE TABLE \(target.joined(separator: "."))\nWITH (\n  \(withProperties.joined(separator: ",\n  "))\n) AS\n\(printer.print(query));"
        case .spark, .hive:
            try checkTranslatable(model.statement.query, sql: model.sql, origin: model.file)
            // The columns and their types as Strata's binder gives them, so the other engine writes the same.
            let schema = try session.prepare(query).schema
            let keys = Set(properties.partitionedBy.map { $0.lowercased() })
            let data = schema.filter { !keys.contains($0.name.lowercased()) }
            let partition = schema.filter { keys.contains($0.name.lowercased()) }
            var text = "-- model \(model.name) (\(model.file))\n"
            if dialect == .spark {
                text += "CREATE TABLE IF NOT EXISTS \(name) (\n" + schema.map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n") + "\n)\nUSING PARQUET"
                if !partition.isEmpty { text += "\nPARTITIONED BY (\(partition.map { quoted($0.name) }.joined(separator: ", ")))" }
                text += "\nLOCATION \(SQLQuoting.string(path));\n"
                text += "INSERT OVERWRITE TABLE \(name)\n\(printer.print(query));"
            } else {
                text += "CREATE EXTERNAL TABLE IF NOT EXISTS \(name) (\n" + data.map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n") + "\n)"
                if !partition.isEmpty { text += "\nPARTITIONED BY (\n" + partition.map { "  \(quoted($0.name)) \(hiveType($0.type))" }.joined(separator: ",\n") + "\n)" }
                text += "\nSTORED AS PARQUET\nLOCATION \(SQLQuoting.string(path));\n"
                if !partition.isEmpty { text += "SET hive.exec.dynamic.partition.mode=nonstrict;\n" }
                text += "INSERT OVERWRITE TABLE \(name)"
                if !partition.isEmpty { text += " PARTITION (\(partition.map { quoted($0.name) }.joined(separator: ", ")))" }
                text += "\n\(printer.print(query));"
            }
            return text
        }
    }

    /// Refuses a query (a model's, a view's) calling a function Spark would read with another meaning (see
    /// `SQLPrinter.sparkUntranslatable`), naming the model's file, the function and the difference.
    func checkTranslatable(_ query: Query, sql: String, origin: String) throws {
        // Function calls in the printed SQL, string literals left out.
        let text = sql.replacingOccurrences(of: "'(?:[^']|'')*'", with: "''", options: .regularExpression).lowercased()
        for (name, reason) in SQLPrinter.sparkUntranslatable.sorted(by: { $0.key < $1.key })
        where text.range(of: "\\b\(name)\\s*\\(", options: .regularExpression) != nil {
            throw LakeError("\(origin): \(name) cannot be carried to Spark as it is: \(reason); rewrite the model with functions both engines share")
        }
        // Integer division truncates in Trino and Strata, and gives a fraction in Spark.
        func dividesIntegers(_ plan: LogicalPlan) -> Bool {
            plan.expressions.contains { expression in
                expression.contains { node in
                    guard case .arithmetic(.divide, let left, let right, _) = node else { return false }
                    return left.type.isInteger && right.type.isInteger
                }
            } || plan.children.contains(where: dividesIntegers)
        }
        if dividesIntegers(try Binder(catalog: session.catalog).bind(query).plan) {
            throw LakeError(
                "\(origin): it divides an integer by an integer, which truncates in Trino and Strata and gives a fraction in Spark; CAST one side to DOUBLE or DECIMAL, or the quotient to BIGINT, so both engines agree")
        }
    }

    // MARK: Names and types

    func quoted(_ name: String) -> String {
        dialect == .trino ? SQLQuoting.identifier(name) : SQLQuoting.quote(name, with: "`")
    }

    /// `schema.table` quoted; names deeper than two parts (`gold.marts.dim`) join the rest with `_`.
    func tableName(_ name: String) -> String {
        let parts = Self.nameParts(name)
        return parts.schema.isEmpty ? quoted(parts.table) : quoted(parts.schema) + "." + quoted(parts.table)
    }

    static func nameParts(_ name: String) -> (schema: String, table: String, parts: [String]) {
        let parts = name.split(separator: ".").map(String.init)
        guard parts.count > 1 else { return ("", parts.first ?? name, parts) }
        return (parts[0], parts.dropFirst().joined(separator: "_"), parts)
    }

    static func schemaName(_ name: String) -> String? {
        let schema = nameParts(name).schema
        return schema.isEmpty ? nil : schema
    }

    func hiveType(_ type: DataType) -> String { CatalogObject.hiveType(type.sqlName) }

    func trinoType(_ type: DataType) -> String {
        switch type {
        // The Hive connector reads Parquet microsecond timestamps at its default precision otherwise.
        case .timestamp: return "timestamp(6)"
        default: return type.sqlName.lowercased()
        }
    }
}
