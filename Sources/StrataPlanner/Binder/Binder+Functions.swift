// Binding function calls: scalar functions and the expression forms spelled as calls (coalesce, if, try),
// aggregates with GROUP BY, and window functions.
import StrataCore
import StrataSQL

extension Binder {
    func bindFunctionCall(_ call: FunctionCall, _ context: ExpressionContext, range: SourceRange) throws -> BoundExpression {
        let name = call.name.dottedName.lowercased()
        if call.window != nil {
            throw error("window function \(name) is not allowed in \(context.clause.rawValue)", at: range)
        }
        if isAggregateCall(call) {
            throw error("aggregate function \(name) is not allowed in \(context.clause.rawValue)", at: range)
        }
        if call.isDistinct || call.filter != nil || !call.orderBy.isEmpty || call.nullTreatment != nil {
            throw error("DISTINCT, FILTER, ORDER BY and IGNORE NULLS apply to aggregate and window functions, not \(name)", at: range)
        }
        func arguments() throws -> [BoundExpression] { try call.arguments.map { try bindExpression($0, context) } }

        switch name {
        case "coalesce":
            let values = try arguments()
            guard !values.isEmpty else { throw error("coalesce needs at least one argument", at: range) }
            guard let type = TypeCoercion.commonSupertype(values.map(\.type)) else {
                throw error("coalesce arguments have no common type: \(values.map(\.type.sqlName).joined(separator: ", "))", at: range)
            }
            return .coalesce(values.map { coerce($0, to: type) }, type)
        case "if":
            guard call.arguments.count == 2 || call.arguments.count == 3 else {
                throw error("if takes a condition and one or two values", at: range)
            }
            let condition = try bindPredicate(call.arguments[0], context)
            let then = try bindExpression(call.arguments[1], context)
            let otherwise = call.arguments.count == 3 ? try bindExpression(call.arguments[2], context) : nil
            guard let type = TypeCoercion.commonSupertype([then.type] + (otherwise.map { [$0.type] } ?? [])) else {
                throw error("if branches have types \(then.type) and \(otherwise!.type), which have no common type", at: range)
            }
            return .caseWhen(
                [CaseBranch(condition: condition, result: coerce(then, to: type))], otherwise: otherwise.map { coerce($0, to: type) }, type)
        case "try":
            guard call.arguments.count == 1 else { throw error("try takes one argument", at: range) }
            return .tryExpression(try bindExpression(call.arguments[0], context))
        case "date":
            guard call.arguments.count == 1 else { throw error("date takes one argument", at: range) }
            let value = try bindExpression(call.arguments[0], context)
            return value.type == .date ? value : .cast(value, to: .date, isTry: false)
        default:
            break
        }
        guard call.name.parts.count == 1, let function = ScalarFunction.named(name) else {
            if WindowFunction.named(name) != nil {
                throw error("window function \(name) needs an OVER clause", at: range)
            }
            var message = "function \(name) does not exist"
            let known = ScalarFunction.allCases.map(\.rawValue) + AggregateFunction.allCases.map(\.rawValue) + ["coalesce", "if", "try"]
            if let suggestion = closestName(to: name, among: known) { message += "; did you mean \(suggestion)?" }
            throw error(message, at: call.name.range)
        }
        return try self.call(function, try arguments(), range: range)
    }

    /// A call of `function` with arguments cast to the signature it resolves to.
    func call(_ function: ScalarFunction, _ arguments: [BoundExpression], range: SourceRange) throws -> BoundExpression {
        let signature: FunctionSignature
        do {
            signature = try function.resolve(arguments.map(\.type))
        } catch {
            throw self.error(error.message, at: range)
        }
        let cast = zip(arguments, signature.parameterTypes).map { coerce($0, to: $1) }
        return .call(function, cast, signature.returnType)
    }

    // MARK: Aggregation

    func isAggregateCall(_ call: FunctionCall) -> Bool {
        guard call.window == nil, call.name.parts.count == 1 else { return false }
        let name = call.name.name.value.lowercased()
        return call.isStar || AggregateFunction.named(name) != nil
    }

