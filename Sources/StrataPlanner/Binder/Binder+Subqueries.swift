// Subqueries become joins. In WHERE, `[NOT] EXISTS` and `[NOT] IN (subquery)` are semi and anti joins,
// their correlated conditions (`WHERE inner.k = outer.k`) becoming the join condition. A scalar
// subquery is a left join of its single row; a correlated scalar aggregate is grouped by its correlation
// keys and left-joined on them, with COUNT giving 0 rather than NULL where no row matches.
import StrataCore
import StrataSQL

extension Binder {
    /// Turns a WHERE conjunct that is a subquery test into a join on `builder`'s plan. False when the
    /// conjunct is not one.
    func applySubqueryConjunct(_ conjunct: Expression, to builder: RelationBuilder) throws -> Bool {
        switch conjunct.kind {
        case .exists(let query):
            try applyExists(query, negated: false, to: builder, range: conjunct.range)
            return true
        case .unary(.not, let inner):
            if case .exists(let query) = inner.kind {
                try applyExists(query, negated: true, to: builder, range: conjunct.range)
                return true
            }
            if case .inSubquery(let value, let query, let negated) = inner.kind {
                try applyIn(value, query, negated: !negated, to: builder, range: conjunct.range)
                return true
            }
            return false
        case .inSubquery(let value, let query, let negated):
            try applyIn(value, query, negated: negated, to: builder, range: conjunct.range)
            return true
        case .quantifiedComparison(let op, let quantifier, let value, let query):
            switch (op, quantifier) {
            case (.equal, .any), (.equal, .some):
                try applyIn(value, query, negated: false, to: builder, range: conjunct.range)
            case (.notEqual, .all):
                try applyIn(value, query, negated: true, to: builder, range: conjunct.range)
            default:
                throw error("\(op.rawValue) \(quantifier.rawValue) (subquery) is not supported; use min/max in a scalar subquery", at: conjunct.range)
            }
            return true
        default:
            return false
        }
    }

    private func applyExists(_ query: Query, negated: Bool, to builder: RelationBuilder, range: SourceRange) throws {
        let before = outerReferenceCount
        let bound = try bindQuery(query, outer: builder.scope)
        if outerReferenceCount == before {
            // Uncorrelated: every outer row passes or none does.
            builder.plan = .join(builder.plan, bound.plan, kind: negated ? .anti : .semi, condition: nil)
            return
        }
        let subquery = try correlatedParts(query, outer: builder.scope, range: range, allowLimit: true)
        try requireNoOuterReferences(subquery.plan, range: range)
        let width = builder.plan.schema.count
        let condition = BoundExpression.conjunction(subquery.correlation.map { joinSpace($0, outerWidth: width) })
        builder.plan = .join(builder.plan, subquery.plan, kind: negated ? .anti : .semi, condition: condition)
    }

    private func applyIn(_ valueAST: Expression, _ query: Query, negated: Bool, to builder: RelationBuilder, range: SourceRange) throws {
        if case .row = valueAST.kind { throw error("row values in IN (subquery) are not supported", at: valueAST.range) }
        let width = builder.plan.schema.count
        let value = try bindExpression(valueAST, ExpressionContext(builder: builder, clause: .where))
        let before = outerReferenceCount
        let bound = try bindQuery(query, outer: builder.scope)
        guard bound.names.count == 1 else {
            throw error("the subquery of IN must return one column, not \(bound.names.count)", at: range)
        }
        if outerReferenceCount == before {
            let item = BoundExpression.column(width, bound.plan.schema[0].type)
            let (l, r) = try unify(value, item, what: "IN", range: range)
            builder.plan = .join(builder.plan, bound.plan, kind: negated ? .nullAwareAnti : .semi, condition: .comparison(.equal, l, r))
            return
        }
        if negated {
            throw error("NOT IN with a correlated subquery is not supported; use NOT EXISTS", at: range)
        }
        let subquery = try correlatedParts(query, outer: builder.scope, range: range, allowLimit: false)
        try requireNoOuterReferences(subquery.plan, range: range)
        guard let item = subquery.item else {
            throw error("the subquery of IN must select one expression", at: range)
        }
        let (l, r) = try unify(value, joinSpace(item, outerWidth: width), what: "IN", range: range)
        let condition = BoundExpression.conjunction(
            [.comparison(.equal, l, r)] + subquery.correlation.map { joinSpace($0, outerWidth: width) })
        builder.plan = .join(builder.plan, subquery.plan, kind: .semi, condition: condition)
    }

