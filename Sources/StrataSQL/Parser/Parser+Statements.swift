// Scripts and statements: a script is statements separated by `;`; each statement starts with a keyword
// that picks its parser. DDL has its own file (Parser+DDL); the rest is here.

extension Parser {
    /// Keywords that start a statement, for suggestions.
    static let statementKeywords = [
        "SELECT", "WITH", "VALUES", "TABLE", "CREATE", "INSERT", "DROP", "MSCK", "ALTER", "SHOW", "DESCRIBE", "DESC",
        "EXPLAIN", "SET", "USE", "COPY",
    ]

    /// What may follow a complete statement's last clause, for suggestions when something else does.
    static let statementEndKeywords = clauseKeywords + [
        "AND", "OR", "NOT", "BETWEEN", "LIKE", "IN", "IS", "LOCATION", "PARTITIONED", "STORED", "TBLPROPERTIES",
        "COMMENT", "ROW", "CLUSTERED",
    ]

    mutating func parseScript() throws(SQLError) -> [Statement] {
        var statements: [Statement] = []
        while true {
            while at(.semicolon) { try advance() }
            if at(.endOfInput) { return statements }
            statements.append(try parseStatementInScript())
            guard at(.semicolon) || at(.endOfInput) else {
                throw expected("';' or the end of the input", suggesting: Parser.statementEndKeywords)
            }
        }
    }

    /// One statement, resetting the per-statement state.
    mutating func parseStatementInScript() throws(SQLError) -> Statement {
        statementStart = index
        depth = 0
        implicitAliasIndex = nil
        allowsBackquotes = false
        return try parseStatement()
    }

    mutating func parseStatement() throws(SQLError) -> Statement {
        let start = current
        let kind: Statement.Kind
        if start.kind == .leftParen {
            kind = .query(try parseQuery())
            return Statement(kind, range: range(from: start))
        }
        switch start.keyword {
        case .select, .with, .values, .table:
            kind = .query(try parseQuery())
        case .create:
            kind = try parseCreate()
        case .insert:
            kind = .insert(try parseInsert())
        case .drop:
            kind = .drop(try parseDrop())
        case .msck:
            try advance()
            try expect(.repair)
            try expect(.table)
            allowsBackquotes = true
            kind = .repairTable(try parseQualifiedName("a table name"))
        case .alter:
            kind = .alterTablePartitions(try parseAlterTable())
        case .show:
            kind = .show(try parseShow())
        case .describe, .desc:
            try advance()
            allowsBackquotes = true
            var detail: Describe.Detail?
            if (at(.extended) || at(.formatted)) && isIdentifier(peek()) {
                detail = try advance().keyword == .extended ? .extended : .formatted
            }
            kind = .describe(Describe(table: try parseQualifiedName("a table name"), detail: detail))
        case .explain:
            kind = .explain(try parseExplain())
        case .set:
            kind = .set(try parseSet())
        case .use:
            try advance()
            kind = .use(try parseQualifiedName("a schema name"))
        case .copy:
            kind = .copy(try parseCopy())
        case .delete, .execute, .prepare, .deallocate:
            throw unsupported("\(start.keyword!.text) is not supported", at: start)
        default:
            if start.kind == .word {
                switch text(start).uppercased() {
                case "UNLOAD":
                    throw unsupported(
                        "UNLOAD is not supported; write COPY (query) TO 'path' WITH (format = 'PARQUET')", at: start)
                case "UPDATE", "MERGE", "TRUNCATE", "GRANT", "REVOKE", "CALL", "COMMIT", "ROLLBACK", "START", "RESET":
                    throw unsupported("\(text(start).uppercased()) is not supported", at: start)
                default:
                    break
                }
            }
            throw expected(
                "a statement (SELECT, WITH, CREATE, INSERT, DROP, SHOW, DESCRIBE, EXPLAIN, ...)",
                suggesting: Parser.statementKeywords)
        }
        return Statement(kind, range: range(from: start))
    }

    // MARK: INSERT

    private mutating func parseInsert() throws(SQLError) -> Insert {
        try advance()
        let mode: Insert.Mode
        if try accept(.into) {
            mode = .into
        } else if try accept(.overwrite) {
            mode = .overwrite
        } else {
            throw expected("INTO or OVERWRITE", suggesting: ["INTO", "OVERWRITE"])
        }
        _ = try accept(.table)
        let table = try parseQualifiedName("a table name")
        var partition: [PartitionValue] = []
        if at(.partition) {
            try advance()
            partition = try parsePartitionValues(valuesRequired: false)
        }
        var columns: [Identifier] = []
        if at(.leftParen) && !parenthesisStartsQuery(at: index) {
            columns = try parseIdentifierList()
        }
        guard startsQuery else { throw expected("a query (SELECT, VALUES, WITH, TABLE or '(')", suggesting: ["SELECT", "VALUES"]) }
        let query = try parseQuery()
        return Insert(mode: mode, table: table, partition: partition, columns: columns, query: query)
    }

    /// Whether the current token can start a query.
    var startsQuery: Bool {
        switch current.keyword {
        case .select, .with, .values, .table: return true
        default: return current.kind == .leftParen
        }
    }

    /// `( column [= value], ... )` of a PARTITION clause; values must be literals.
    mutating func parsePartitionValues(valuesRequired: Bool) throws(SQLError) -> [PartitionValue] {
        try expect(.leftParen)
        var values: [PartitionValue] = []
        repeat {
            let start = current
            let column = try parseIdentifier("a partition column")
            var value: Expression?
            if try accept(.equal) {
                value = try parsePartitionLiteral()
            } else if valuesRequired {
                throw expected("'=' and the partition value")
            }
            values.append(PartitionValue(column: column, value: value, range: range(from: start)))
        } while try accept(.comma)
        try expect(.rightParen, "',' or ')'")
        return values
    }