    /// GROUP BY keys and the aggregates of the query, as an aggregate node on the builder's plan.
    func bindAggregation(
        _ select: Select, items: [(expression: Expression?, column: ScopeColumn?, name: String, range: SourceRange)],
        aggregateCalls: [FunctionCall], builder: RelationBuilder
    ) throws -> Grouping {
        let inputScope = builder.scope
        let inputContext = ExpressionContext(builder: builder, clause: .groupBy)
        var keys: [BoundExpression] = []
        for element in select.groupBy?.elements ?? [] {
            guard case .expression(let expression) = element.kind else {
                throw error("GROUPING SETS, ROLLUP and CUBE are not supported yet", at: element.range)
            }
            let key: BoundExpression
            if let position = try ordinal(expression, count: items.count) {
                let item = items[position]
                if let column = item.column {
                    key = .column(column.index, column.type)
                } else {
                    key = try bindExpression(item.expression!, inputContext)
                }
            } else if case .column(let name) = expression.kind, name.parts.count == 1,
                case .notFound = inputScope.resolve(name: name.name.value, qualifier: []),
                let item = items.first(where: { $0.name.lowercased() == name.name.value.lowercased() && $0.expression != nil })
            {
                // A select alias, where no input column has the name (DuckDB allows it; Trino does not).
                key = try bindExpression(item.expression!, inputContext)
            } else {
                key = try bindExpression(expression, inputContext)
            }
            if containsAggregateOrWindow(expression) {
                throw error("GROUP BY cannot contain aggregate or window functions", at: expression.range)
            }
            if !keys.contains(key) { keys.append(key) }
        }

        var aggregates: [BoundAggregate] = []
        var positions: [FunctionCall: Int] = [:]
        for call in aggregateCalls where positions[call] == nil {
            let aggregate = try bindAggregate(call, ExpressionContext(builder: builder, clause: .aggregateArgument))
            if let existing = aggregates.firstIndex(of: aggregate) {
                positions[call] = existing
            } else {
                positions[call] = aggregates.count
                aggregates.append(aggregate)
            }
        }
        let keyNames = keys.enumerated().map { index, key -> String in
            if case .column(let position, _) = key, let column = inputScope.columns.first(where: { $0.index == position }) {
                return column.name
            }
            return "_key\(index)"
        }
        let names = keyNames + aggregates.indices.map { "_agg\($0)" }
        builder.plan = .aggregate(builder.plan, groupBy: keys, aggregates: aggregates, names: names)
        // After grouping, plain key columns keep their names (a correlated subquery may read them).
        var scopeColumns: [ScopeColumn] = []
        for (position, key) in keys.enumerated() {
            if case .column(let index, let type) = key, let column = inputScope.columns.first(where: { $0.index == index }) {
                scopeColumns.append(ScopeColumn(name: column.name, qualifier: column.qualifier, type: type, index: position))
            }
        }
        builder.scope = Scope(columns: scopeColumns, parent: inputScope.parent)
        return Grouping(keys: keys, aggregates: positions, inputScope: inputScope)
    }

    /// One aggregate call, its arguments bound over the aggregation's input.
    func bindAggregate(_ call: FunctionCall, _ context: ExpressionContext) throws -> BoundAggregate {
        let name = call.name.name.value.lowercased()
        let range = call.name.range
        if !call.orderBy.isEmpty { throw error("ORDER BY inside \(name)(...) is not supported", at: range) }
        if call.nullTreatment != nil { throw error("IGNORE/RESPECT NULLS applies to window functions, not \(name)", at: range) }
        let function: AggregateFunction
        if call.isStar {
            guard name == "count" else { throw error("only count accepts *", at: range) }
            function = .countStar
        } else {
            guard let found = AggregateFunction.named(name) else { throw error("\(name) is not an aggregate function", at: range) }
            function = found
        }
        for argument in call.arguments where containsAggregateOrWindow(argument) {
            throw error("aggregate function calls cannot be nested", at: argument.range)
        }
        let arguments = try call.arguments.map { try bindExpression($0, context) }
        let signature: FunctionSignature
        do {
            signature = try function.resolve(arguments.map(\.type))
        } catch {
            throw self.error(error.message, at: range)
        }
        let filter = try call.filter.map { try bindPredicate($0, ExpressionContext(builder: context.builder, clause: .aggregateArgument)) }
        return BoundAggregate(
            function, zip(arguments, signature.parameterTypes).map { coerce($0, to: $1) }, isDistinct: call.isDistinct,
            filter: filter, type: signature.returnType)
    }

    // MARK: Windows

