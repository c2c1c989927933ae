// The binder: turns a parsed query into a logical plan, resolving every name against the catalog and the
// query's own relations, giving every expression its type (with Trino's implicit casts made explicit),
// and turning subqueries into joins. Errors name the offending text by its position in the SQL.
import StrataCore
import StrataSQL

/// A bound query: its plan and the names of its output columns.
public struct BoundQuery {
    public var plan: LogicalPlan
    public var names: [String]

    public var schema: [Field] { zip(plan.schema, names).map { Field($1, $0.type, isNullable: $0.isNullable) } }
}

public final class Binder {
    let catalog: any Catalog
    /// Common table expressions visible at each nesting level, innermost last.
    var commonTableExpressions: [[String: BoundQuery]] = []
    /// Views being expanded, to refuse a view that reads itself.
    var viewsInExpansion: [String] = []
    /// How many column references resolved to an enclosing query so far; a subquery is correlated when
    /// binding it raised the count.
    var outerReferenceCount = 0

    /// Column positions at or above this refer to the enclosing query's columns (a correlated reference,
    /// position minus the base) while a subquery is bound; they never survive into a finished plan.
    static let outerReferenceBase = 1 << 40

    public init(catalog: any Catalog) {
        self.catalog = catalog
    }

    /// Binds a query (SELECT, WITH, VALUES, TABLE, set operations).
    public func bind(_ query: Query) throws -> BoundQuery {
        try bindQuery(query, outer: nil)
    }

    // MARK: Queries

    func bindQuery(_ query: Query, outer: Scope?) throws -> BoundQuery {
        if let with = query.with {
            var visible: [String: BoundQuery] = [:]
            commonTableExpressions.append(visible)
            defer { commonTableExpressions.removeLast() }
            for cte in with.queries {
                var bound = try bindQuery(cte.query, outer: outer)
                if !cte.columns.isEmpty {
                    guard cte.columns.count == bound.names.count else {
                        throw error(
                            "WITH query \(cte.name.value) names \(cte.columns.count) columns but its query has \(bound.names.count)",
                            at: cte.range)
                    }
                    bound.names = cte.columns.map(\.value)
                }
                let key = cte.name.value.lowercased()
                guard visible[key] == nil else { throw error("WITH query name \(cte.name.value) is given twice", at: cte.name.range) }
                visible[key] = bound
                commonTableExpressions[commonTableExpressions.count - 1] = visible
            }
            var withoutWith = query
            withoutWith.with = nil
            return try bindQuery(withoutWith, outer: outer)
        }

        var bound: BoundQuery
        var visibleWidth: Int
        if case .select(let select) = query.body.kind {
            // A SELECT binds its own ORDER BY: it may sort by columns it does not output.
            (bound, visibleWidth) = try bindSelect(select, orderBy: query.orderBy, outer: outer)
        } else {
            bound = try bindQueryBody(query.body, outer: outer)
            visibleWidth = bound.names.count
            if !query.orderBy.isEmpty {
                let keys = try query.orderBy.map { try outputSortKey($0, bound) }
                bound.plan = .sort(bound.plan, keys: keys)
            }
        }

        let offset = try query.offset.map { try rowCount($0, what: "OFFSET") } ?? 0
        var limit: Int?
        if let clause = query.limit {
            switch clause.kind {
            case .all: limit = nil
            case .count(let expression): limit = try rowCount(expression, what: "LIMIT")
            case .fetchFirst(let expression, let withTies):
                if withTies { throw error("FETCH FIRST ... WITH TIES is not supported", at: clause.range) }
                limit = try expression.map { try rowCount($0, what: "FETCH FIRST") } ?? 1
            }
        }
        if limit != nil || offset > 0 {
            bound.plan = .limit(bound.plan, limit: limit, offset: offset)
        }
        if visibleWidth < bound.names.count {
            // Drop the columns a SELECT added only to sort by.
            let schema = bound.plan.schema
            bound.plan = .project(
                bound.plan, expressions: (0..<visibleWidth).map { .column($0, schema[$0].type) },
                names: Array(bound.names.prefix(visibleWidth)))
            bound.names = Array(bound.names.prefix(visibleWidth))
        }
        return bound
    }

    func bindQueryBody(_ body: QueryBody, outer: Scope?) throws -> BoundQuery {
        switch body.kind {
        case .select(let select):
            return try bindSelect(select, orderBy: [], outer: outer).query
        case .nested(let query):
            return try bindQuery(query, outer: outer)
        case .values(let rows):
            return try bindValues(rows, range: body.range, outer: outer)
        case .table(let name):
            let (plan, scope) = try bindTableName(name, alias: nil, range: body.range, outer: outer)
            return BoundQuery(plan: plan, names: scope.columns.map(\.name))
        case .setOperation(let operation):
            let left = try bindQueryBody(operation.left, outer: outer)
            let right = try bindQueryBody(operation.right, outer: outer)
            guard left.names.count == right.names.count else {
                throw error(
                    "\(operation.operator.rawValue) needs the same number of columns on both sides; got \(left.names.count) and \(right.names.count)",
                    at: body.range)
            }
            var leftTypes: [DataType] = []
            var rightTypes: [DataType] = []
            for (index, (l, r)) in zip(left.plan.schema, right.plan.schema).enumerated() {
                guard let common = TypeCoercion.commonSupertype(l.type, r.type) else {
                    throw error(
                        "column \(index + 1) of \(operation.operator.rawValue) has types \(l.type) and \(r.type), which have no common type",
                        at: body.range)
                }
                leftTypes.append(common)
                rightTypes.append(common)
            }
            let kind: SetOperationKind
            switch operation.operator {
            case .union: kind = .union
            case .intersect: kind = .intersect
            case .except: kind = .except
            }
            return BoundQuery(
                plan: .setOperation(
                    kind, all: operation.isAll, castOutputs(left, to: leftTypes), castOutputs(right, to: rightTypes)),
                names: left.names)
        }
    }

