// Binding scalar expressions: resolving column names, typing operators with Trino's coercions, and the
// rules of grouped queries (after GROUP BY only group keys and aggregates may be read).
import StrataCore
import StrataSQL

/// Where an expression is bound: which relation it reads, which clause it is in (aggregates and windows
/// are allowed only in some), and what grouping and windows have already been computed.
struct ExpressionContext {
    enum Clause: String {
        case select = "SELECT"
        case `where` = "WHERE"
        case having = "HAVING"
        case groupBy = "GROUP BY"
        case orderBy = "ORDER BY"
        case joinCondition = "a join condition"
        case values = "VALUES"
        case tableFunctionArgument = "a table function argument"
        case aggregateArgument = "an aggregate's arguments"
        case windowArgument = "a window specification"
    }

    var builder: RelationBuilder
    var clause: Clause
    var grouping: Grouping?
    var windows: WindowBinding?
    /// The scope grouped expressions are first bound in, before mapping them to group keys.
    var groupedInputScope: Scope?

    init(builder: RelationBuilder, clause: Clause, grouping: Grouping? = nil, windows: WindowBinding? = nil) {
        self.builder = builder
        self.clause = clause
        self.grouping = grouping
        self.windows = windows
        self.groupedInputScope = grouping?.inputScope
    }

    var scope: Scope { builder.scope }
}

extension Binder {
    /// Binds a condition: the result must be boolean (a bare NULL counts as an unknown boolean).
    func bindPredicate(_ expression: Expression, _ context: ExpressionContext) throws -> BoundExpression {
        let bound = try bindExpression(expression, context)
        switch bound.type {
        case .boolean: return bound
        case .unknown: return coerce(bound, to: .boolean)
        default: throw error("\(context.clause.rawValue) condition must be boolean, not \(bound.type)", at: expression.range)
        }
    }

    func bindExpression(_ expression: Expression, _ context: ExpressionContext) throws -> BoundExpression {
        if let grouping = context.grouping {
            if let grouped = try bindGrouped(expression, grouping, context) { return grouped }
        } else if let windows = context.windows, case .function(let call) = expression.kind, call.window != nil,
            let position = windows.positions[call]
        {
            return .column(position, context.builder.plan.schema[position].type)
        }
        return try bindStructure(expression, context)
    }

    /// In a grouped query: an aggregate call becomes its output column, an expression equal to a group key
    /// becomes the key's column, a constant stays; nil means "bind the parts".
    private func bindGrouped(_ expression: Expression, _ grouping: Grouping, _ context: ExpressionContext) throws -> BoundExpression? {
        if case .function(let call) = expression.kind {
            if call.window != nil, let windows = context.windows, let position = windows.positions[call] {
                return .column(position, context.builder.plan.schema[position].type)
            }
            if call.window == nil, let index = grouping.aggregates[call] {
                let position = grouping.keys.count + index
                return .column(position, context.builder.plan.schema[position].type)
            }
        }
        guard !containsAggregateOrWindow(expression), !containsSubquery(expression), let inputScope = context.groupedInputScope else {
            return nil
        }
        let inputBuilder = RelationBuilder(plan: .values(rows: [[]], schema: []), scope: inputScope)
        let ungrouped = try bindExpression(expression, ExpressionContext(builder: inputBuilder, clause: context.clause))
        if let key = grouping.keys.firstIndex(of: ungrouped) {
            return .column(key, ungrouped.type)
        }
        if ungrouped.referencedColumns.isEmpty { return ungrouped }
        if case .column(let name) = expression.kind {
            throw error("column \"\(name.name.value)\" must appear in GROUP BY or be used in an aggregate", at: expression.range)
        }
        return nil
    }

