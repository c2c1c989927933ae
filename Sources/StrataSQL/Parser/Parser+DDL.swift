// DDL: CREATE EXTERNAL TABLE (Hive syntax, as Athena takes it), CREATE TABLE ... AS (Trino/Athena CTAS),
// CREATE [OR REPLACE] VIEW, DROP TABLE|VIEW, ALTER TABLE ADD|DROP PARTITION. Hive DDL statements accept
// `` `name` `` and read double-quoted text in string positions as a string, as Hive does.

extension Parser {
    mutating func parseCreate() throws(SQLError) -> Statement.Kind {
        try advance()
        if at(.or) {
            try advance()
            try expect(.replace)
            guard at(.view) else { throw expected("VIEW (only views can be replaced)", suggesting: ["VIEW"]) }
            return .createView(try parseCreateView(orReplace: true))
        }
        switch current.keyword {
        case .view:
            return .createView(try parseCreateView(orReplace: false))
        case .external:
            try advance()
            try expect(.table)
            return .createExternalTable(try parseCreateExternalTable())
        case .table:
            try advance()
            return .createTableAs(try parseCreateTableAs())
        default:
            if current.kind == .word, ["SCHEMA", "DATABASE"].contains(text(current).uppercased()) {
                throw unsupported(
                    "CREATE \(text(current).uppercased()) is not supported: schemas are the lake's folders", at: current)
            }
            throw expected("TABLE, EXTERNAL TABLE, VIEW or OR REPLACE VIEW", suggesting: ["TABLE", "EXTERNAL", "VIEW", "OR"])
        }
    }

    private mutating func parseIfNotExists() throws(SQLError) -> Bool {
        guard at(.if) else { return false }
        try advance()
        try expect(.not)
        try expect(.exists)
        return true
    }

    private mutating func parseIfExists() throws(SQLError) -> Bool {
        guard at(.if) else { return false }
        try advance()
        try expect(.exists)
        return true
    }

    // MARK: CREATE VIEW

    private mutating func parseCreateView(orReplace: Bool) throws(SQLError) -> CreateView {
        try advance()  // VIEW
        let name = try parseQualifiedName("a view name")
        var comment: StringLiteral?
        if try accept(.comment) { comment = try parseStringLiteral("the comment as a string") }
        guard at(.as) else { throw expected("AS and the view's query", suggesting: ["AS"]) }
        try advance()
        guard startsQuery else { throw expected("a query", suggesting: ["SELECT", "WITH", "VALUES"]) }
        return CreateView(name: name, orReplace: orReplace, comment: comment, query: try parseQuery())
    }

    // MARK: CTAS

    private mutating func parseCreateTableAs() throws(SQLError) -> CreateTableAs {
        let ifNotExists = try parseIfNotExists()
        let name = try parseQualifiedName("a table name")
        var columns: [Identifier] = []
        if at(.leftParen) {
            try advance()
            repeat {
                columns.append(try parseIdentifier("a column name"))
                if !at(.comma) && !at(.rightParen) {
                    throw unsupported(
                        "CREATE TABLE with column types is not supported; declare files already in the lake with "
                            + "CREATE EXTERNAL TABLE ... LOCATION '...', or create a table from a query with "
                            + "CREATE TABLE ... AS SELECT", at: current)
                }
            } while try accept(.comma)
            try expect(.rightParen, "',' or ')'")
        }
        var comment: StringLiteral?
        if try accept(.comment) { comment = try parseStringLiteral("the comment as a string") }
        var properties: [Property] = []
        if try accept(.with) { properties = try parseProperties() }
        guard at(.as) else {
            throw expected(properties.isEmpty ? "WITH (...) or AS and a query" : "AS and a query", suggesting: ["AS", "WITH"])
        }
        try advance()
        guard startsQuery else { throw expected("a query", suggesting: ["SELECT", "WITH", "VALUES"]) }
        let query = try parseQuery()
        var withData: Bool?
        if at(.with) && (peek().keyword == .data || peek().keyword == .no) {
            try advance()
            withData = !(try accept(.no))
            try expect(.data)
        }
        return CreateTableAs(
            name: name, ifNotExists: ifNotExists, columns: columns, comment: comment, properties: properties,
            query: query, withData: withData)
    }

