// Expressions, by precedence climbing. From loosest to tightest:
//   OR  <  AND  <  NOT  <  one predicate (= <> < <= > >=, IS [NOT] NULL, IS [NOT] DISTINCT FROM, [NOT] BETWEEN,
//   [NOT] IN, [NOT] LIKE, quantified comparisons)  <  ||  <  + -  <  * / %  <  unary + -  <  AT TIME ZONE
//   <  primary with subscripts.
// As in Trino, predicates do not chain (`a = b = c` is an error) and their operands are value expressions,
// so `NOT a = b` is `NOT (a = b)` and `a = NOT b` needs parentheses.

extension Parser {
    mutating func parseExpression() throws(SQLError) -> Expression {
        try enterNesting()
        defer { leaveNesting() }
        return try parseOr()
    }

    private mutating func parseOr() throws(SQLError) -> Expression {
        var left = try parseAnd()
        var chained = 0
        defer { leaveNesting(chained) }
        while at(.or) {
            try advance()
            chained += 1
            try enterNesting()
            let right = try parseAnd()
            left = Expression(.binary(.or, left, right), range: left.range.union(right.range))
        }
        return left
    }

    private mutating func parseAnd() throws(SQLError) -> Expression {
        var left = try parseNot()
        var chained = 0
        defer { leaveNesting(chained) }
        while at(.and) {
            try advance()
            chained += 1
            try enterNesting()
            let right = try parseNot()
            left = Expression(.binary(.and, left, right), range: left.range.union(right.range))
        }
        return left
    }

    private mutating func parseNot() throws(SQLError) -> Expression {
        guard at(.not) else { return try parsePredicated() }
        let start = try advance()
        try enterNesting()
        defer { leaveNesting() }
        let operand = try parseNot()
        return Expression(.unary(.not, operand), range: start.range.union(operand.range))
    }

    /// A value expression with at most one predicate applied to it.
    private mutating func parsePredicated() throws(SQLError) -> Expression {
        let value = try parseValue(0)
        guard let predicate = try parsePredicate(on: value) else { return value }
        if startsPredicate {
            throw error(
                .syntax,
                "\(describe(current)) cannot follow a comparison or predicate directly; combine them with AND/OR or "
                    + "use parentheses", at: current.range)
        }
        return predicate
    }

    /// Whether the current token begins a predicate (used to reject chains such as `a = b = c`).
    private var startsPredicate: Bool {
        if Parser.comparisonOperator(current.kind) != nil { return true }
        switch current.keyword {
        case .is, .between, .in, .like: return true
        case .not: return peek().keyword == .between || peek().keyword == .in || peek().keyword == .like
        default: return false
        }
    }