    /// Binds the expression's own form, binding its parts in the same context.
    private func bindStructure(_ expression: Expression, _ context: ExpressionContext) throws -> BoundExpression {
        let range = expression.range
        func bind(_ part: Expression) throws -> BoundExpression { try bindExpression(part, context) }
        func predicate(_ part: Expression) throws -> BoundExpression { try bindPredicate(part, context) }

        switch expression.kind {
        case .literal(let literal):
            return try bindLiteral(literal, range: range)
        case .typedLiteral(let type, let value):
            return try bindTypedLiteral(type, value, range: range)
        case .interval(let interval):
            return try bindInterval(interval, range: range)
        case .currentDateTime(let which, _):
            switch which {
            case .currentDate: return .call(.currentDate, [], .date)
            case .currentTimestamp, .localTimestamp: return .call(.currentTimestamp, [], .timestamp)
            case .currentTime, .localTime: throw error("\(which.rawValue) is not supported; use CURRENT_TIMESTAMP", at: range)
            }
        case .column(let name):
            return try resolveColumn(name, context)

        case .unary(.minus, let operand):
            if case .literal(let literal) = operand.kind {
                switch literal {
                case .integer, .decimal, .double: return try bindLiteral(literal, negated: true, range: range)
                default: break
                }
            }
            let value = try bind(operand)
            guard value.type.isNumeric || value.type == .interval || value.type == .unknown else {
                throw error("cannot negate a value of type \(value.type)", at: range)
            }
            return .negate(value)
        case .unary(.plus, let operand):
            let value = try bind(operand)
            guard value.type.isNumeric || value.type == .interval || value.type == .unknown else {
                throw error("unary + needs a number, not \(value.type)", at: range)
            }
            return value
        case .unary(.not, let operand):
            return .not(try predicate(operand))

        case .binary(.and, let left, let right):
            return .and([try predicate(left), try predicate(right)])
        case .binary(.or, let left, let right):
            return .or([try predicate(left), try predicate(right)])
        case .binary(let op, let left, let right):
            return try bindBinary(op, try bind(left), try bind(right), range: range, leftRange: left.range, rightRange: right.range)

        case .isNull(let operand, let negated):
            return .isNull(try bind(operand), negated: negated)

        case .isDistinctFrom(let left, let right, let negated):
            let (l, r) = try unify(try bind(left), try bind(right), what: "IS DISTINCT FROM", range: range)
            return .comparison(negated ? .isNotDistinctFrom : .isDistinctFrom, l, r)

        case .between(let value, let low, let high, let negated):
            let v = try bind(value)
            let lo = try bind(low)
            let hi = try bind(high)
            guard let common = TypeCoercion.commonSupertype([v.type, lo.type, hi.type]) else {
                throw error("BETWEEN cannot compare \(v.type) with \(lo.type) and \(hi.type)", at: range)
            }
            let (cv, clo, chi) = (coerce(v, to: common), coerce(lo, to: common), coerce(hi, to: common))
            if negated {
                return .or([.comparison(.less, cv, clo), .comparison(.greater, cv, chi)])
            }
            return .and([.comparison(.greaterOrEqual, cv, clo), .comparison(.lessOrEqual, cv, chi)])

        case .inList(let value, let list, let negated):
            let v = try bind(value)
            let items = try list.map(bind)
            guard let common = TypeCoercion.commonSupertype([v.type] + items.map(\.type)) else {
                throw error("IN list values do not have a common type with \(v.type)", at: range)
            }
            return .inList(coerce(v, to: common), items.map { coerce($0, to: common) }, negated: negated)

        case .like(let value, let pattern, let escape, let negated):
            let v = try bind(value)
            let p = try bind(pattern)
            let e = try escape.map(bind)
            for (part, what) in [(v, "LIKE value"), (p, "LIKE pattern")] + (e.map { [($0, "ESCAPE")] } ?? []) {
                guard part.type == .varchar || part.type == .unknown else {
                    throw error("\(what) must be VARCHAR, not \(part.type)", at: range)
                }
            }
            return .like(coerce(v, to: .varchar), pattern: coerce(p, to: .varchar), escape: e.map { coerce($0, to: .varchar) }, negated: negated)

        case .cast(let operand, let typeName, let isTry):
            let type = try dataType(typeName)
            let value = try bind(operand)
            if value.type == type { return value }
            if case .literal(.null, _) = value { return .literal(.null, type) }
            return .cast(value, to: type, isTry: isTry)

        case .caseWhen(let caseExpression):
            return try bindCase(caseExpression, context, range: range)

        case .extract(let field, let operand):
            let function: ScalarFunction
            switch field {
            case .year: function = .year
            case .quarter: function = .quarter
            case .month: function = .month
            case .week: function = .week
            case .day, .dayOfMonth: function = .day
            case .dayOfWeek, .dow: function = .dayOfWeek
            case .dayOfYear, .doy: function = .dayOfYear
            case .hour: function = .hour
            case .minute: function = .minute
            case .second: function = .second
            case .yearOfWeek, .yow, .timezoneHour, .timezoneMinute:
                throw error("EXTRACT(\(field.rawValue) ...) is not supported", at: range)
            }
            return try call(function, [try bind(operand)], range: range)

        case .function(let call):
            return try bindFunctionCall(call, context, range: range)

        case .subquery(let query):
            return try bindScalarSubquery(query, context, range: range)
        case .exists, .inSubquery, .quantifiedComparison:
            throw error(
                "EXISTS and IN with a subquery are supported as conditions of WHERE (joined by AND); here, rewrite it as a join",
                at: range)
        case .atTimeZone:
            throw error("AT TIME ZONE is not supported: timestamps are UTC", at: range)
        case .array:
            throw error("ARRAY values are only allowed in table properties", at: range)
        case .subscript:
            throw error("subscripts are not supported (there are no ARRAY or MAP columns)", at: range)
        case .row:
            throw error("row values are not supported here", at: range)
        }
    }

