// Type names, as written: BOOLEAN, TINYINT, SMALLINT, INT/INTEGER, BIGINT, REAL/FLOAT, DOUBLE [PRECISION],
// DECIMAL/NUMERIC [(p[, s])], VARCHAR [(n)], CHAR [(n)], STRING, VARBINARY, BINARY, DATE,
// TIME/TIMESTAMP [(p)] [WITH[OUT] TIME ZONE], INTERVAL [field [TO field]], ARRAY(T)/ARRAY<T>,
// MAP(K, V)/MAP<K, V>, ROW(name T, ...)/STRUCT<name: T, ...>. Words are matched case-insensitively.

extension Parser {
    /// Every type word, for suggestions.
    static let typeWords = [
        "BOOLEAN", "TINYINT", "SMALLINT", "INT", "INTEGER", "BIGINT", "REAL", "FLOAT", "DOUBLE", "DECIMAL", "NUMERIC",
        "VARCHAR", "CHAR", "STRING", "VARBINARY", "BINARY", "DATE", "TIME", "TIMESTAMP", "INTERVAL", "ARRAY", "MAP",
        "ROW", "STRUCT",
    ]

    mutating func parseType() throws(SQLError) -> TypeName {
        let start = current
        guard start.kind == .word else { throw expected("a type name") }
        let spelling = text(start).uppercased()
        try enterNesting()
        defer { leaveNesting() }
        let kind: TypeName.Kind
        switch spelling {
        case "BOOLEAN": try advance(); kind = .boolean
        case "TINYINT": try advance(); kind = .tinyint
        case "SMALLINT": try advance(); kind = .smallint
        case "INT": try advance(); kind = .int
        case "INTEGER": try advance(); kind = .integer
        case "BIGINT": try advance(); kind = .bigint
        case "REAL": try advance(); kind = .real
        case "FLOAT": try advance(); kind = .float
        case "DOUBLE":
            try advance()
            if current.kind == .word && text(current).uppercased() == "PRECISION" {
                try advance()
                kind = .doublePrecision
            } else {
                kind = .double
            }
        case "DECIMAL", "NUMERIC":
            try advance()
            var precision: Int?
            var scale: Int?
            if try accept(.leftParen) {
                precision = try parseSmallInteger("a precision")
                if try accept(.comma) { scale = try parseSmallInteger("a scale") }
                try expect(.rightParen, "',' or ')'")
            }
            kind = spelling == "DECIMAL" ? .decimal(precision: precision, scale: scale) : .numeric(precision: precision, scale: scale)
        case "VARCHAR", "CHAR":
            try advance()
            let length = try parseOptionalTypeLength("a length")
            kind = spelling == "VARCHAR" ? .varchar(length: length) : .char(length: length)
        case "STRING": try advance(); kind = .string
        case "VARBINARY": try advance(); kind = .varbinary
        case "BINARY": try advance(); kind = .binary
        case "DATE": try advance(); kind = .date
        case "TIME", "TIMESTAMP":
            try advance()
            let precision = try parseOptionalTypeLength("a precision")
            let withTimeZone = try parseTimeZoneSuffix()
            kind = spelling == "TIME"
                ? .time(precision: precision, withTimeZone: withTimeZone)
                : .timestamp(precision: precision, withTimeZone: withTimeZone)
        case "INTERVAL":
            try advance()
            var from: IntervalField?
            var to: IntervalField?
            if current.kind == .word, IntervalField(rawValue: text(current).uppercased()) != nil {
                from = try parseIntervalField()
                if try accept(.to) { to = try parseIntervalField() }
            }
            kind = .interval(from: from, to: to)
        case "ARRAY":
            try advance()
            let closing = try openTypeArguments()
            let element = try parseType()
            try closeTypeArguments(closing)
            kind = .array(element)
        case "MAP":
            try advance()
            let closing = try openTypeArguments()
            let key = try parseType()
            try expect(.comma, "',' and the value type")
            let value = try parseType()
            try closeTypeArguments(closing)
            kind = .map(key: key, value: value)
        case "ROW", "STRUCT":
            try advance()
            let closing: TokenKind
            if spelling == "ROW" {
                try expect(.leftParen, "'('")
                closing = .rightParen
            } else {
                try expect(.less, "'<'")
                closing = .greater
            }
            var fields: [TypeName.Field] = []
            repeat {
                let name = try parseIdentifier("a field name")
                if closing == .greater { try expect(.colon, "':' and the field's type") }
                fields.append(TypeName.Field(name: name, type: try parseType()))
            } while try accept(.comma)
            try expect(closing, closing == .greater ? "',' or '>'" : "',' or ')'")
            kind = .row(fields)
        default:
            let suggestion = KeywordSuggester.suggestion(for: spelling, among: Parser.typeWords)
            throw error(.syntax, "unknown type '\(shortText(start))'", at: start.range, suggestion: suggestion)
        }
        return TypeName(kind, range: range(from: start))
    }

    private mutating func parseOptionalTypeLength(_ what: String) throws(SQLError) -> Int? {
        guard try accept(.leftParen) else { return nil }
        let value = try parseSmallInteger(what)
        try expect(.rightParen, "')'")
        return value
    }

    /// `WITH TIME ZONE` (true), `WITHOUT TIME ZONE` or nothing (false).
    private mutating func parseTimeZoneSuffix() throws(SQLError) -> Bool {
        if at(.with) && peek().keyword == .time {
            try advance()
            try advance()
            try expect(.zone)
            return true
        }
        if try accept(.without) {
            try expect(.time)
            try expect(.zone)
        }
        return false
    }

    /// `(` (Trino) or `<` (Hive) after ARRAY/MAP; returns the matching closer.
    private mutating func openTypeArguments() throws(SQLError) -> TokenKind {
        if try accept(.leftParen) { return .rightParen }
        if try accept(.less) { return .greater }
        throw expected("'(' or '<' and the element type")
    }

    private mutating func closeTypeArguments(_ closing: TokenKind) throws(SQLError) {
        try expect(closing, closing == .greater ? "'>'" : "')'")
    }
}
