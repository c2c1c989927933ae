// SHOW TABLES, SHOW PARTITIONS, SHOW COLUMNS, SHOW CREATE TABLE and DESCRIBE, answered from the lake.
import StrataCore
import StrataExecution
import StrataPlanner
import StrataSQL

extension LakeSession {
    func runShow(_ show: Show) throws -> StatementResult {
        switch show {
        case .tables(let schema, let pattern):
            let prefix = schema.map { $0.parts.map(\.value).joined(separator: "/") + "/" } ?? ""
            var names = try catalog.tableLocations(under: prefix).map(\.name)
            let dotted = schema.map { $0.parts.map(\.value).joined(separator: ".").lowercased() + "." } ?? ""
            let declared = try catalog.metastore.all().filter { $0.kind == .table && $0.name.lowercased().hasPrefix(dotted) }
            names = Array(Set(names.map { $0.lowercased() }).union(declared.map { $0.name.lowercased() })).sorted()
            if let pattern { names = names.filter { matches($0, pattern) } }
            return .rows(rows(["table"], [.varchar], names.map { [.varchar($0)] }))
        case .schemas(let pattern):
            var schemas: [String] = []
            for table in try catalog.tableLocations() {
                let parts = table.name.split(separator: ".")
                if parts.count > 1 { schemas.append(parts.dropLast().joined(separator: ".")) }
            }
            var unique = Array(Set(schemas)).sorted()
            if let pattern { unique = unique.filter { matches($0, pattern) } }
            return .rows(rows(["schema"], [.varchar], unique.map { [.varchar($0)] }))
        case .views(let schema, let pattern):
            let dotted = schema.map { $0.parts.map(\.value).joined(separator: ".").lowercased() + "." } ?? ""
            var names = try catalog.metastore.all().filter { $0.kind == .view && $0.name.lowercased().hasPrefix(dotted) }.map(\.name)
            if let pattern { names = names.filter { matches($0, pattern) } }
            return .rows(rows(["view"], [.varchar], names.map { [.varchar($0)] }))
        case .partitions(let name):
            let source = try lakeTable(name)
            guard !source.partitionKeys.isEmpty else {
                throw PlanError("table \(source.name) is not partitioned", offset: name.range.lowerBound, length: name.range.length)
            }
            var seen = Set<[String?]>()
            var lines: [[Value]] = []
            let files = try source.allFiles(evaluator: ExpressionEvaluator(context: makeContext())).files
            for file in files where seen.insert(file.partitionValues).inserted {
                let path = zip(source.partitionKeys, file.partitionValues).map { PartitionSegment(key: $0, value: $1).folderName }
                lines.append([.varchar(path.joined(separator: "/"))])
            }
            return .rows(rows(["partition"], [.varchar], lines.sorted { "\($0)" < "\($1)" }))
        case .columns(let name):
            return .rows(try describeTable(name))
        case .createTable(let name):
            if let object = try declaredObject(name), object.kind == .table { return .text(try object.ddl(root: store.rootDescription)) }
            return .text(try createTableText(try lakeTable(name)))
        case .createView(let name):
            guard let object = try declaredObject(name), object.kind == .view else {
                throw PlanError("view \(name.dottedName) does not exist", offset: name.range.lowerBound, length: name.range.length)
            }
            return .text(try object.ddl(root: store.rootDescription))
        }
    }

    /// The declared table or view a statement names, if any (bare names tried in the current schema first).
    func declaredObject(_ name: QualifiedName) throws -> CatalogObject? {
        let parts = name.parts.map(\.value)
        for candidate in catalog.currentSchema.isEmpty || parts.count > 1 ? [parts] : [catalog.currentSchema + parts, parts] {
            if let object = try catalog.metastore.object(named: candidate.joined(separator: ".")) { return object }
        }
        return nil
    }

