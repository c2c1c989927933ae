// Queries: WITH, set operations (INTERSECT binds tighter than UNION and EXCEPT; all associate to the left),
// SELECT with its clauses, VALUES, TABLE, and the trailing ORDER BY / OFFSET / LIMIT / FETCH FIRST.

extension Parser {
    mutating func parseQuery() throws(SQLError) -> Query {
        let start = current
        try enterNesting()
        defer { leaveNesting() }
        var with: With?
        if at(.with) { with = try parseWith() }
        let body = try parseSetOperations()
        var query = Query(with: with, body: body)
        if at(.order) {
            try advance()
            try expect(.by)
            query.orderBy = try parseOrderItems()
        }
        // Trino writes OFFSET before LIMIT; LIMIT ... OFFSET is accepted too.
        if at(.offset) { query.offset = try parseOffset() }
        if at(.limit) || at(.fetch) { query.limit = try parseLimit() }
        if query.offset == nil && at(.offset) {
            if case .fetchFirst = query.limit?.kind {
                throw error(.syntax, "OFFSET must come before FETCH FIRST", at: current.range)
            }
            query.offset = try parseOffset()
        }
        query.range = range(from: start)
        return query
    }

    private mutating func parseWith() throws(SQLError) -> With {
        let start = try advance()
        if at(.recursive) {
            throw unsupported("WITH RECURSIVE is not supported", at: current)
        }
        var queries: [CommonTableExpression] = []
        repeat {
            let nameToken = current
            let name = try parseIdentifier("a name for the WITH query")
            var columns: [Identifier] = []
            if at(.leftParen) { columns = try parseIdentifierList() }
            guard at(.as) else { throw expected("AS and a parenthesized query", suggesting: ["AS"]) }
            try advance()
            guard at(.leftParen) else { throw expected("'(' and a query") }
            let query = try parseParenthesizedQuery()
            queries.append(CommonTableExpression(name: name, columns: columns, query: query, range: range(from: nameToken)))
        } while try accept(.comma)
        return With(queries, range: range(from: start))
    }

    /// `term ((UNION | EXCEPT) [ALL | DISTINCT] term)*`.
    private mutating func parseSetOperations() throws(SQLError) -> QueryBody {
        var left = try parseIntersections()
        var chained = 0
        defer { leaveNesting(chained) }
        while at(.union) || at(.except) {
            let op: SetOperation.Operator = try advance().keyword == .union ? .union : .except
            let isAll = try parseSetQuantifier()
            chained += 1
            try enterNesting()
            let right = try parseIntersections()
            left = QueryBody(
                .setOperation(SetOperation(operator: op, isAll: isAll, left: left, right: right)),
                range: left.range.union(right.range))
        }
        return left
    }

    /// `primary (INTERSECT [ALL | DISTINCT] primary)*`.
    private mutating func parseIntersections() throws(SQLError) -> QueryBody {
        var left = try parseQueryPrimary()
        var chained = 0
        defer { leaveNesting(chained) }
        while at(.intersect) {
            try advance()
            let isAll = try parseSetQuantifier()
            chained += 1
            try enterNesting()
            let right = try parseQueryPrimary()
            left = QueryBody(
                .setOperation(SetOperation(operator: .intersect, isAll: isAll, left: left, right: right)),
                range: left.range.union(right.range))
        }
        return left
    }

    private mutating func parseSetQuantifier() throws(SQLError) -> Bool {
        if try accept(.all) { return true }
        _ = try accept(.distinct)
        return false
    }

    private mutating func parseQueryPrimary() throws(SQLError) -> QueryBody {
        let start = current
        switch start.keyword {
        case .select:
            return QueryBody(.select(try parseSelect()), range: range(from: start))
        case .values:
            try advance()
            try enterNesting()
            defer { leaveNesting() }
            var rows: [[Expression]] = []
            repeat {
                let row = try parseExpression()
                if case .row(let items) = row.kind { rows.append(items) } else { rows.append([row]) }
            } while try accept(.comma)
            return QueryBody(.values(rows), range: range(from: start))
        case .table:
            try advance()
            return QueryBody(.table(try parseQualifiedName("a table name")), range: range(from: start))
        case .with:
            throw error(.syntax, "WITH must come first in a query, or be inside parentheses", at: start.range)
        default:
            if start.kind == .leftParen {
                let query = try parseParenthesizedQuery()
                return QueryBody(.nested(query), range: range(from: start))
            }
            throw expected("a query (SELECT, VALUES, TABLE or '(')", suggesting: ["SELECT", "VALUES", "TABLE", "WITH"])
        }
    }

    // MARK: SELECT

    private mutating func parseSelect() throws(SQLError) -> Select {
        let start = try advance()
        var select = Select(items: [])
        if try accept(.distinct) {
            select.isDistinct = true
        } else {
            _ = try accept(.all)
        }
        repeat { select.items.append(try parseSelectItem()) } while try accept(.comma)
        if try accept(.from) {
            repeat { select.from.append(try parseRelation()) } while try accept(.comma)
        }
        if try accept(.where) { select.where = try parseExpression() }
        if at(.group) {
            let groupStart = try advance()
            try expect(.by)
            var elements: [GroupingElement] = []
            repeat { elements.append(try parseGroupingElement()) } while try accept(.comma)
            select.groupBy = GroupBy(elements, range: range(from: groupStart))
        }
        if try accept(.having) { select.having = try parseExpression() }
        if try accept(.window) {
            repeat {
                let nameToken = current
                let name = try parseIdentifier("a window name")
                try expect(.as)
                let specification = try parseWindowSpecification()
                select.windows.append(WindowDefinition(name: name, specification: specification, range: range(from: nameToken)))
            } while try accept(.comma)
        }
        select.range = range(from: start)
        return select
    }

