// Binding one SELECT: FROM, WHERE, GROUP BY and aggregates, HAVING, window functions, the select list,
// DISTINCT and ORDER BY, in SQL's logical order.
import StrataCore
import StrataSQL

extension Binder {
    /// Binds a SELECT with the ORDER BY of its query. The result may carry extra columns after the
    /// visible ones (ORDER BY expressions not selected); the second value is how many are visible.
    func bindSelect(_ select: Select, orderBy: [OrderItem], outer: Scope?) throws -> (query: BoundQuery, visible: Int) {
        let builder = try bindFrom(select.from, outer: outer)
        if let condition = select.where {
            try applyWhere(condition, to: builder)
        }
        return try bindSelectList(select, orderBy: orderBy, builder: builder)
    }

    /// The part of a SELECT after FROM and WHERE, over the relation in `builder`.
    func bindSelectList(_ select: Select, orderBy: [OrderItem], builder: RelationBuilder) throws -> (query: BoundQuery, visible: Int) {
        let inputScope = builder.scope

        // The select list with `*` expanded: each item an expression (or a column of the input) and a name.
        var items: [(expression: Expression?, column: ScopeColumn?, name: String, range: SourceRange)] = []
        for item in select.items {
            switch item.kind {
            case .expression(let expression, let alias):
                items.append((expression, nil, alias?.value ?? outputName(of: expression, position: items.count), item.range))
            case .allColumns(let qualifier):
                let visible = inputScope.columns.filter { column in
                    guard !column.isHidden else { return false }
                    guard let qualifier else { return true }
                    let wanted = qualifier.parts.map { $0.value.lowercased() }
                    let have = column.qualifier.map { $0.lowercased() }
                    return have.count >= wanted.count && Array(have.suffix(wanted.count)) == wanted
                }
                if visible.isEmpty {
                    if let qualifier {
                        throw error("relation \(qualifier.dottedName) is not in FROM", at: item.range)
                    }
                    throw error("SELECT * needs a FROM clause with columns", at: item.range)
                }
                for column in visible { items.append((nil, column, column.name, item.range)) }
            }
        }

        // Aggregation happens when there is a GROUP BY, a HAVING, or an aggregate call anywhere.
        let orderExpressions = orderBy.map(\.expression)
        var aggregateCalls: [FunctionCall] = []
        for expression in items.compactMap(\.expression) + [select.having].compactMap({ $0 }) + orderExpressions {
            collectAggregateCalls(expression, into: &aggregateCalls)
        }
        var grouping: Grouping?
        if select.groupBy != nil || select.having != nil || !aggregateCalls.isEmpty {
            grouping = try bindAggregation(select, items: items, aggregateCalls: aggregateCalls, builder: builder)
        }

        if let having = select.having, let grouping {
            let predicate = try bindPredicate(having, ExpressionContext(builder: builder, clause: .having, grouping: grouping))
            builder.plan = .filter(builder.plan, predicate: predicate)
        }

        // Window functions run after grouping, over its output.
        var windowCalls: [FunctionCall] = []
        for expression in items.compactMap(\.expression) + orderExpressions {
            collectWindowCalls(expression, into: &windowCalls)
        }
        var windows: WindowBinding?
        if !windowCalls.isEmpty {
            windows = try bindWindows(windowCalls, select: select, grouping: grouping, builder: builder)
        }

        let finalContext = ExpressionContext(builder: builder, clause: .select, grouping: grouping, windows: windows)
        var expressions: [BoundExpression] = []
        for item in items {
            if let expression = item.expression {
                expressions.append(try bindExpression(expression, finalContext))
            } else if let column = item.column {
                let reference = BoundExpression.column(column.index, column.type)
                if let grouping {
                    guard let key = grouping.keys.firstIndex(of: reference) else {
                        throw error("column \"\(column.name)\" must appear in GROUP BY or be used in an aggregate", at: item.range)
                    }
                    expressions.append(.column(key, reference.type))
                } else {
                    expressions.append(reference)
                }
            }
        }
        var names = items.map(\.name)

        if select.isDistinct {
            let distinctKeys = expressions.enumerated().map { BoundExpression.column($0, $1.type) }
            builder.plan = .aggregate(
                .project(builder.plan, expressions: expressions, names: names), groupBy: distinctKeys, aggregates: [],
                names: names)
            if !orderBy.isEmpty {
                let output = BoundQuery(plan: builder.plan, names: names)
                let keys = try orderBy.map { item -> SortKey in
                    do {
                        return try outputSortKey(item, output)
                    } catch {
                        throw self.error("for SELECT DISTINCT, ORDER BY expressions must appear in the select list", at: item.range)
                    }
                }
                builder.plan = .sort(builder.plan, keys: keys)
            }
            return (BoundQuery(plan: builder.plan, names: names), names.count)
        }

        // ORDER BY: an ordinal or output name refers to the select list; any other expression is computed
        // beside it (hidden from the result) so the sort can read it.
        var keys: [SortKey] = []
        for item in orderBy {
            if let position = try ordinal(item.expression, count: items.count) {
                keys.append(try sortKey(item, .column(position, expressions[position].type)))
                continue
            }
            // An output name wins over an input column of the same name, as in Trino.
            if case .column(let name) = item.expression.kind, name.parts.count == 1 {
                let wanted = name.name.value.lowercased()
                let matches = names.indices.filter { names[$0].lowercased() == wanted }
                if let first = matches.first {
                    guard Set(matches.map { expressions[$0] }).count == 1 else {
                        throw error("ORDER BY \(name.name.value) is ambiguous: the select list has it more than once", at: item.expression.range)
                    }
                    keys.append(try sortKey(item, .column(first, expressions[first].type)))
                    continue
                }
            }
            let bound = try bindExpression(item.expression, finalContext)
            if let position = expressions.firstIndex(of: bound) {
                keys.append(try sortKey(item, .column(position, bound.type)))
            } else {
                keys.append(try sortKey(item, .column(expressions.count, bound.type)))
                expressions.append(bound)
                names.append("_order\(keys.count)")
            }
        }
        builder.plan = .project(builder.plan, expressions: expressions, names: names)
        if !keys.isEmpty {
            builder.plan = .sort(builder.plan, keys: keys)
        }
        return (BoundQuery(plan: builder.plan, names: names), items.count)
    }

