// Statements, DDL in its own dialect: CREATE EXTERNAL TABLE as Hive/Athena print it (this is also what
// SHOW CREATE TABLE shows), everything else as Trino reads it.

extension SQLPrinter {
    func statementText(_ statement: Statement, _ indent: Int) -> String {
        switch statement.kind {
        case .query(let query):
            return queryText(query, indent)
        case .createExternalTable(let table):
            return createExternalTableText(table)
        case .createTableAs(let table):
            var text = "CREATE TABLE " + (table.ifNotExists ? "IF NOT EXISTS " : "") + nameText(table.name)
            if !table.columns.isEmpty { text += " " + namesText(table.columns) }
            if let comment = table.comment { text += newline(indent) + "COMMENT " + stringText(comment) }
            if !table.properties.isEmpty { text += newline(indent) + "WITH " + propertiesText(table.properties, indent) }
            text += " AS" + newline(indent) + queryText(table.query, indent)
            if let withData = table.withData { text += newline(indent) + (withData ? "WITH DATA" : "WITH NO DATA") }
            return text
        case .createView(let view):
            var text = "CREATE " + (view.orReplace ? "OR REPLACE " : "") + "VIEW " + nameText(view.name)
            if let comment = view.comment { text += " COMMENT " + stringText(comment) }
            return text + " AS" + newline(indent) + queryText(view.query, indent)
        case .insert(let insert):
            var text = insert.mode == .into ? "INSERT INTO " : "INSERT OVERWRITE TABLE "
            text += nameText(insert.table)
            if !insert.partition.isEmpty { text += " PARTITION " + partitionValuesText(insert.partition, indent) }
            if !insert.columns.isEmpty { text += " " + namesText(insert.columns) }
            return text + newline(indent) + queryText(insert.query, indent)
        case .drop(let drop):
            return "DROP " + drop.objectKind.rawValue + (drop.ifExists ? " IF EXISTS " : " ") + nameText(drop.name)
        case .repairTable(let name):
            return "MSCK REPAIR TABLE " + nameText(name)
        case .alterTablePartitions(let alter):
            var text = "ALTER TABLE " + nameText(alter.table)
            switch alter.action {
            case .add(let ifNotExists, let partitions):
                text += " ADD" + (ifNotExists ? " IF NOT EXISTS" : "")
                for partition in partitions {
                    text += newline(indent + 1) + "PARTITION " + partitionValuesText(partition.spec.values, indent)
                    if let location = partition.location { text += " LOCATION " + stringText(location) }
                }
            case .drop(let ifExists, let specs):
                text += " DROP" + (ifExists ? " IF EXISTS " : " ")
                text += specs.map { "PARTITION " + partitionValuesText($0.values, indent) }.joined(separator: ", ")
            }
            return text
        case .show(let show):
            return showText(show)
        case .describe(let describe):
            return "DESCRIBE " + (describe.detail.map { $0.rawValue + " " } ?? "") + nameText(describe.table)
        case .explain(let explain):
            return "EXPLAIN " + (explain.analyze ? "ANALYZE " : "") + (explain.verbose ? "VERBOSE " : "")
                + statementText(explain.statement, indent)
        case .set(let set):
            return "SET " + (set.isSession ? "SESSION " : "") + nameText(set.name) + " = " + expressionText(set.value, indent)
        case .use(let name):
            return "USE " + nameText(name)
        case .copy(let copy):
            var text = "COPY "
            switch copy.source {
            case .query(let query): text += parenthesized(query, indent)
            case .table(let name): text += nameText(name)
            }
            text += " TO " + stringText(copy.target)
            if !copy.options.isEmpty { text += " WITH " + propertiesText(copy.options, indent) }
            return text
        }
    }

    private func propertiesText(_ properties: [Property], _ indent: Int) -> String {
        let items = properties.map { identifierText($0.name) + " = " + expressionText($0.value, indent) }
        switch layout {
        case .multiLine: return "(" + newline(indent + 1) + items.joined(separator: "," + newline(indent + 1)) + newline(indent) + ")"
        case .singleLine: return "(" + items.joined(separator: ", ") + ")"
        }
    }

    private func partitionValuesText(_ values: [PartitionValue], _ indent: Int) -> String {
        "(" + values.map { value in
            identifierText(value.column) + (value.value.map { " = " + expressionText($0, indent) } ?? "")
        }.joined(separator: ", ") + ")"
    }