    /// A scalar subquery as a column of `context.builder`'s plan.
    func bindScalarSubquery(_ query: Query, _ context: ExpressionContext, range: SourceRange) throws -> BoundExpression {
        let builder = context.builder
        let width = builder.plan.schema.count
        let before = outerReferenceCount
        let bound = try bindQuery(query, outer: builder.scope)
        guard bound.names.count == 1 else {
            throw error("a scalar subquery must return one column, not \(bound.names.count)", at: range)
        }
        let type = bound.plan.schema[0].type
        if outerReferenceCount == before {
            let single = Binder.returnsOneRow(bound.plan) ? bound.plan : LogicalPlan.enforceSingleRow(bound.plan)
            builder.plan = .join(builder.plan, single, kind: .left, condition: nil)
            builder.scope.columns.append(ScopeColumn(name: "_subquery", qualifier: [], type: type, index: width, isHidden: true))
            return .column(width, type)
        }
        return try bindCorrelatedScalar(query, builder: builder, range: range)
    }

    /// `(SELECT agg(...) FROM t WHERE t.k = outer.k AND ...)`: aggregated per correlation key and
    /// left-joined on it.
    private func bindCorrelatedScalar(_ query: Query, builder: RelationBuilder, range: SourceRange) throws -> BoundExpression {
        guard query.with == nil, query.orderBy.isEmpty, query.limit == nil, query.offset == nil,
            case .select(let select) = query.body.kind, select.groupBy == nil, select.having == nil, !select.isDistinct,
            select.items.count == 1, case .expression(let itemAST, _) = select.items[0].kind
        else {
            throw error(
                "a correlated scalar subquery must be a single aggregate without GROUP BY, such as (SELECT max(x) FROM t WHERE t.k = outer.k); rewrite it as a join",
                at: range)
        }
        var calls: [FunctionCall] = []
        collectAggregateCalls(itemAST, into: &calls)
        guard !calls.isEmpty else {
            throw error("a correlated scalar subquery must aggregate (e.g. max(x)) so it yields one row per outer row; rewrite it as a join", at: range)
        }
        let inner = try bindFrom(select.from, outer: builder.scope)
        var local: [BoundExpression] = []
        var innerKeys: [BoundExpression] = []
        var outerKeys: [BoundExpression] = []
        for conjunct in select.where.map(astConjuncts) ?? [] {
            let bound = try bindPredicate(conjunct, ExpressionContext(builder: inner, clause: .where))
            guard Binder.readsOuter(bound) else {
                local.append(bound)
                continue
            }
            guard case .comparison(.equal, let a, let b) = bound else {
                throw error("a correlated scalar subquery supports only equality with the outer query (inner = outer)", at: conjunct.range)
            }
            switch (Binder.readsOuter(a), Binder.readsOuter(b), Binder.readsInner(a), Binder.readsInner(b)) {
            case (false, true, _, false): innerKeys.append(a); outerKeys.append(b)
            case (true, false, false, _): innerKeys.append(b); outerKeys.append(a)
            default:
                throw error("each correlated condition must compare an inner expression with an outer one", at: conjunct.range)
            }
        }
        if !local.isEmpty { inner.plan = .filter(inner.plan, predicate: BoundExpression.conjunction(local)) }
        try requireNoOuterReferences(inner.plan, range: range)

        // Aggregate per correlation key, then project [value, matched marker, keys].
        let grouping = try groupedByCorrelation(innerKeys, calls: calls, builder: inner)
        let value = try bindExpression(itemAST, ExpressionContext(builder: inner, clause: .select, grouping: grouping))
        let keyCount = innerKeys.count
        let projected = LogicalPlan.project(
            inner.plan,
            expressions: [value, .literal(.boolean(true), .boolean)] + innerKeys.indices.map { .column($0, innerKeys[$0].type) },
            names: ["_value", "_matched"] + (0..<keyCount).map { "_key\($0)" })

        let width = builder.plan.schema.count
        let condition = BoundExpression.conjunction(
            zip(outerKeys, innerKeys).enumerated().map { index, pair in
                let outerValue = pair.0.remappingColumns { $0 - Binder.outerReferenceBase }
                let innerValue = BoundExpression.column(width + 2 + index, pair.1.type)
                let common = TypeCoercion.commonSupertype(outerValue.type, innerValue.type) ?? innerValue.type
                return .comparison(.equal, coerce(outerValue, to: common), coerce(innerValue, to: common))
            })
        builder.plan = .join(builder.plan, projected, kind: .left, condition: condition)
        for offset in 0..<(2 + keyCount) {
            builder.scope.columns.append(
                ScopeColumn(name: "_subquery", qualifier: [], type: projected.schema[offset].type, index: width + offset, isHidden: true))
        }
        // Where no inner row matched, the aggregate saw no rows: COUNT is 0, the others NULL.
        let aggregatesStart = keyCount
        guard case .aggregate(_, _, let aggregates, _) = inner.plan else { return .column(width, value.type) }
        let emptyValue = value.transformed { node in
            guard case .column(let index, let type) = node, index >= aggregatesStart else { return nil }
            switch aggregates[index - aggregatesStart].function {
            case .count, .countStar, .countIf, .approxDistinct: return .literal(.integer(0), type)
            default: return .literal(.null, type)
            }
        }
        if emptyValue == .literal(.null, value.type) { return .column(width, value.type) }
        return .caseWhen(
            [CaseBranch(condition: .isNull(.column(width + 1, .boolean), negated: false), result: emptyValue)],
            otherwise: .column(width, value.type), value.type)
    }