    /// One row per column: name, type, and whether it is a partition key.
    func describeTable(_ name: QualifiedName) throws -> QueryResult {
        if let object = try declaredObject(name), object.kind == .view, let sql = object.sql {
            let schema = try Binder(catalog: catalog).bind(try SQLParser.parseQuery(sql)).schema
            return rows(["column", "type", "extra"], [.varchar, .varchar, .varchar], schema.map { [.varchar($0.name), .varchar($0.type.sqlName.lowercased()), .varchar("")] })
        }
        let source = try lakeTable(name)
        let keys = Set(source.partitionKeys)
        let lines: [[Value]] = source.columns.map { field in
            [.varchar(field.name), .varchar(field.type.sqlName.lowercased()), .varchar(keys.contains(field.name) ? "partition key" : "")]
        }
        return rows(["column", "type", "extra"], [.varchar, .varchar, .varchar], lines)
    }

    /// The Athena DDL that declares the table as it lies in the lake.
    func createTableText(_ source: LakeTableSource) throws -> String {
        let keys = Set(source.partitionKeys)
        let dataColumns = source.dataFields.filter { !keys.contains($0.name) }
        func quoted(_ name: String) -> String { "`" + name.replacingAll("`", "``") + "`" }
        var text = "CREATE EXTERNAL TABLE \(source.name) (\n"
        text += dataColumns.map { "  \(quoted($0.name)) \($0.type.sqlName.lowercased())" }.joined(separator: ",\n")
        text += "\n)"
        if !source.partitionKeys.isEmpty {
            text += "\nPARTITIONED BY (\n" + zip(source.partitionKeys, source.partitionTypes).map {
                "  \(quoted($0)) \($1.sqlName.lowercased())"
            }.joined(separator: ",\n") + "\n)"
        }
        text += "\nSTORED AS PARQUET\nLOCATION '\(source.store.location(of: source.prefix))'"
        return text
    }

    func lakeTable(_ name: QualifiedName) throws -> LakeTableSource {
        guard case .table(let handle)? = try catalog.lookup(name.parts.map(\.value)),
            let source = handle.source as? LakeTableSource
        else {
            throw PlanError("table \(name.dottedName) does not exist", offset: name.range.lowerBound, length: name.range.length)
        }
        return source
    }

    /// A result of literal rows.
    func rows(_ names: [String], _ types: [DataType], _ values: [[Value]]) -> QueryResult {
        let columns = types.indices.map { index in Column.build(types[index], values.map { $0[index] }) }
        let batch = Batch(columns: columns, count: values.count)
        let source = try! BatchSourceOperator(types: types, batches: [batch])
        return QueryResult(schema: zip(names, types).map { Field($0, $1) }, root: source) { QueryStatistics() }
    }

    /// SHOW ... LIKE 'pattern' (SQL LIKE) or Athena's bare 'pattern' (`*` any text, `|` alternatives).
    private func matches(_ name: String, _ pattern: ShowPattern) -> Bool {
        let text = pattern.pattern.value
        if pattern.isLike {
            return LikePattern.matches(name, pattern: text, escape: pattern.escape?.value.first)
        }
        return text.split(separator: "|").contains { alternative in
            GlobPattern(String(alternative).replacingAll(".", "?")).matches(name)
                || GlobPattern(String(alternative)).matches(name)
        }
    }
}

/// SQL LIKE on whole strings, for the few places outside the evaluator that need it (SHOW ... LIKE).
enum LikePattern {
    static func matches(_ text: String, pattern: String, escape: Character?) -> Bool {
        let t = Array(text)
        let p = Array(pattern)
        func match(_ i: Int, _ j: Int) -> Bool {
            if j == p.count { return i == t.count }
            if let escape, p[j] == escape, j + 1 < p.count {
                return i < t.count && t[i] == p[j + 1] && match(i + 1, j + 2)
            }
            switch p[j] {
            case "%": return (i...t.count).contains { match($0, j + 1) }
            case "_": return i < t.count && match(i + 1, j + 1)
            default: return i < t.count && t[i] == p[j] && match(i + 1, j + 1)
            }
        }
        return match(0, 0)
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
