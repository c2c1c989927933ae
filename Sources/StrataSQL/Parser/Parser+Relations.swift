// FROM items: tables, derived tables `(query)`, table functions `read_parquet(...)`, parenthesized joins,
// and joins (CROSS, [INNER], LEFT/RIGHT/FULL [OUTER], with ON or USING). Joins associate to the left; the
// right side of a join may itself be a join whose condition comes first (`a JOIN b JOIN c ON x ON y`), as in
// standard SQL.

extension Parser {
    mutating func parseRelation() throws(SQLError) -> Relation {
        var left = try parseAliasedRelation()
        var chained = 0
        defer { leaveNesting(chained) }
        while let kind = try parseJoinKind() {
            chained += 1
            try enterNesting()
            let right: Relation
            var condition: Join.Condition?
            if kind == .cross {
                right = try parseAliasedRelation()
            } else {
                right = try parseJoinRightSide()
                condition = try parseJoinCondition()
            }
            left = Relation(
                .join(Join(kind: kind, left: left, right: right, condition: condition)), range: left.range.union(right.range))
        }
        return left
    }

    /// The right side of a non-cross join: a relation, extended by joins for as long as more joins follow
    /// before this join's own ON/USING.
    private mutating func parseJoinRightSide() throws(SQLError) -> Relation {
        var right = try parseAliasedRelation()
        var chained = 0
        defer { leaveNesting(chained) }
        while !at(.on) && !at(.using), let kind = try parseJoinKind() {
            chained += 1
            try enterNesting()
            let inner: Relation
            var condition: Join.Condition?
            if kind == .cross {
                inner = try parseAliasedRelation()
            } else {
                inner = try parseJoinRightSide()
                condition = try parseJoinCondition()
            }
            right = Relation(
                .join(Join(kind: kind, left: right, right: inner, condition: condition)), range: right.range.union(inner.range))
        }
        return right
    }

    /// Consumes the join keywords, if any, and says which join they spell.
    private mutating func parseJoinKind() throws(SQLError) -> Join.Kind? {
        switch current.keyword {
        case .join:
            try advance()
            return .inner
        case .inner:
            try advance()
            try expect(.join)
            return .inner
        case .cross:
            try advance()
            try expect(.join)
            return .cross
        case .left, .right, .full:
            let kind: Join.Kind = current.keyword == .left ? .left : current.keyword == .right ? .right : .full
            try advance()
            _ = try accept(.outer)
            try expect(.join)
            return kind
        case .natural:
            throw unsupported("NATURAL JOIN is not supported; write the join condition with ON or USING", at: current)
        default:
            return nil
        }
    }

    private mutating func parseJoinCondition() throws(SQLError) -> Join.Condition {
        if try accept(.on) { return .on(try parseExpression()) }
        if try accept(.using) { return .using(try parseIdentifierList()) }
        throw expected("ON or USING and the join condition", suggesting: ["ON", "USING"])
    }

    /// A table, derived table, table function or parenthesized join, with its alias.
    private mutating func parseAliasedRelation() throws(SQLError) -> Relation {
        let start = current
        if at(.leftParen) {
            if parenthesisStartsQuery(at: index) {
                let query = try parseParenthesizedQuery()
                let alias = try parseTableAlias()
                return Relation(.subquery(query, alias: alias), range: range(from: start))
            }
            try advance()
            try enterNesting()
            defer { leaveNesting() }
            let inner = try parseRelation()
            try expect(.rightParen, "')'")
            if at(.as) || (isIdentifier(current) && current.keyword?.endsImplicitAlias != true) {
                throw unsupported("an alias for a parenthesized join is not supported; alias the tables inside it", at: current)
            }
            return inner
        }
        switch current.keyword {
        case .values:
            throw error(
                .syntax, "VALUES in FROM must be parenthesized: FROM (VALUES (1, 'a')) AS t (id, name)", at: current.range)
        case .lateral, .unnest:
            throw unsupported("\(current.keyword!.text) is not supported", at: current)
        case .select, .with:
            throw error(.syntax, "a subquery in FROM must be parenthesized: FROM (SELECT ...) AS t", at: current.range)
        default:
            break
        }
        let name = try parseQualifiedName("a table name")
        if at(.leftParen) {
            let call = try parseTableFunctionCall(name: name)
            let alias = try parseTableAlias()
            return Relation(.tableFunction(call, alias: alias), range: range(from: start))
        }
        let alias = try parseTableAlias()
        return Relation(.table(name, alias: alias), range: range(from: start))
    }

    /// `[AS] name [(column, ...)]`.
    private mutating func parseTableAlias() throws(SQLError) -> TableAlias? {
        let start = current
        guard let name = try parseAlias() else { return nil }
        var columns: [Identifier] = []
        if at(.leftParen) { columns = try parseIdentifierList() }
        return TableAlias(name: name, columns: columns, range: range(from: start))
    }

    /// `name(argument, ...)` where an argument is `expression`, `name => expression` or `name = expression`.
    private mutating func parseTableFunctionCall(name: QualifiedName) throws(SQLError) -> TableFunctionCall {
        try expect(.leftParen)
        try enterNesting()
        defer { leaveNesting() }
        var arguments: [TableFunctionCall.Argument] = []
        if !at(.rightParen) {
            repeat {
                let start = current
                var argumentName: Identifier?
                if (isIdentifier(current) || current.kind == .word) && (peek().kind == .arrow || peek().kind == .equal) {
                    // Any word names an argument here, reserved or not (`skip = 1`): nothing else can follow.
                    argumentName = current.kind == .word ? wordIdentifier(current) : try parseIdentifier()
                    if current.kind == .word { try advance() }
                    try advance()
                }
                let value = try parseExpression()
                arguments.append(TableFunctionCall.Argument(name: argumentName, value: value, range: range(from: start)))
            } while try accept(.comma)
        }
        try expect(.rightParen, "',' or ')'")
        return TableFunctionCall(name: name, arguments: arguments)
    }
}