    private func groupedByCorrelation(_ keys: [BoundExpression], calls: [FunctionCall], builder: RelationBuilder) throws -> Grouping {
        let inputScope = builder.scope
        var aggregates: [BoundAggregate] = []
        var positions: [FunctionCall: Int] = [:]
        for call in calls where positions[call] == nil {
            let aggregate = try bindAggregate(call, ExpressionContext(builder: builder, clause: .aggregateArgument))
            positions[call] = aggregates.firstIndex(of: aggregate) ?? aggregates.count
            if positions[call] == aggregates.count { aggregates.append(aggregate) }
        }
        builder.plan = .aggregate(
            builder.plan, groupBy: keys, aggregates: aggregates,
            names: keys.indices.map { "_key\($0)" } + aggregates.indices.map { "_agg\($0)" })
        builder.scope = Scope(columns: [], parent: inputScope.parent)
        return Grouping(keys: keys, aggregates: positions, inputScope: inputScope)
    }

    /// A correlated EXISTS/IN subquery taken apart: FROM with its uncorrelated WHERE conjuncts as `plan`,
    /// the correlated conjuncts (over outer references and `plan`'s columns), and the selected expression.
    private func correlatedParts(_ query: Query, outer: Scope, range: SourceRange, allowLimit: Bool) throws
        -> (plan: LogicalPlan, correlation: [BoundExpression], item: BoundExpression?)
    {
        guard query.with == nil, case .select(let select) = query.body.kind else {
            throw error("a correlated subquery must be a plain SELECT (no WITH or set operations)", at: range)
        }
        if !allowLimit && (query.limit != nil || query.offset != nil) {
            throw error("LIMIT in a correlated subquery is not supported", at: range)
        }
        if select.groupBy != nil || select.having != nil
            || select.items.contains(where: { if case .expression(let e, _) = $0.kind { return containsAggregateOrWindow(e) }; return false })
        {
            throw error("a correlated EXISTS or IN subquery cannot aggregate; move the correlation into a join", at: range)
        }
        let inner = try bindFrom(select.from, outer: outer)
        var local: [BoundExpression] = []
        var correlation: [BoundExpression] = []
        for conjunct in select.where.map(astConjuncts) ?? [] {
            if try applySubqueryConjunct(conjunct, to: inner) { continue }
            let bound = try bindPredicate(conjunct, ExpressionContext(builder: inner, clause: .where))
            if Binder.readsOuter(bound) { correlation.append(bound) } else { local.append(bound) }
        }
        if !local.isEmpty { inner.plan = .filter(inner.plan, predicate: BoundExpression.conjunction(local)) }
        var item: BoundExpression?
        if select.items.count == 1, case .expression(let expression, _) = select.items[0].kind {
            item = try bindExpression(expression, ExpressionContext(builder: inner, clause: .select))
        }
        return (inner.plan, correlation, item)
    }

    /// An expression over [outer references, subquery columns] moved to a join's column space, where the
    /// outer query's columns come first.
    private func joinSpace(_ expression: BoundExpression, outerWidth: Int) -> BoundExpression {
        expression.remappingColumns { $0 >= Binder.outerReferenceBase ? $0 - Binder.outerReferenceBase : $0 + outerWidth }
    }

    static func readsOuter(_ expression: BoundExpression) -> Bool {
        expression.referencedColumns.contains { $0 >= outerReferenceBase }
    }

    static func readsInner(_ expression: BoundExpression) -> Bool {
        expression.referencedColumns.contains { $0 < outerReferenceBase }
    }

    /// Outer references may only be in the conditions taken out of the subquery's WHERE.
    private func requireNoOuterReferences(_ plan: LogicalPlan, range: SourceRange) throws {
        if plan.expressions.contains(where: Binder.readsOuter) || plan.children.contains(where: { $0.readsOuterReference }) {
            throw error(
                "this subquery refers to the enclosing query outside its WHERE conditions, which is not supported; rewrite it as a join",
                at: range)
        }
    }

    /// Whether a plan certainly yields exactly one row: a global aggregate (optionally projected).
    static func returnsOneRow(_ plan: LogicalPlan) -> Bool {
        switch plan {
        case .aggregate(_, let groupBy, _, _): return groupBy.isEmpty
        case .project(let input, _, _), .rename(let input, _): return returnsOneRow(input)
        case .values(let rows, _): return rows.count == 1
        default: return false
        }
    }
}

extension LogicalPlan {
    /// Whether any expression in this plan reads an enclosing query's column.
    var readsOuterReference: Bool {
        expressions.contains(where: Binder.readsOuter) || children.contains { $0.readsOuterReference }
    }
}