    /// Arithmetic, `||` and comparisons.
    func bindBinary(
        _ op: BinaryOperator, _ left: BoundExpression, _ right: BoundExpression, range: SourceRange,
        leftRange: SourceRange, rightRange: SourceRange
    ) throws -> BoundExpression {
        let comparison: ComparisonOperator?
        let arithmetic: ArithmeticOperator?
        switch op {
        case .equal: (comparison, arithmetic) = (.equal, nil)
        case .notEqual: (comparison, arithmetic) = (.notEqual, nil)
        case .less: (comparison, arithmetic) = (.less, nil)
        case .lessOrEqual: (comparison, arithmetic) = (.lessOrEqual, nil)
        case .greater: (comparison, arithmetic) = (.greater, nil)
        case .greaterOrEqual: (comparison, arithmetic) = (.greaterOrEqual, nil)
        case .add: (comparison, arithmetic) = (nil, .add)
        case .subtract: (comparison, arithmetic) = (nil, .subtract)
        case .multiply: (comparison, arithmetic) = (nil, .multiply)
        case .divide: (comparison, arithmetic) = (nil, .divide)
        case .modulo: (comparison, arithmetic) = (nil, .modulo)
        case .concat:
            return try call(.concat, [left, right], range: range)
        case .and, .or:
            preconditionFailure("AND and OR are bound as predicates")
        }
        if let comparison {
            do {
                let common = try ComparisonOperator.resolve(comparison, left.type, right.type)
                return .comparison(comparison, coerce(left, to: common), coerce(right, to: common))
            } catch {
                throw self.error("cannot compare \(left.type) with \(right.type) using \(op.rawValue)", at: range)
            }
        }
        let resolved: (lhs: DataType, rhs: DataType, result: DataType)
        do {
            resolved = try arithmetic!.resolve(left.type, right.type)
        } catch {
            throw self.error("\(error.message)", at: range)
        }
        return .arithmetic(arithmetic!, coerce(left, to: resolved.lhs), coerce(right, to: resolved.rhs), resolved.result)
    }

