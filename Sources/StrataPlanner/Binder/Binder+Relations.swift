// Binding FROM: tables, views, common table expressions, derived tables, table functions and joins.
import StrataCore
import StrataSQL

extension Binder {
    /// The relations of a FROM clause, cross-joined; without FROM, a single row of no columns.
    func bindFrom(_ relations: [Relation], outer: Scope?) throws -> RelationBuilder {
        guard var (plan, scope) = try relations.first.map({ try bindRelation($0, outer: outer) }) else {
            return RelationBuilder(plan: .values(rows: [[]], schema: []), scope: Scope(columns: [], parent: outer))
        }
        for relation in relations.dropFirst() {
            let (right, rightScope) = try bindRelation(relation, outer: outer)
            (plan, scope) = joined(plan, scope, right, rightScope, kind: .cross, condition: nil, outer: outer)
        }
        return RelationBuilder(plan: plan, scope: scope)
    }

    func bindRelation(_ relation: Relation, outer: Scope?) throws -> (LogicalPlan, Scope) {
        switch relation.kind {
        case .table(let name, let alias):
            return try bindTableName(name, alias: alias, range: relation.range, outer: outer)

        case .subquery(let query, let alias):
            let bound = try bindQuery(query, outer: outer)
            return try aliased(bound.plan, names: bound.names, alias: alias, defaultQualifier: [], outer: outer)

        case .tableFunction(let call, let alias):
            let arguments = try call.arguments.map { argument -> TableFunctionArgument in
                let builder = RelationBuilder(plan: .values(rows: [[]], schema: []), scope: Scope(columns: [], parent: nil))
                let bound = try bindExpression(argument.value, ExpressionContext(builder: builder, clause: .tableFunctionArgument))
                guard case .literal(let value, _) = bound else {
                    throw error("table function arguments must be constants", at: argument.value.range)
                }
                return TableFunctionArgument(name: argument.name?.value, value: value)
            }
            let table: TableHandle
            do {
                table = try catalog.tableFunction(call.name.dottedName.lowercased(), arguments: arguments)
            } catch let planError as PlanError {
                throw planError.located(offset: relation.range.lowerBound, length: relation.range.length)
            }
            let plan = LogicalPlan.scan(TableScan(table: table, columns: Array(table.columns.indices)))
            return try aliased(plan, names: table.columns.map(\.name), alias: alias, defaultQualifier: [call.name.name.value], outer: outer)

        case .join(let join):
            let (left, leftScope) = try bindRelation(join.left, outer: outer)
            let (right, rightScope) = try bindRelation(join.right, outer: outer)
            let kind: JoinKind
            switch join.kind {
            case .inner: kind = .inner
            case .left: kind = .left
            case .right: kind = .right
            case .full: kind = .full
            case .cross: kind = .cross
            }
            switch join.condition {
            case nil:
                return joined(left, leftScope, right, rightScope, kind: kind, condition: nil, outer: outer)
            case .on(let expression):
                let (plan, scope) = joined(left, leftScope, right, rightScope, kind: kind, condition: nil, outer: outer)
                let builder = RelationBuilder(plan: plan, scope: scope)
                let condition = try bindPredicate(expression, ExpressionContext(builder: builder, clause: .joinCondition))
                guard case .join(let l, let r, let k, _) = builder.plan else {
                    throw error("subqueries are not supported in a join condition", at: expression.range)
                }
                return (.join(l, r, kind: k, condition: condition), scope)
            case .using(let columns):
                return try bindUsingJoin(left, leftScope, right, rightScope, kind: kind, columns: columns, outer: outer)
            }
        }
    }

    /// A table, view or common table expression by name.
    func bindTableName(_ name: QualifiedName, alias: TableAlias?, range: SourceRange, outer: Scope?) throws -> (LogicalPlan, Scope) {
        let parts = name.parts.map(\.value)
        if parts.count == 1 {
            for level in commonTableExpressions.reversed() {
                if let cte = level[parts[0].lowercased()] {
                    return try aliased(cte.plan, names: cte.names, alias: alias, defaultQualifier: parts, outer: outer)
                }
            }
        }
        let entry: CatalogEntry?
        do {
            entry = try catalog.lookup(parts)
        } catch let planError as PlanError {
            throw planError.located(offset: name.range.lowerBound, length: name.range.length)
        }
        switch entry {
        case nil:
            throw error("table \(name.dottedName) does not exist", at: name.range)
        case .table(let table):
            let plan = LogicalPlan.scan(TableScan(table: table, columns: Array(table.columns.indices)))
            return try aliased(plan, names: table.columns.map(\.name), alias: alias, defaultQualifier: parts, outer: outer)
        case .view(let viewName, let sql):
            guard !viewsInExpansion.contains(viewName) else {
                throw error("view \(viewName) refers to itself", at: name.range)
            }
            viewsInExpansion.append(viewName)
            defer { viewsInExpansion.removeLast() }
            let query: Query
            do {
                query = try SQLParser.parseQuery(sql)
            } catch {
                throw self.error("view \(viewName) no longer parses: \(error)", at: name.range)
            }
            // A view sees only the catalog, never the CTEs of the query that uses it.
            let saved = commonTableExpressions
            commonTableExpressions = []
            defer { commonTableExpressions = saved }
            let bound: BoundQuery
            do {
                bound = try bindQuery(query, outer: nil)
            } catch let planError as PlanError {
                throw error("view \(viewName) cannot be used: \(planError.message)", at: name.range)
            }
            return try aliased(bound.plan, names: bound.names, alias: alias, defaultQualifier: parts, outer: outer)
        }
    }