    /// The window calls of the query, computed by a window node over the builder's plan.
    func bindWindows(_ calls: [FunctionCall], select: Select, grouping: Grouping?, builder: RelationBuilder) throws -> WindowBinding {
        let context = ExpressionContext(builder: builder, clause: .windowArgument, grouping: grouping)
        let inputWidth = builder.plan.schema.count
        var bound: [BoundWindowCall] = []
        var positions: [FunctionCall: Int] = [:]
        for call in calls where positions[call] == nil {
            let window = try bindWindowCall(call, select: select, context)
            if let existing = bound.firstIndex(of: window) {
                positions[call] = inputWidth + existing
            } else {
                positions[call] = inputWidth + bound.count
                bound.append(window)
            }
        }
        builder.plan = .window(builder.plan, calls: bound, names: bound.indices.map { "_window\($0)" })
        return WindowBinding(positions: positions)
    }

    func bindWindowCall(_ call: FunctionCall, select: Select, _ context: ExpressionContext) throws -> BoundWindowCall {
        let name = call.name.name.value.lowercased()
        let range = call.name.range
        if call.nullTreatment == .ignoreNulls { throw error("IGNORE NULLS is not supported yet", at: range) }
        if call.filter != nil { throw error("FILTER on a window function is not supported", at: range) }
        if !call.orderBy.isEmpty { throw error("ORDER BY inside \(name)(...) is not supported", at: range) }
        let function: WindowFunction
        if call.isStar {
            guard name == "count" else { throw error("only count accepts *", at: range) }
            function = .aggregate(.countStar)
        } else if let ranking = WindowFunction.named(name) {
            function = ranking
        } else if let aggregate = AggregateFunction.named(name) {
            function = .aggregate(aggregate)
        } else {
            throw error("\(name) is not a window function", at: range)
        }
        for argument in call.arguments where containsWindow(argument) {
            throw error("window function calls cannot be nested", at: argument.range)
        }
        let arguments = try call.arguments.map { try bindExpression($0, context) }
        let signature: FunctionSignature
        do {
            signature = try function.resolve(arguments.map(\.type))
        } catch {
            throw self.error(error.message, at: range)
        }
        let specification = try windowSpecification(call.window!, select: select, range: range)
        let partitionBy = try specification.partitionBy.map { try bindExpression($0, context) }
        let orderBy = try specification.orderBy.map { try sortKey($0, try bindExpression($0.expression, context)) }
        let frame = try windowFrame(specification.frame, hasOrder: !orderBy.isEmpty, orderType: orderBy.first?.expression.type, context)
        return BoundWindowCall(
            function, zip(arguments, signature.parameterTypes).map { coerce($0, to: $1) }, isDistinct: call.isDistinct,
            partitionBy: partitionBy, orderBy: orderBy, frame: frame, type: signature.returnType)
    }

    /// The specification after resolving `OVER w` and `OVER (w ...)` against the WINDOW clause.
    func windowSpecification(_ reference: WindowReference, select: Select, range: SourceRange) throws -> WindowSpecification {
        func named(_ name: Identifier) throws -> WindowSpecification {
            guard let definition = select.windows.first(where: { $0.name.value == name.value }) else {
                throw error("window \(name.value) is not defined in the WINDOW clause", at: name.range)
            }
            return definition.specification
        }
        switch reference {
        case .named(let name):
            return try named(name)
        case .specification(let specification):
            guard let base = specification.existingWindow else { return specification }
            var resolved = try named(base)
            if !specification.partitionBy.isEmpty {
                throw error("a window that refines \(base.value) cannot add PARTITION BY", at: specification.range)
            }
            if !specification.orderBy.isEmpty {
                guard resolved.orderBy.isEmpty else {
                    throw error("window \(base.value) already has an ORDER BY", at: specification.range)
                }
                resolved.orderBy = specification.orderBy
            }
            if let frame = specification.frame { resolved.frame = frame }
            return resolved
        }
    }