    // MARK: CREATE EXTERNAL TABLE

    private mutating func parseCreateExternalTable() throws(SQLError) -> CreateExternalTable {
        allowsBackquotes = true
        let ifNotExists = try parseIfNotExists()
        var table = CreateExternalTable(name: try parseQualifiedName("a table name"), ifNotExists: ifNotExists)
        if at(.leftParen) { table.columns = try parseColumnDefinitions() }
        if try accept(.comment) { table.comment = try parseHiveString("the comment as a string") }
        if try accept(.partitioned) {
            try expect(.by)
            table.partitionedBy = try parseColumnDefinitions()
        }
        if try accept(.clustered) { table.clusteredBy = try parseBucketing() }
        if at(.row) && peek().keyword == .format {
            try advance()
            try advance()
            table.rowFormat = try parseRowFormat()
        }
        if try accept(.stored) {
            try expect(.as)
            if try accept(.inputFormat) {
                let input = try parseHiveString("the input format class as a string")
                try expect(.outputFormat)
                let output = try parseHiveString("the output format class as a string")
                table.storedAs = .classes(input: input, output: output)
            } else {
                table.storedAs = .named(try parseIdentifier("a file format (PARQUET, TEXTFILE, JSONFILE, ORC, ...)"))
            }
        }
        if at(.with) && peek().keyword == .serdeProperties {
            try advance()
            try advance()
            table.serdeProperties = try parseHiveProperties()
        }
        if try accept(.location) { table.location = try parseHiveString("the location as a string") }
        if try accept(.tblProperties) { table.properties = try parseHiveProperties() }
        return table
    }

    /// `( name type [COMMENT 'text'], ... )`.
    private mutating func parseColumnDefinitions() throws(SQLError) -> [ColumnDefinition] {
        try expect(.leftParen)
        var columns: [ColumnDefinition] = []
        repeat {
            let start = current
            let name = try parseIdentifier("a column name")
            let type = try parseType()
            var comment: StringLiteral?
            if try accept(.comment) { comment = try parseHiveString("the comment as a string") }
            columns.append(ColumnDefinition(name: name, type: type, comment: comment, range: range(from: start)))
        } while try accept(.comma)
        try expect(.rightParen, "',' or ')'")
        return columns
    }

    /// After CLUSTERED: `BY (columns) [SORTED BY (column [ASC|DESC], ...)] INTO n BUCKETS`.
    private mutating func parseBucketing() throws(SQLError) -> Bucketing {
        try expect(.by)
        let columns = try parseIdentifierList()
        var sortedBy: [Bucketing.SortColumn] = []
        if try accept(.sorted) {
            try expect(.by)
            try expect(.leftParen)
            repeat {
                var column = Bucketing.SortColumn(name: try parseIdentifier("a column name"))
                if try accept(.asc) {
                    column.direction = .ascending
                } else if try accept(.desc) {
                    column.direction = .descending
                }
                sortedBy.append(column)
            } while try accept(.comma)
            try expect(.rightParen, "',' or ')'")
        }
        try expect(.into)
        let count = try parseSmallInteger("the number of buckets")
        try expect(.buckets)
        return Bucketing(columns: columns, sortedBy: sortedBy, bucketCount: count)
    }