    static func comparisonOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessOrEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterOrEqual: return .greaterOrEqual
        default: return nil
        }
    }

    private mutating func parsePredicate(on left: Expression) throws(SQLError) -> Expression? {
        if let comparison = Parser.comparisonOperator(current.kind) {
            try advance()
            if let quantifier = quantifier(current.keyword), peek().kind == .leftParen, parenthesisStartsQuery(at: index + 1) {
                try advance()
                let query = try parseParenthesizedQuery()
                return Expression(
                    .quantifiedComparison(comparison, quantifier, left, query), range: extend(left.range))
            }
            let right = try parseValue(0)
            return Expression(.binary(comparison, left, right), range: left.range.union(right.range))
        }
        guard current.kind == .word, let keyword = current.keyword else { return nil }
        var negated = false
        switch keyword {
        case .is:
            try advance()
            negated = try accept(.not)
            if try accept(.null) {
                return Expression(.isNull(left, negated: negated), range: extend(left.range))
            }
            if try accept(.distinct) {
                try expect(.from)
                let right = try parseValue(0)
                return Expression(.isDistinctFrom(left, right, negated: negated), range: left.range.union(right.range))
            }
            if at(.true) || at(.false) || (current.kind == .word && text(current).uppercased() == "UNKNOWN") {
                throw unsupported("IS TRUE/FALSE/UNKNOWN is not supported; compare with = TRUE or use IS NULL", at: current)
            }
            throw expected(negated ? "NULL or DISTINCT FROM" : "NULL, NOT NULL or DISTINCT FROM", suggesting: ["NULL", "DISTINCT"])
        case .not:
            guard peek().keyword == .between || peek().keyword == .in || peek().keyword == .like else { return nil }
            try advance()
            negated = true
        case .between, .in, .like:
            break
        default:
            return nil
        }
        switch current.keyword {
        case .between:
            try advance()
            let low = try parseValue(0)
            try expect(.and)
            let high = try parseValue(0)
            return Expression(.between(left, low: low, high: high, negated: negated), range: left.range.union(high.range))
        case .in:
            try advance()
            guard at(.leftParen) else { throw expected("'(' after IN") }
            if parenthesisStartsQuery(at: index) {
                let query = try parseParenthesizedQuery()
                return Expression(.inSubquery(left, query, negated: negated), range: extend(left.range))
            }
            try advance()
            try enterNesting()
            defer { leaveNesting() }
            var items = [try parseExpression()]
            while try accept(.comma) { items.append(try parseExpression()) }
            try expect(.rightParen, "',' or ')'")
            return Expression(.inList(left, items, negated: negated), range: extend(left.range))
        default:  // LIKE
            try advance()
            let pattern = try parseValue(0)
            var escape: Expression?
            if try accept(.escape) { escape = try parseValue(0) }
            return Expression(
                .like(left, pattern: pattern, escape: escape, negated: negated),
                range: left.range.union(escape?.range ?? pattern.range))
        }
    }

    private func quantifier(_ keyword: Keyword?) -> ComparisonQuantifier? {
        switch keyword {
        case .any?: return .any
        case Keyword.some?: return .some
        case .all?: return .all
        default: return nil
        }
    }

    /// `( query )` at the current `(`, for subqueries.
    mutating func parseParenthesizedQuery() throws(SQLError) -> Query {
        try expect(.leftParen)
        try enterNesting()
        defer { leaveNesting() }
        let query = try parseQuery()
        try expect(.rightParen, "')'")
        return query
    }

    // MARK: Value expressions

    private static func valueOperator(_ kind: TokenKind) -> (BinaryOperator, Int)? {
        switch kind {
        case .concat: return (.concat, 1)
        case .plus: return (.add, 2)
        case .minus: return (.subtract, 2)
        case .star: return (.multiply, 3)
        case .slash: return (.divide, 3)
        case .percent: return (.modulo, 3)
        default: return nil
        }
    }

    /// Precedence climbing over `||`, `+ -`, `* / %`: operators of equal precedence associate to the left.
    mutating func parseValue(_ minimumPrecedence: Int) throws(SQLError) -> Expression {
        var left = try parseUnary()
        var chained = 0
        defer { leaveNesting(chained) }
        while let (op, precedence) = Parser.valueOperator(current.kind), precedence >= minimumPrecedence {
            try advance()
            chained += 1
            try enterNesting()
            let right = try parseValue(precedence + 1)
            left = Expression(.binary(op, left, right), range: left.range.union(right.range))
        }
        return left
    }

    private mutating func parseUnary() throws(SQLError) -> Expression {
        guard at(.minus) || at(.plus) else { return try parsePostfix() }
        let sign = try advance()
        try enterNesting()
        defer { leaveNesting() }
        let operand = try parseUnary()
        return Expression(.unary(sign.kind == .minus ? .minus : .plus, operand), range: sign.range.union(operand.range))
    }

    /// A primary expression followed by subscripts `[i]` and `AT TIME ZONE zone`.
    private mutating func parsePostfix() throws(SQLError) -> Expression {
        var expression = try parsePrimary()
        var chained = 0
        defer { leaveNesting(chained) }
        while true {
            if at(.leftBracket) {
                try advance()
                chained += 1
                try enterNesting()
                let subscriptIndex = try parseValue(0)
                try expect(.rightBracket, "']'")
                expression = Expression(.subscript(expression, index: subscriptIndex), range: extend(expression.range))
            } else if at(.at) && peek().keyword == .time && peek(2).keyword == .zone {
                try advance()
                try advance()
                try advance()
                chained += 1
                try enterNesting()
                let zone: Expression
                if at(.string) {
                    zone = try parsePrimary()
                } else if at(.interval) {
                    zone = try parsePrimary()
                    guard case .interval = zone.kind else { throw expected("a time zone string or INTERVAL") }
                } else {
                    throw expected("a time zone string such as 'UTC' or an INTERVAL")
                }
                expression = Expression(.atTimeZone(expression, zone: zone), range: expression.range.union(zone.range))
            } else if at(.doubleColon) {
                throw unsupported("'::' casts are not Trino SQL; write CAST(expression AS type)", at: current)
            } else {
                return expression
            }
        }
    }

    // MARK: Primary expressions

    private mutating func parsePrimary() throws(SQLError) -> Expression {
        let token = current
        switch token.kind {
        case .integer:
            try advance()
            return Expression(.literal(.integer(text(token))), range: token.range)
        case .decimal:
            try advance()
            return Expression(.literal(.decimal(text(token))), range: token.range)
        case .double:
            try advance()
            return Expression(.literal(.double(text(token))), range: token.range)
        case .string:
            try advance()
            return Expression(.literal(.string(stringValue(token))), range: token.range)
        case .binaryString:
            return try parseBinaryLiteral()
        case .leftParen:
            return try parseParenthesized()
        case .quotedIdentifier, .backquotedIdentifier:
            return try parseNameOrCall()
        case .word:
            if peek().kind == .string || (peek().kind == .word && peek(2).kind == .string), let literal = try parseTypedLiteral() {
                return literal
            }
            if let keyword = token.keyword, let expression = try parseKeywordExpression(keyword) {
                return expression
            }
            return try parseNameOrCall()
        case .questionMark:
            throw unsupported("parameters ('?') are not supported; write the value into the statement", at: token)
        default:
            throw expected("an expression")
        }
    }

    private mutating func parseBinaryLiteral() throws(SQLError) -> Expression {
        let token = try advance()
        let digits = unquote(token, from: Int(token.offset) + 2, quote: UInt8(ascii: "'"))
        guard digits.utf8.allSatisfy({ $0.isHexDigit }) else {
            throw error(.invalidLiteral, "a binary literal holds only hexadecimal digits: X'00FF'", at: token.range)
        }
        guard digits.utf8.count % 2 == 0 else {
            throw error(.invalidLiteral, "a binary literal needs an even number of hexadecimal digits", at: token.range)
        }
        return Expression(.literal(.binary(digits)), range: token.range)
    }

    /// `type 'text'`: DATE '2024-01-31', TIMESTAMP '...', DECIMAL '1.5', DOUBLE PRECISION '1'. Nil (nothing
    /// consumed) when the word is not a type name, so `name 'x'` is reported where the string is.
    private mutating func parseTypedLiteral() throws(SQLError) -> Expression? {
        let start = current
        let spelling = text(start).uppercased()
        let kind: TypeName.Kind
        var words = 1
        switch spelling {
        case "DOUBLE" where peek().kind == .word && text(peek()).uppercased() == "PRECISION" && peek(2).kind == .string:
            kind = .doublePrecision
            words = 2
        default:
            guard peek().kind == .string, let simple = Parser.simpleTypes[spelling] else { return nil }
            kind = simple
        }
        for _ in 0..<words { try advance() }
        let typeName = TypeName(kind, range: range(from: start))
        let value = try advance()
        return Expression(.typedLiteral(typeName, value: stringValue(value)), range: range(from: start))
    }

    /// Expressions introduced by a keyword; nil when the keyword is only a name here (`date`, `year`, ...).
    private mutating func parseKeywordExpression(_ keyword: Keyword) throws(SQLError) -> Expression? {
        let token = current
        switch keyword {
        case .null:
            try advance()
            return Expression(.literal(.null), range: token.range)
        case .true, .false:
            try advance()
            return Expression(.literal(.boolean(keyword == .true)), range: token.range)
        case .case:
            return try parseCase()
        case .cast, .tryCast:
            guard peek().kind == .leftParen else {
                if keyword == .tryCast { return nil }
                throw expected("'(' after CAST")
            }
            return try parseCast()
        case .extract:
            return try parseExtract()
        case .exists:
            try advance()
            guard at(.leftParen) else { throw expected("'(' and a subquery") }
            let query = try parseParenthesizedQuery()
            return Expression(.exists(query), range: range(from: token))
        case .interval:
            let next = peek()
            if next.kind == .string || ((next.kind == .plus || next.kind == .minus) && peek(2).kind == .string) {
                return try parseIntervalLiteral()
            }
            if next.kind == .integer || next.kind == .decimal
                || ((next.kind == .plus || next.kind == .minus) && (peek(2).kind == .integer || peek(2).kind == .decimal))
            {
                let number = next.kind == .integer || next.kind == .decimal ? next : peek(2)
                throw error(
                    .syntax, "the value of an INTERVAL is a string: write INTERVAL '\(text(number))' DAY",
                    at: number.range)
            }
            return nil
        case .currentDate, .currentTime, .currentTimestamp, .localtime, .localtimestamp:
            return try parseCurrentDateTime(keyword)
        case .array:
            guard peek().kind == .leftBracket else { return nil }
            try advance()
            try advance()
            try enterNesting()
            defer { leaveNesting() }
            var items: [Expression] = []
            if !at(.rightBracket) {
                items.append(try parseExpression())
                while try accept(.comma) { items.append(try parseExpression()) }
            }
            try expect(.rightBracket, "',' or ']'")
            return Expression(.array(items), range: range(from: token))
        case .position:
            guard peek().kind == .leftParen else { return nil }
            return try parsePosition()
        case .substring:
            guard peek().kind == .leftParen else { return nil }
            return try parseSubstring()
        case .trim:
            guard peek().kind == .leftParen else { throw expected("'(' after TRIM") }
            return try parseTrim()
        case .grouping:
            guard peek().kind == .leftParen else { throw expected("'(' after GROUPING") }
            try advance()
            try advance()
            let name = QualifiedName([Identifier("grouping", range: token.range)])
            return try parseFunctionCall(name: name, start: token)
        case .not:
            throw error(
                .syntax, "NOT cannot appear here without parentheses; write (NOT ...)", at: token.range)
        case .currentUser, .currentRole, .currentCatalog, .currentSchema, .currentPath, .listagg, .normalize,
            .jsonArray, .jsonExists, .jsonObject, .jsonQuery, .jsonTable, .jsonValue:
            throw unsupported("\(keyword.text) is not supported", at: token)
        default:
            return nil
        }
    }

    /// A column reference or a function call, starting at a name.
    private mutating func parseNameOrCall() throws(SQLError) -> Expression {
        let start = current
        if start.kind == .word, start.keyword?.isReserved == true {
            throw expected("an expression")
        }
        let name = try parseQualifiedName()
        if at(.leftParen) {
            try advance()
            return try parseFunctionCall(name: name, start: start)
        }
        return Expression(.column(name), range: name.range)
    }

    /// `(expression)`, a row `(a, b, ...)`, or a scalar subquery `(SELECT ...)`.
    private mutating func parseParenthesized() throws(SQLError) -> Expression {
        let start = current
        if parenthesisStartsQuery(at: index) {
            let query = try parseParenthesizedQuery()
            return Expression(.subquery(query), range: range(from: start))
        }
        try advance()
        try enterNesting()
        defer { leaveNesting() }
        let first = try parseExpression()
        if at(.comma) {
            var items = [first]
            while try accept(.comma) { items.append(try parseExpression()) }
            try expect(.rightParen, "',' or ')'")
            return Expression(.row(items), range: range(from: start))
        }
        try expect(.rightParen, "')'")
        return first
    }

    /// Whether the `(` at `start` opens a query rather than an expression or a parenthesized join.
    ///
    /// The innermost of the leading parentheses must hold SELECT, WITH, VALUES or TABLE; each enclosing one
    /// holds a query only if its inner parenthesis is followed by what may continue a query (a set operator,
    /// ORDER BY, LIMIT, OFFSET, FETCH or a closing parenthesis). `((SELECT 1) + 1)` is an expression,
    /// `((SELECT 1) UNION (SELECT 2))` a query. One forward scan, no backtracking.
    func parenthesisStartsQuery(at start: Int) -> Bool {
        var position = start
        var opened = 0
        while tokens[position].kind == .leftParen {
            opened += 1
            position += 1
        }
        switch tokens[position].keyword {
        case .select, .with, .values, .table: break
        default: return false
        }
        var level = opened
        while level > 1 {
            var nested = 0
            while true {
                let kind = tokens[position].kind
                if kind == .endOfInput { return true }  // unbalanced: the query parser reports it
                if kind == .leftParen {
                    nested += 1
                } else if kind == .rightParen {
                    if nested == 0 { break }
                    nested -= 1
                }
                position += 1
            }
            position += 1
            let next = tokens[position]
            switch next.keyword {
            case .union, .intersect, .except, .order, .limit, .offset, .fetch: break
            default: if next.kind != .rightParen { return false }
            }
            level -= 1
        }
        return true
    }

    // MARK: Special forms

    private mutating func parseCase() throws(SQLError) -> Expression {
        let start = try advance()
        try enterNesting()
        defer { leaveNesting() }
        var operand: Expression?
        if !at(.when) { operand = try parseExpression() }
        var clauses: [CaseExpression.WhenClause] = []
        while try accept(.when) {
            let condition = try parseExpression()
            try expect(.then)
            let result = try parseExpression()
            clauses.append(CaseExpression.WhenClause(condition: condition, result: result))
        }
        if clauses.isEmpty { throw expected("WHEN", suggesting: ["WHEN"]) }
        var elseResult: Expression?
        if try accept(.else) { elseResult = try parseExpression() }
        guard at(.end) else { throw expected(elseResult == nil ? "WHEN, ELSE or END" : "END", suggesting: ["WHEN", "ELSE", "END"]) }
        try advance()
        return Expression(
            .caseWhen(CaseExpression(operand: operand, whenClauses: clauses, elseResult: elseResult)),
            range: range(from: start))
    }

    private mutating func parseCast() throws(SQLError) -> Expression {
        let start = try advance()
        try advance()  // (
        try enterNesting()
        defer { leaveNesting() }
        let value = try parseExpression()
        guard at(.as) else { throw expected("AS and a type", suggesting: ["AS"]) }
        try advance()
        let type = try parseType()
        try expect(.rightParen, "')'")
        return Expression(.cast(value, type, isTry: start.keyword == .tryCast), range: range(from: start))
    }

    private mutating func parseExtract() throws(SQLError) -> Expression {
        let start = try advance()
        try expect(.leftParen)
        try enterNesting()
        defer { leaveNesting() }
        let fieldToken = current
        let names = ExtractField.allCases.map(\.rawValue)
        guard fieldToken.kind == .word, let field = ExtractField(rawValue: text(fieldToken).uppercased()) else {
            throw expected("a date/time field (YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE, SECOND, ...)", suggesting: names)
        }
        try advance()
        try expect(.from)
        let value = try parseExpression()
        try expect(.rightParen, "')'")
        return Expression(.extract(field, value), range: range(from: start))
    }

    private mutating func parseIntervalLiteral() throws(SQLError) -> Expression {
        let start = try advance()
        var sign: IntervalLiteral.Sign?
        if at(.plus) || at(.minus) { sign = try advance().kind == .minus ? .minus : .plus }
        let value = stringValue(try advance())
        let from = try parseIntervalField()
        var to: IntervalField?
        if try accept(.to) { to = try parseIntervalField() }
        return Expression(.interval(IntervalLiteral(sign: sign, value: value, from: from, to: to)), range: range(from: start))
    }

    mutating func parseIntervalField() throws(SQLError) -> IntervalField {
        if current.kind == .word, let field = IntervalField(rawValue: text(current).uppercased()) {
            try advance()
            return field
        }
        throw expected("an interval field (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND)", suggesting: IntervalField.allCases.map(\.rawValue))
    }

    private mutating func parseCurrentDateTime(_ keyword: Keyword) throws(SQLError) -> Expression {
        let start = try advance()
        let kind: CurrentDateTime
        switch keyword {
        case .currentDate: kind = .currentDate
        case .currentTime: kind = .currentTime
        case .currentTimestamp: kind = .currentTimestamp
        case .localtime: kind = .localTime
        default: kind = .localTimestamp
        }
        var precision: Int?
        if kind.acceptsPrecision && at(.leftParen) {
            try advance()
            precision = try parseSmallInteger("a precision")
            try expect(.rightParen, "')'")
        } else if at(.leftParen) {
            throw error(.syntax, "CURRENT_DATE is written without parentheses", at: current.range)
        }
        return Expression(.currentDateTime(kind, precision: precision), range: range(from: start))
    }

    /// An integer literal that fits in 32 bits (type lengths, precisions, bucket counts).
    mutating func parseSmallInteger(_ what: String) throws(SQLError) -> Int {
        guard at(.integer) else { throw expected(what) }
        let token = try advance()
        guard let value = Int32(text(token)) else {
            throw error(.invalidLiteral, "\(text(token)) is too large for \(what)", at: token.range)
        }
        return Int(value)
    }

    /// Type names that can prefix a string literal (`DATE '...'`), by their uppercase spelling.
    static let simpleTypes: [String: TypeName.Kind] = [
        "BOOLEAN": .boolean, "TINYINT": .tinyint, "SMALLINT": .smallint, "INT": .int, "INTEGER": .integer,
        "BIGINT": .bigint, "REAL": .real, "FLOAT": .float, "DOUBLE": .double,
        "DECIMAL": .decimal(precision: nil, scale: nil), "NUMERIC": .numeric(precision: nil, scale: nil),
        "VARCHAR": .varchar(length: nil), "CHAR": .char(length: nil), "STRING": .string, "VARBINARY": .varbinary,
        "BINARY": .binary, "DATE": .date, "TIME": .time(precision: nil, withTimeZone: false),
        "TIMESTAMP": .timestamp(precision: nil, withTimeZone: false),
    ]
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        (self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9")) || (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "f"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "F"))
    }
}