    /// A relation under its alias: the alias (or `defaultQualifier`) qualifies its columns, and alias
    /// column names rename them.
    func aliased(
        _ plan: LogicalPlan, names: [String], alias: TableAlias?, defaultQualifier: [String], outer: Scope?
    ) throws -> (LogicalPlan, Scope) {
        var names = names
        var plan = plan
        if let alias, !alias.columns.isEmpty {
            guard alias.columns.count == names.count else {
                throw error("alias \(alias.name.value) names \(alias.columns.count) columns but the relation has \(names.count)", at: alias.range)
            }
            names = alias.columns.map(\.value)
            plan = .rename(plan, names: names)
        }
        let qualifier = alias.map { [$0.name.value] } ?? defaultQualifier
        let types = plan.schema.map(\.type)
        let scope = Scope(
            columns: zip(names, types).enumerated().map { ScopeColumn(name: $1.0, qualifier: qualifier, type: $1.1, index: $0) },
            parent: outer)
        return (plan, scope)
    }

    /// Two relations side by side: the right's columns follow the left's.
    func joined(
        _ left: LogicalPlan, _ leftScope: Scope, _ right: LogicalPlan, _ rightScope: Scope, kind: JoinKind,
        condition: BoundExpression?, outer: Scope?
    ) -> (LogicalPlan, Scope) {
        let width = left.schema.count
        let shifted = rightScope.columns.map { column -> ScopeColumn in
            var moved = column
            moved.index += width
            return moved
        }
        return (.join(left, right, kind: kind, condition: condition), Scope(columns: leftScope.columns + shifted, parent: outer))
    }

    /// `JOIN ... USING (a, b)`: equality on the named columns, which then appear once (for a FULL join,
    /// as the first non-null of the two sides).
    func bindUsingJoin(
        _ left: LogicalPlan, _ leftScope: Scope, _ right: LogicalPlan, _ rightScope: Scope, kind: JoinKind,
        columns: [Identifier], outer: Scope?
    ) throws -> (LogicalPlan, Scope) {
        let width = left.schema.count
        var conditions: [BoundExpression] = []
        var pairs: [(left: ScopeColumn, right: ScopeColumn)] = []
        for column in columns {
            func find(_ scope: Scope, _ side: String) throws -> ScopeColumn {
                switch scope.resolve(name: column.value, qualifier: []) {
                case .found(let found): return found
                case .notFound: throw error("column \(column.value) of USING is not on the \(side) side of the join", at: column.range)
                case .ambiguous: throw error("column \(column.value) of USING is ambiguous on the \(side) side", at: column.range)
                }
            }
            let l = try find(leftScope, "left")
            let r = try find(rightScope, "right")
            guard let common = TypeCoercion.commonSupertype(l.type, r.type) else {
                throw error("USING column \(column.value) has types \(l.type) and \(r.type), which cannot be compared", at: column.range)
            }
            conditions.append(
                .comparison(.equal, coerce(.column(l.index, l.type), to: common), coerce(.column(width + r.index, r.type), to: common)))
            pairs.append((l, r))
        }
        let join = LogicalPlan.join(left, right, kind: kind, condition: BoundExpression.conjunction(conditions))
        // Output: the USING columns once, then every column of both sides, with the duplicates hidden so
        // `*` and unqualified names see the USING column once but `l.k` and `r.k` still resolve.
        let joinSchema = join.schema
        var expressions: [BoundExpression] = []
        var scopeColumns: [ScopeColumn] = []
        for (l, r) in pairs {
            let leftValue = BoundExpression.column(l.index, l.type)
            let rightValue = BoundExpression.column(width + r.index, r.type)
            let type = TypeCoercion.commonSupertype(l.type, r.type)!
            let value: BoundExpression
            switch kind {
            case .right: value = coerce(rightValue, to: type)
            case .full: value = .coalesce([coerce(leftValue, to: type), coerce(rightValue, to: type)], type)
            default: value = coerce(leftValue, to: type)
            }
            scopeColumns.append(ScopeColumn(name: l.name, qualifier: [], type: type, index: expressions.count))
            expressions.append(value)
        }
        let usingLeft = Set(pairs.map(\.left.index))
        let usingRight = Set(pairs.map(\.right.index))
        for column in leftScope.columns {
            var moved = column
            moved.index = expressions.count
            moved.isHidden = moved.isHidden || usingLeft.contains(column.index)
            scopeColumns.append(moved)
            expressions.append(.column(column.index, joinSchema[column.index].type))
        }
        for column in rightScope.columns {
            var moved = column
            moved.index = expressions.count
            moved.isHidden = moved.isHidden || usingRight.contains(column.index)
            scopeColumns.append(moved)
            expressions.append(.column(width + column.index, joinSchema[width + column.index].type))
        }
        let plan = LogicalPlan.project(join, expressions: expressions, names: scopeColumns.map(\.name))
        return (plan, Scope(columns: scopeColumns, parent: outer))
    }
}