    func windowFrame(_ frame: StrataSQL.WindowFrame?, hasOrder: Bool, orderType: DataType?, _ context: ExpressionContext) throws -> StrataPlanner.WindowFrame {
        guard let frame else { return hasOrder ? .defaultWithOrder : .wholePartition }
        let mode: StrataPlanner.WindowFrame.Mode
        switch frame.unit {
        case .rows: mode = .rows
        case .range: mode = .range
        case .groups: throw error("GROUPS frames are not supported", at: frame.range)
        }
        func bound(_ bound: FrameBound) throws -> StrataPlanner.WindowFrame.Bound {
            func offset(_ expression: Expression) throws -> Value {
                let value = try bindExpression(expression, ExpressionContext(builder: context.builder, clause: .windowArgument))
                guard case .literal(let literal, _) = value, !literal.isNull else {
                    throw error("a frame offset must be a constant", at: expression.range)
                }
                if mode == .rows {
                    guard case .integer(let count) = literal, count >= 0 else {
                        throw error("a ROWS frame offset must be a non-negative integer", at: expression.range)
                    }
                    return .integer(count)
                }
                guard hasOrder else { throw error("a RANGE frame with an offset needs an ORDER BY", at: expression.range) }
                return literal
            }
            switch bound.kind {
            case .unboundedPreceding: return .unboundedPreceding
            case .preceding(let expression): return .preceding(try offset(expression))
            case .currentRow: return .currentRow
            case .following(let expression): return .following(try offset(expression))
            case .unboundedFollowing: return .unboundedFollowing
            }
        }
        let start = try bound(frame.start)
        let end = try frame.end.map(bound) ?? .currentRow
        if case .unboundedFollowing = start { throw error("a frame cannot start at UNBOUNDED FOLLOWING", at: frame.range) }
        if case .unboundedPreceding = end { throw error("a frame cannot end at UNBOUNDED PRECEDING", at: frame.range) }
        return StrataPlanner.WindowFrame(mode: mode, start: start, end: end)
    }

    // MARK: Walking the AST

    /// Aggregate calls in `expression`, outside subqueries and outside window calls' own aggregate use.
    func collectAggregateCalls(_ expression: Expression, into calls: inout [FunctionCall]) {
        if case .function(let call) = expression.kind, isAggregateCall(call) {
            calls.append(call)
            return
        }
        for child in astChildren(expression) { collectAggregateCalls(child, into: &calls) }
    }

    func collectWindowCalls(_ expression: Expression, into calls: inout [FunctionCall]) {
        if case .function(let call) = expression.kind, call.window != nil {
            calls.append(call)
            return
        }
        for child in astChildren(expression) { collectWindowCalls(child, into: &calls) }
    }

    func containsAggregateOrWindow(_ expression: Expression) -> Bool {
        if case .function(let call) = expression.kind, call.window != nil || isAggregateCall(call) { return true }
        return astChildren(expression).contains(where: containsAggregateOrWindow)
    }

    func containsWindow(_ expression: Expression) -> Bool {
        if case .function(let call) = expression.kind, call.window != nil { return true }
        return astChildren(expression).contains(where: containsWindow)
    }

    func containsSubquery(_ expression: Expression) -> Bool {
        switch expression.kind {
        case .subquery, .exists, .inSubquery, .quantifiedComparison: return true
        default: return astChildren(expression).contains(where: containsSubquery)
        }
    }

    /// The expressions directly inside `expression`, not looking into subqueries.
    func astChildren(_ expression: Expression) -> [Expression] {
        switch expression.kind {
        case .literal, .typedLiteral, .interval, .currentDateTime, .column, .subquery, .exists: return []
        case .unary(_, let operand), .isNull(let operand, _), .cast(let operand, _, _), .extract(_, let operand): return [operand]
        case .binary(_, let left, let right), .isDistinctFrom(let left, let right, _): return [left, right]
        case .array(let operands), .row(let operands): return operands
        case .between(let value, let low, let high, _): return [value, low, high]
        case .inList(let value, let list, _): return [value] + list
        case .inSubquery(let value, _, _), .quantifiedComparison(_, _, let value, _): return [value]
        case .like(let value, let pattern, let escape, _): return [value, pattern] + (escape.map { [$0] } ?? [])
        case .function(let call):
            var children = call.arguments + (call.filter.map { [$0] } ?? []) + call.orderBy.map(\.expression)
            if case .specification(let specification) = call.window {
                children += specification.partitionBy + specification.orderBy.map(\.expression)
            }
            return children
        case .caseWhen(let caseExpression):
            return (caseExpression.operand.map { [$0] } ?? []) + caseExpression.whenClauses.flatMap { [$0.condition, $0.result] }
                + (caseExpression.elseResult.map { [$0] } ?? [])
        case .atTimeZone(let value, let zone): return [value, zone]
        case .subscript(let value, let index): return [value, index]
        }
    }
}