    /// `VALUES (...), (...)`: every row the same width, columns of a common type.
    func bindValues(_ rows: [[Expression]], range: SourceRange, outer: Scope?) throws -> BoundQuery {
        guard let width = rows.first?.count else { throw error("VALUES needs at least one row", at: range) }
        let empty = Scope(columns: [], parent: outer)
        let builder = RelationBuilder(plan: .values(rows: [[]], schema: []), scope: empty)
        var bound: [[BoundExpression]] = []
        for row in rows {
            guard row.count == width else {
                throw error("VALUES rows have different numbers of columns (\(width) and \(row.count))", at: row.first?.range ?? range)
            }
            bound.append(try row.map { try bindExpression($0, ExpressionContext(builder: builder, clause: .values)) })
        }
        var types: [DataType] = []
        for column in 0..<width {
            var type = bound[0][column].type
            for row in bound.dropFirst() {
                guard let common = TypeCoercion.commonSupertype(type, row[column].type) else {
                    throw error("VALUES column \(column + 1) mixes \(type) and \(row[column].type)", at: rows[0][column].range)
                }
                type = common
            }
            types.append(type == .unknown ? .varchar : type)
        }
        let castRows = bound.map { row in zip(row, types).map { coerce($0, to: $1) } }
        let names = (0..<width).map { "_col\($0)" }
        return BoundQuery(plan: .values(rows: castRows, schema: zip(names, types).map { Field($0, $1) }), names: names)
    }

    /// The plan of `query` with each output cast to `types` where it differs.
    func castOutputs(_ query: BoundQuery, to types: [DataType]) -> LogicalPlan {
        let schema = query.plan.schema
        guard zip(schema, types).contains(where: { $0.type != $1 }) else { return query.plan }
        let expressions = schema.enumerated().map { coerce(.column($0, $1.type), to: types[$0]) }
        return .project(query.plan, expressions: expressions, names: query.names)
    }

    /// An ORDER BY item over a query's output: an ordinal, an output name, or an expression over them.
    func outputSortKey(_ item: OrderItem, _ query: BoundQuery) throws -> SortKey {
        let scope = Scope(
            columns: zip(query.plan.schema, query.names).enumerated().map {
                ScopeColumn(name: $1.1, qualifier: [], type: $1.0.type, index: $0)
            }, parent: nil)
        let expression: BoundExpression
        if let ordinal = try ordinal(item.expression, count: query.names.count) {
            expression = .column(ordinal, query.plan.schema[ordinal].type)
        } else {
            let builder = RelationBuilder(plan: query.plan, scope: scope)
            expression = try bindExpression(item.expression, ExpressionContext(builder: builder, clause: .orderBy))
        }
        return try sortKey(item, expression)
    }

    func sortKey(_ item: OrderItem, _ expression: BoundExpression) throws -> SortKey {
        guard TypeCoercion.isOrderable(expression.type) else {
            throw error("cannot sort by a value of type \(expression.type)", at: item.expression.range)
        }
        return SortKey(
            expression, ascending: item.direction != .descending,
            nullsFirst: item.nulls.map { $0 == .first })
    }

    /// The zero-based column of `ORDER BY 2` / `GROUP BY 2`, or nil when the expression is not an integer literal.
    func ordinal(_ expression: Expression, count: Int) throws -> Int? {
        guard case .literal(.integer(let text)) = expression.kind else { return nil }
        guard let value = Int(text), value >= 1, value <= count else {
            throw error("position \(text) is not in the select list (1 to \(count))", at: expression.range)
        }
        return value - 1
    }

    /// A non-negative integer literal, for LIMIT and OFFSET.
    func rowCount(_ expression: Expression, what: String) throws -> Int {
        guard case .literal(.integer(let text)) = expression.kind, let value = Int(text), value >= 0 else {
            throw error("\(what) must be a non-negative integer", at: expression.range)
        }
        return value
    }

    // MARK: Errors

    func error(_ message: String, at range: SourceRange) -> PlanError {
        PlanError(message, offset: range.lowerBound, length: range.length)
    }
}

/// The plan being built for one FROM clause and the scope of its columns. Binding a scalar subquery
/// joins it to `plan` and adds its column to `scope`, so the enclosing expression can read it.
final class RelationBuilder {
    var plan: LogicalPlan
    var scope: Scope

    init(plan: LogicalPlan, scope: Scope) {
        self.plan = plan
        self.scope = scope
    }
}