    private func showText(_ show: Show) -> String {
        func patternText(_ pattern: ShowPattern?) -> String {
            guard let pattern else { return "" }
            return (pattern.isLike ? " LIKE " : " ") + stringText(pattern.pattern)
                + (pattern.escape.map { " ESCAPE " + stringText($0) } ?? "")
        }
        switch show {
        case .tables(let schema, let pattern):
            return "SHOW TABLES" + (schema.map { " IN " + nameText($0) } ?? "") + patternText(pattern)
        case .views(let schema, let pattern):
            return "SHOW VIEWS" + (schema.map { " IN " + nameText($0) } ?? "") + patternText(pattern)
        case .schemas(let pattern):
            return "SHOW SCHEMAS" + patternText(pattern)
        case .partitions(let name):
            return "SHOW PARTITIONS " + nameText(name)
        case .columns(let name):
            return "SHOW COLUMNS FROM " + nameText(name)
        case .createTable(let name):
            return "SHOW CREATE TABLE " + nameText(name)
        case .createView(let name):
            return "SHOW CREATE VIEW " + nameText(name)
        }
    }

    // MARK: CREATE EXTERNAL TABLE

    private func createExternalTableText(_ table: CreateExternalTable) -> String {
        let break0 = newline(0)
        var text = "CREATE EXTERNAL TABLE " + (table.ifNotExists ? "IF NOT EXISTS " : "") + nameText(table.name, hive: true)
        if !table.columns.isEmpty { text += " " + columnsText(table.columns) }
        if let comment = table.comment { text += break0 + "COMMENT " + stringText(comment) }
        if !table.partitionedBy.isEmpty { text += break0 + "PARTITIONED BY " + columnsText(table.partitionedBy) }
        if let bucketing = table.clusteredBy {
            text += break0 + "CLUSTERED BY " + namesText(bucketing.columns, hive: true)
            if !bucketing.sortedBy.isEmpty {
                text += " SORTED BY ("
                    + bucketing.sortedBy.map { identifierText($0.name, hive: true) + ($0.direction.map { " " + $0.rawValue } ?? "") }
                    .joined(separator: ", ") + ")"
            }
            text += " INTO \(bucketing.bucketCount) BUCKETS"
        }
        switch table.rowFormat {
        case .delimited(let format):
            text += break0 + "ROW FORMAT DELIMITED"
            let clauses: [(String, StringLiteral?)] = [
                ("FIELDS TERMINATED BY", format.fieldsTerminatedBy), ("ESCAPED BY", format.escapedBy),
                ("COLLECTION ITEMS TERMINATED BY", format.collectionItemsTerminatedBy),
                ("MAP KEYS TERMINATED BY", format.mapKeysTerminatedBy), ("LINES TERMINATED BY", format.linesTerminatedBy),
                ("NULL DEFINED AS", format.nullDefinedAs),
            ]
            for (keywords, value) in clauses {
                if let value { text += newline(1) + keywords + " " + stringText(value) }
            }
        case .serde(let name, let properties):
            text += break0 + "ROW FORMAT SERDE " + stringText(name)
            if !properties.isEmpty { text += newline(0) + "WITH SERDEPROPERTIES " + hivePropertiesText(properties) }
        case nil:
            break
        }
        switch table.storedAs {
        case .named(let format):
            let name = identifierText(format, hive: true)
            text += break0 + "STORED AS " + (format.isQuoted ? name : name.uppercased())
        case .classes(let input, let output):
            text += break0 + "STORED AS INPUTFORMAT " + stringText(input) + newline(1) + "OUTPUTFORMAT " + stringText(output)
        case nil:
            break
        }
        if !table.serdeProperties.isEmpty { text += break0 + "WITH SERDEPROPERTIES " + hivePropertiesText(table.serdeProperties) }
        if let location = table.location { text += break0 + "LOCATION " + stringText(location) }
        if !table.properties.isEmpty { text += break0 + "TBLPROPERTIES " + hivePropertiesText(table.properties) }
        return text
    }

    private func columnsText(_ columns: [ColumnDefinition]) -> String {
        let items = columns.map { column in
            identifierText(column.name, hive: true) + " " + typeText(column.type, hive: true)
                + (column.comment.map { " COMMENT " + stringText($0) } ?? "")
        }
        switch layout {
        case .multiLine: return "(" + newline(1) + items.joined(separator: "," + newline(1)) + newline(0) + ")"
        case .singleLine: return "(" + items.joined(separator: ", ") + ")"
        }
    }

    private func hivePropertiesText(_ properties: [HiveProperty]) -> String {
        let items = properties.map { stringText($0.key) + " = " + stringText($0.value) }
        switch layout {
        case .multiLine: return "(" + newline(1) + items.joined(separator: "," + newline(1)) + newline(0) + ")"
        case .singleLine: return "(" + items.joined(separator: ", ") + ")"
        }
    }
}