    /// After ROW FORMAT: `DELIMITED [FIELDS TERMINATED BY 'c' [ESCAPED BY 'c']] [COLLECTION ITEMS TERMINATED BY 'c']
    /// [MAP KEYS TERMINATED BY 'c'] [LINES TERMINATED BY 'c'] [NULL DEFINED AS 'c']` or
    /// `SERDE 'class' [WITH SERDEPROPERTIES (...)]`.
    private mutating func parseRowFormat() throws(SQLError) -> RowFormat {
        if try accept(.serde) {
            let name = try parseHiveString("the SerDe class as a string")
            var properties: [HiveProperty] = []
            if at(.with) && peek().keyword == .serdeProperties {
                try advance()
                try advance()
                properties = try parseHiveProperties()
            }
            return .serde(name, properties: properties)
        }
        guard try accept(.delimited) else { throw expected("DELIMITED or SERDE", suggesting: ["DELIMITED", "SERDE"]) }
        var format = DelimitedRowFormat()
        if try accept(.fields) {
            format.fieldsTerminatedBy = try parseTerminatedBy()
            if try accept(.escaped) {
                try expect(.by)
                format.escapedBy = try parseHiveString("the escape character as a string")
            }
        }
        if try accept(.collection) {
            try expect(.items)
            format.collectionItemsTerminatedBy = try parseTerminatedBy()
        }
        if at(.map) && peek().keyword == .keys {
            try advance()
            try advance()
            format.mapKeysTerminatedBy = try parseTerminatedBy()
        }
        if try accept(.lines) { format.linesTerminatedBy = try parseTerminatedBy() }
        if at(.null) && peek().keyword == .defined {
            try advance()
            try advance()
            try expect(.as)
            format.nullDefinedAs = try parseHiveString("the null marker as a string")
        }
        return .delimited(format)
    }

    private mutating func parseTerminatedBy() throws(SQLError) -> StringLiteral {
        try expect(.terminated)
        try expect(.by)
        return try parseHiveString("the delimiter as a string")
    }

    /// `( 'key' = 'value', ... )`.
    private mutating func parseHiveProperties() throws(SQLError) -> [HiveProperty] {
        try expect(.leftParen)
        var properties: [HiveProperty] = []
        repeat {
            let key = try parseHiveString("a property name as a string")
            guard at(.equal) else { throw expected("'=' and the property's value") }
            try advance()
            let value = try parseHiveString("the property's value as a string")
            properties.append(HiveProperty(key: key, value: value))
        } while try accept(.comma)
        try expect(.rightParen, "',' or ')'")
        return properties
    }

    /// A string in Hive DDL: `'text'`, or `"text"`, which Hive also reads as a string.
    private mutating func parseHiveString(_ what: String) throws(SQLError) -> StringLiteral {
        guard at(.string) || at(.quotedIdentifier) else { throw expected(what) }
        let token = try advance()
        return StringLiteral(stringValue(token), range: token.range)
    }

    // MARK: DROP, ALTER TABLE

    mutating func parseDrop() throws(SQLError) -> Drop {
        try advance()
        let objectKind: Drop.ObjectKind
        if try accept(.table) {
            objectKind = .table
            allowsBackquotes = true
        } else if try accept(.view) {
            objectKind = .view
        } else {
            throw expected("TABLE or VIEW", suggesting: ["TABLE", "VIEW"])
        }
        let ifExists = try parseIfExists()
        return Drop(objectKind: objectKind, ifExists: ifExists, name: try parseQualifiedName("a name"))
    }

    mutating func parseAlterTable() throws(SQLError) -> AlterTablePartitions {
        try advance()
        try expect(.table)
        allowsBackquotes = true
        let table = try parseQualifiedName("a table name")
        if try accept(.add) {
            let ifNotExists = try parseIfNotExists()
            var partitions: [AddedPartition] = []
            guard at(.partition) else { throw expected("PARTITION", suggesting: ["PARTITION"]) }
            while at(.partition) {
                let spec = try parsePartitionSpec()
                var location: StringLiteral?
                if try accept(.location) { location = try parseHiveString("the location as a string") }
                partitions.append(AddedPartition(spec: spec, location: location))
            }
            return AlterTablePartitions(table: table, action: .add(ifNotExists: ifNotExists, partitions))
        }
        if try accept(.drop) {
            let ifExists = try parseIfExists()
            var specs = [try parsePartitionSpec()]
            while try accept(.comma) { specs.append(try parsePartitionSpec()) }
            return AlterTablePartitions(table: table, action: .drop(ifExists: ifExists, specs))
        }
        throw expected("ADD PARTITION or DROP PARTITION", suggesting: ["ADD", "DROP"])
    }

    private mutating func parsePartitionSpec() throws(SQLError) -> PartitionSpec {
        let start = try expect(.partition)
        let values = try parsePartitionValues(valuesRequired: true)
        return PartitionSpec(values, range: range(from: start))
    }
}