    private mutating func parseSelectItem() throws(SQLError) -> SelectItem {
        let start = current
        if at(.star) {
            try advance()
            return SelectItem(.allColumns(qualifier: nil), range: start.range)
        }
        if startsQualifiedStar() {
            var parts = [try parseIdentifier()]
            try expect(.dot)
            while !at(.star) {
                parts.append(try parseIdentifier())
                try expect(.dot)
            }
            try advance()
            return SelectItem(.allColumns(qualifier: QualifiedName(parts)), range: range(from: start))
        }
        if at(.from) {
            throw expected("an expression or '*'")
        }
        let expression = try parseExpression()
        let alias = try parseAlias()
        return SelectItem(.expression(expression, alias: alias), range: range(from: start))
    }

    /// Whether the tokens ahead are `name (. name)* . *`.
    private func startsQualifiedStar() -> Bool {
        var position = index
        while isIdentifier(tokens[position]) && tokens[position + 1].kind == .dot {
            if tokens[position + 2].kind == .star { return true }
            position += 2
        }
        return false
    }

    /// `[AS] name`: an alias without AS may not be a keyword that starts the next clause.
    mutating func parseAlias() throws(SQLError) -> Identifier? {
        if try accept(.as) { return try parseIdentifier("an alias") }
        guard isIdentifier(current), current.keyword?.endsImplicitAlias != true else { return nil }
        implicitAliasIndex = index
        return try parseIdentifier()
    }

    /// An expression, `ROLLUP (...)`, `CUBE (...)` or `GROUPING SETS (...)`.
    private mutating func parseGroupingElement() throws(SQLError) -> GroupingElement {
        let start = current
        if (at(.rollup) || at(.cube)) && peek().kind == .leftParen {
            let isRollup = try advance().keyword == .rollup
            let sets = try parseGroupingSets()
            return GroupingElement(isRollup ? .rollup(sets) : .cube(sets), range: range(from: start))
        }
        if at(.grouping) && peek().keyword == .sets {
            try advance()
            try advance()
            let sets = try parseGroupingSets()
            return GroupingElement(.groupingSets(sets), range: range(from: start))
        }
        let expression = try parseExpression()
        return GroupingElement(.expression(expression), range: range(from: start))
    }

    /// `( set (, set)* )` where a set is `(a, b)`, `()` or a single expression.
    private mutating func parseGroupingSets() throws(SQLError) -> [[Expression]] {
        try expect(.leftParen)
        try enterNesting()
        defer { leaveNesting() }
        var sets: [[Expression]] = []
        repeat {
            if at(.leftParen) && peek().kind == .rightParen {
                try advance()
                try advance()
                sets.append([])
                continue
            }
            let expression = try parseExpression()
            if case .row(let items) = expression.kind { sets.append(items) } else { sets.append([expression]) }
        } while try accept(.comma)
        try expect(.rightParen, "',' or ')'")
        return sets
    }

    // MARK: ORDER BY, OFFSET, LIMIT

    mutating func parseOrderItems() throws(SQLError) -> [OrderItem] {
        var items: [OrderItem] = []
        repeat {
            let start = current
            let expression = try parseExpression()
            var item = OrderItem(expression)
            if try accept(.asc) {
                item.direction = .ascending
            } else if try accept(.desc) {
                item.direction = .descending
            }
            if try accept(.nulls) {
                if try accept(.first) {
                    item.nulls = .first
                } else if try accept(.last) {
                    item.nulls = .last
                } else {
                    throw expected("FIRST or LAST", suggesting: ["FIRST", "LAST"])
                }
            }
            item.range = range(from: start)
            items.append(item)
        } while try accept(.comma)
        return items
    }

    private mutating func parseOffset() throws(SQLError) -> Expression {
        try advance()
        let count = try parseRowCount("OFFSET")
        if !(try accept(.rows)) { _ = try accept(.row) }
        return count
    }

    private mutating func parseLimit() throws(SQLError) -> Limit {
        let start = try advance()
        if start.keyword == .limit {
            if try accept(.all) { return Limit(.all, range: range(from: start)) }
            return Limit(.count(try parseRowCount("LIMIT")), range: range(from: start))
        }
        guard try acceptAny(.first, .next) != nil else { throw expected("FIRST or NEXT", suggesting: ["FIRST", "NEXT"]) }
        var count: Expression?
        if at(.integer) { count = try parseRowCount("FETCH FIRST") }
        guard try acceptAny(.rows, .row) != nil else { throw expected("ROWS", suggesting: ["ROWS", "ROW"]) }
        if try accept(.only) { return Limit(.fetchFirst(count, withTies: false), range: range(from: start)) }
        if at(.with) && peek().keyword == .ties {
            try advance()
            try advance()
            return Limit(.fetchFirst(count, withTies: true), range: range(from: start))
        }
        throw expected("ONLY or WITH TIES", suggesting: ["ONLY", "WITH"])
    }

    private mutating func parseRowCount(_ clause: String) throws(SQLError) -> Expression {
        guard at(.integer) else { throw expected("a row count (an integer) after \(clause)") }
        let token = try advance()
        return Expression(.literal(.integer(text(token))), range: token.range)
    }
}