    /// A string, a number with an optional sign, TRUE/FALSE, or a typed literal such as DATE '2024-01-31'.
    private mutating func parsePartitionLiteral() throws(SQLError) -> Expression {
        let start = current
        switch start.kind {
        case .string, .integer, .decimal, .double:
            return try parseValue(0)
        case .minus where peek().kind == .integer || peek().kind == .decimal || peek().kind == .double,
            .plus where peek().kind == .integer || peek().kind == .decimal || peek().kind == .double:
            return try parseValue(0)
        case .word where start.keyword == .true || start.keyword == .false || peek().kind == .string:
            let value = try parseValue(0)
            switch value.kind {
            case .literal, .typedLiteral: return value
            default: break
            }
        default:
            break
        }
        throw error(
            .syntax, "a partition value must be a literal: a string, a number, TRUE/FALSE or DATE '...'", at: start.range)
    }

    // MARK: SHOW, EXPLAIN, SET, COPY

    private mutating func parseShow() throws(SQLError) -> Show {
        try advance()
        allowsBackquotes = true
        let word = current
        switch word.keyword {
        case .tables, .views:
            try advance()
            var schema: QualifiedName?
            if try acceptAny(.from, .in) != nil { schema = try parseQualifiedName("a schema name") }
            let pattern = try parseShowPattern()
            return word.keyword == .tables ? .tables(schema: schema, pattern: pattern) : .views(schema: schema, pattern: pattern)
        case .schemas, .databases:
            try advance()
            return .schemas(pattern: try parseShowPattern())
        case .partitions:
            try advance()
            return .partitions(try parseQualifiedName("a table name"))
        case .columns:
            try advance()
            guard try acceptAny(.from, .in) != nil else { throw expected("FROM or IN and a table name", suggesting: ["FROM", "IN"]) }
            return .columns(try parseQualifiedName("a table name"))
        case .create:
            try advance()
            if try accept(.table) { return .createTable(try parseQualifiedName("a table name")) }
            if try accept(.view) { return .createView(try parseQualifiedName("a view name")) }
            throw expected("TABLE or VIEW", suggesting: ["TABLE", "VIEW"])
        default:
            throw expected(
                "TABLES, SCHEMAS, DATABASES, VIEWS, PARTITIONS, COLUMNS or CREATE",
                suggesting: ["TABLES", "SCHEMAS", "DATABASES", "VIEWS", "PARTITIONS", "COLUMNS", "CREATE"])
        }
    }

    /// `LIKE 'pattern' [ESCAPE 'c']` (Trino) or a bare `'pattern'` (Athena), or nothing.
    private mutating func parseShowPattern() throws(SQLError) -> ShowPattern? {
        if try accept(.like) {
            let pattern = try parseStringLiteral("a pattern string")
            var escape: StringLiteral?
            if try accept(.escape) { escape = try parseStringLiteral("an escape character string") }
            return ShowPattern(pattern: pattern, isLike: true, escape: escape)
        }
        if at(.string) { return ShowPattern(pattern: try parseStringLiteral("a pattern string"), isLike: false) }
        return nil
    }

    mutating func parseStringLiteral(_ what: String) throws(SQLError) -> StringLiteral {
        guard at(.string) else { throw expected(what) }
        let token = try advance()
        return StringLiteral(stringValue(token), range: token.range)
    }

    private mutating func parseExplain() throws(SQLError) -> Explain {
        try advance()
        let analyze = try accept(.analyze)
        var verbose = false
        if current.kind == .word && text(current).uppercased() == "VERBOSE" && (peek().kind == .word || peek().kind == .leftParen) {
            try advance()
            verbose = true
        }
        if at(.explain) { throw unsupported("EXPLAIN cannot explain another EXPLAIN", at: current) }
        return Explain(analyze: analyze, verbose: verbose, statement: try parseStatement())
    }

    /// `SET [SESSION] name = value`.
    private mutating func parseSet() throws(SQLError) -> SetSession {
        try advance()
        var isSession = false
        if at(.session) && peek().kind != .equal && peek().kind != .dot {
            try advance()
            isSession = true
        }
        let name = try parseQualifiedName("a setting name")
        guard at(.equal) else { throw expected("'=' and a value") }
        try advance()
        let value = try parseExpression()
        return SetSession(isSession: isSession, name: name, value: value)
    }

    /// `COPY (query) TO 'path' [WITH (name = value, ...)]` or `COPY table TO 'path' [WITH (...)]`.
    private mutating func parseCopy() throws(SQLError) -> Copy {
        try advance()
        let source: Copy.Source
        if at(.leftParen) {
            source = .query(try parseParenthesizedQuery())
        } else {
            source = .table(try parseQualifiedName("a table name or '(' and a query"))
        }
        try expect(.to)
        let target = try parseStringLiteral("the target path as a string")
        var options: [Property] = []
        if try accept(.with) { options = try parseProperties() }
        return Copy(source: source, target: target, options: options)
    }

    /// `( name = expression, ... )`.
    mutating func parseProperties() throws(SQLError) -> [Property] {
        try expect(.leftParen)
        var properties: [Property] = []
        repeat {
            let start = current
            let name = try parseIdentifier("a property name")
            guard at(.equal) else { throw expected("'=' and the property's value") }
            try advance()
            let value = try parseExpression()
            properties.append(Property(name: name, value: value, range: range(from: start)))
        } while try accept(.comma)
        try expect(.rightParen, "',' or ')'")
        return properties
    }
}
