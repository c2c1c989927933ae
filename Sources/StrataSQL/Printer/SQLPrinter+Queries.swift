// Queries: WITH, set operations (parenthesized by precedence: INTERSECT over UNION/EXCEPT, left-associative),
// SELECT clauses, FROM items and joins, ORDER BY / OFFSET / LIMIT.

extension SQLPrinter {
    func queryText(_ query: Query, _ indent: Int) -> String {
        var clauses: [String] = []
        if let with = query.with {
            let definitions = with.queries.map { definition in
                identifierText(definition.name) + (definition.columns.isEmpty ? "" : " " + namesText(definition.columns))
                    + " AS " + parenthesized(definition.query, indent)
            }
            clauses.append("WITH " + definitions.joined(separator: "," + newline(indent)))
        }
        clauses.append(bodyText(query.body, indent))
        if !query.orderBy.isEmpty { clauses.append("ORDER BY " + orderItemsText(query.orderBy, indent)) }
        if let offset = query.offset { clauses.append("OFFSET " + expressionText(offset, indent)) }
        if let limit = query.limit {
            switch limit.kind {
            case .count(let count): clauses.append("LIMIT " + expressionText(count, indent))
            case .all: clauses.append("LIMIT ALL")
            case .fetchFirst(let count, let withTies):
                clauses.append(
                    "FETCH FIRST " + (count.map { expressionText($0, indent) + " " } ?? "")
                        + (withTies ? "ROWS WITH TIES" : "ROWS ONLY"))
            }
        }
        return clauses.joined(separator: newline(indent))
    }

    private static func precedence(_ body: QueryBody) -> Int {
        guard case .setOperation(let operation) = body.kind else { return 3 }
        return operation.operator == .intersect ? 2 : 1
    }

    private func bodyText(_ body: QueryBody, _ indent: Int, minimum: Int = 0) -> String {
        if SQLPrinter.precedence(body) < minimum {
            return parenthesized(Query(body: body), indent)
        }
        switch body.kind {
        case .select(let select):
            return selectText(select, indent)
        case .values(let rows):
            return "VALUES " + rows.map { "(" + $0.map { expressionText($0, indent) }.joined(separator: ", ") + ")" }
                .joined(separator: ", ")
        case .table(let name):
            return "TABLE " + nameText(name)
        case .setOperation(let operation):
            let level = SQLPrinter.precedence(body)
            return bodyText(operation.left, indent, minimum: level) + newline(indent) + operation.operator.rawValue
                + (operation.isAll ? " ALL" : "") + newline(indent) + bodyText(operation.right, indent, minimum: level + 1)
        case .nested(let query):
            return parenthesized(query, indent)
        }
    }

    private func selectText(_ select: Select, _ indent: Int) -> String {
        var clauses: [String] = []
        let items = select.items.map { item -> String in
            switch item.kind {
            case .allColumns(let qualifier):
                return qualifier.map { nameText($0) + ".*" } ?? "*"
            case .expression(let expression, let alias):
                return expressionText(expression, indent) + (alias.map { " AS " + identifierText($0) } ?? "")
            }
        }
        clauses.append("SELECT " + (select.isDistinct ? "DISTINCT " : "") + items.joined(separator: ", "))
        if !select.from.isEmpty {
            clauses.append("FROM " + select.from.map { relationText($0, indent) }.joined(separator: ", "))
        }
        if let condition = select.where { clauses.append("WHERE " + expressionText(condition, indent)) }
        if let groupBy = select.groupBy {
            clauses.append("GROUP BY " + groupBy.elements.map { groupingElementText($0, indent) }.joined(separator: ", "))
        }
        if let having = select.having { clauses.append("HAVING " + expressionText(having, indent)) }
        if !select.windows.isEmpty {
            clauses.append(
                "WINDOW " + select.windows.map { identifierText($0.name) + " AS " + windowText($0.specification, indent) }
                    .joined(separator: ", "))
        }
        return clauses.joined(separator: newline(indent))
    }

    private func groupingElementText(_ element: GroupingElement, _ indent: Int) -> String {
        func setsText(_ sets: [[Expression]]) -> String {
            "(" + sets.map { set in
                set.count == 1
                    ? expressionText(set[0], indent)
                    : "(" + set.map { expressionText($0, indent) }.joined(separator: ", ") + ")"
            }.joined(separator: ", ") + ")"
        }
        switch element.kind {
        case .expression(let expression): return expressionText(expression, indent)
        case .rollup(let sets): return "ROLLUP " + setsText(sets)
        case .cube(let sets): return "CUBE " + setsText(sets)
        case .groupingSets(let sets): return "GROUPING SETS " + setsText(sets)
        }
    }

    func relationText(_ relation: Relation, _ indent: Int) -> String {
        switch relation.kind {
        case .table(let name, let alias):
            return nameText(name) + aliasText(alias)
        case .subquery(let query, let alias):
            return parenthesized(query, indent) + aliasText(alias)
        case .tableFunction(let call, let alias):
            let arguments = call.arguments.map { argument in
                (argument.name.map { identifierText($0, allowReserved: true) + " => " } ?? "") + expressionText(argument.value, indent)
            }
            return nameText(call.name, allowReserved: true) + "(" + arguments.joined(separator: ", ") + ")" + aliasText(alias)
        case .join(let join):
            var right = relationText(join.right, indent)
            if case .join = join.right.kind { right = "(" + right + ")" }
            var text = relationText(join.left, indent) + newline(indent) + join.kind.rawValue + " " + right
            switch join.condition {
            case .on(let condition): text += " ON " + expressionText(condition, indent)
            case .using(let columns): text += " USING " + namesText(columns)
            case nil: break
            }
            return text
        }
    }

    private func aliasText(_ alias: TableAlias?) -> String {
        guard let alias else { return "" }
        return " AS " + identifierText(alias.name) + (alias.columns.isEmpty ? "" : " " + namesText(alias.columns))
    }
}