    /// Two operands cast to their common type.
    func unify(_ left: BoundExpression, _ right: BoundExpression, what: String, range: SourceRange) throws -> (BoundExpression, BoundExpression) {
        guard let common = TypeCoercion.commonSupertype(left.type, right.type) else {
            throw error("\(what) cannot compare \(left.type) with \(right.type)", at: range)
        }
        return (coerce(left, to: common), coerce(right, to: common))
    }

    func bindCase(_ expression: CaseExpression, _ context: ExpressionContext, range: SourceRange) throws -> BoundExpression {
        var conditions: [BoundExpression] = []
        if let operandAST = expression.operand {
            let operand = try bindExpression(operandAST, context)
            for clause in expression.whenClauses {
                let value = try bindExpression(clause.condition, context)
                let (l, r) = try unify(operand, value, what: "CASE", range: clause.condition.range)
                conditions.append(.comparison(.equal, l, r))
            }
        } else {
            conditions = try expression.whenClauses.map { try bindPredicate($0.condition, context) }
        }
        let results = try expression.whenClauses.map { try bindExpression($0.result, context) }
        let otherwise = try expression.elseResult.map { try bindExpression($0, context) }
        guard let type = TypeCoercion.commonSupertype(results.map(\.type) + (otherwise.map { [$0.type] } ?? [])) else {
            throw error("CASE results have no common type: \(results.map(\.type.sqlName).joined(separator: ", "))", at: range)
        }
        let branches = zip(conditions, results).map { CaseBranch(condition: $0, result: coerce($1, to: type)) }
        return .caseWhen(branches, otherwise: otherwise.map { coerce($0, to: type) }, type)
    }

    /// A column reference, looked up in the current scope and then in the enclosing query's.
    func resolveColumn(_ name: QualifiedName, _ context: ExpressionContext) throws -> BoundExpression {
        let qualifier = name.qualifier.map(\.value)
        let columnName = name.name.value
        switch context.scope.resolve(name: columnName, qualifier: qualifier) {
        case .found(let column):
            return .column(column.index, column.type)
        case .ambiguous(let candidates):
            let places = candidates.map { ($0.qualifier + [$0.name]).joined(separator: ".") }
            throw error("column \(name.dottedName) is ambiguous: it could be \(places.joined(separator: " or "))", at: name.range)
        case .notFound:
            break
        }
        if let outer = context.scope.parent {
            switch outer.resolve(name: columnName, qualifier: qualifier) {
            case .found(let column):
                outerReferenceCount += 1
                return .column(Binder.outerReferenceBase + column.index, column.type)
            case .ambiguous:
                throw error("column \(name.dottedName) is ambiguous in the enclosing query", at: name.range)
            case .notFound:
                if outer.parent != nil, case .found = outer.parent!.resolve(name: columnName, qualifier: qualifier) {
                    throw error("column \(name.dottedName) refers two queries out; only the directly enclosing query can be referenced", at: name.range)
                }
            }
        }
        if !qualifier.isEmpty && !context.scope.hasRelation(qualifier) {
            throw error("relation \(qualifier.joined(separator: ".")) is not in FROM (column \(name.dottedName))", at: name.range)
        }
        var message = "column \(name.dottedName) cannot be resolved"
        let names = context.scope.columns.filter { !$0.isHidden }.map(\.name)
        if let suggestion = closestName(to: columnName, among: names) { message += "; did you mean \(suggestion)?" }
        throw error(message, at: name.range)
    }

    /// `expression` as `type`: unchanged when it already is, a typed NULL for a bare NULL, else a cast.
    func coerce(_ expression: BoundExpression, to type: DataType) -> BoundExpression {
        if expression.type == type { return expression }
        if case .literal(.null, _) = expression { return .literal(.null, type) }
        return .cast(expression, to: type, isTry: false)
    }

    /// The candidate closest to `name` by edit distance, if close enough to be a likely typo.
    func closestName(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in Set(candidates) {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= max(1, target.count / 3), best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        return best?.0
    }

    private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