    /// The name of an unaliased select item: a column's name, else `_colN` (as Trino names them).
    func outputName(of expression: Expression, position: Int) -> String {
        switch expression.kind {
        case .column(let name): return name.name.value
        case .cast(let inner, _, _): if case .column(let name) = inner.kind { return name.name.value }
        default: break
        }
        return "_col\(position)"
    }

    /// WHERE: top-level `[NOT] EXISTS` and `[NOT] IN (subquery)` conjuncts become semi/anti joins; the
    /// rest is a filter.
    func applyWhere(_ condition: Expression, to builder: RelationBuilder) throws {
        var remaining: [BoundExpression] = []
        for conjunct in astConjuncts(condition) {
            if try applySubqueryConjunct(conjunct, to: builder) { continue }
            remaining.append(try bindPredicate(conjunct, ExpressionContext(builder: builder, clause: .where)))
        }
        if !remaining.isEmpty {
            builder.plan = .filter(builder.plan, predicate: BoundExpression.conjunction(remaining))
        }
    }

    func astConjuncts(_ expression: Expression) -> [Expression] {
        if case .binary(.and, let left, let right) = expression.kind { return astConjuncts(left) + astConjuncts(right) }
        return [expression]
    }
}

/// What a grouped query's expressions may read after aggregation: the group keys (output columns
/// `0..<keys.count`) and the aggregates (the columns after them), found by their call's text.
struct Grouping {
    var keys: [BoundExpression]
    var aggregates: [FunctionCall: Int]
    /// The scope of the aggregation's input, where keys and aggregate arguments were bound.
    var inputScope: Scope
}

/// Window calls already computed, found by their call's text; each is the column at `position`.
struct WindowBinding {
    var positions: [FunctionCall: Int]
}
