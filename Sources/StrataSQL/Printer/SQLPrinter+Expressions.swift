// Expressions: each form has a precedence level (the parser's, see Parser+Expressions); an operand whose
// level is below what its position requires gets parentheses.

extension SQLPrinter {
    enum Level {
        static let or = 1
        static let and = 2
        static let not = 3
        static let predicate = 4
        static let concat = 5
        static let additive = 6
        static let multiplicative = 7
        static let unary = 8
        static let atTimeZone = 9
        static let primary = 10
        /// What operands of predicates and the parser's "value expression" positions require.
        static let value = concat
    }

    static func level(_ expression: Expression) -> Int {
        switch expression.kind {
        case .binary(let op, _, _):
            switch op {
            case .concat: return Level.concat
            case .add, .subtract: return Level.additive
            case .multiply, .divide, .modulo: return Level.multiplicative
            case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: return Level.predicate
            }
        case .logical(let op, _):
            return op == .or ? Level.or : Level.and
        case .unary(let op, _):
            return op == .not ? Level.not : Level.unary
        case .isNull, .isDistinctFrom, .between, .inList, .inSubquery, .like, .quantifiedComparison:
            return Level.predicate
        case .atTimeZone:
            return Level.atTimeZone
        default:
            return Level.primary
        }
    }

    /// `expression` at `indent`, parenthesized if its level is below `minimum`.
    func expressionText(_ expression: Expression, _ indent: Int, minimum: Int = 0) -> String {
        let text = bareExpressionText(expression, indent)
        return SQLPrinter.level(expression) < minimum ? "(" + text + ")" : text
    }

    private func bareExpressionText(_ expression: Expression, _ indent: Int) -> String {
        let value = Level.value
        switch expression.kind {
        case .literal(let literal):
            return literalText(literal)
        case .typedLiteral(let type, let text):
            return expressionTypeText(type) + " " + SQLQuoting.string(text)
        case .interval(let interval):
            var text = "INTERVAL " + (interval.sign?.rawValue ?? "") + SQLQuoting.string(interval.value) + " " + interval.from.rawValue
            if let to = interval.to { text += " TO " + to.rawValue }
            return text
        case .currentDateTime(let kind, let precision):
            return kind.rawValue + (precision.map { "(\($0))" } ?? "")
        case .column(let name):
            return nameText(name)
        case .unary(let op, let operand):
            switch op {
            case .not:
                return "NOT " + expressionText(operand, indent, minimum: Level.not)
            case .minus, .plus:
                let text = expressionText(operand, indent, minimum: Level.unary)
                // `--` would start a comment.
                return op.rawValue + (text.hasPrefix("-") || text.hasPrefix("+") ? " " : "") + text
            }
        case .binary(let op, let left, let right):
            let level = SQLPrinter.level(expression)
            if op.isComparison {
                return expressionText(left, indent, minimum: value) + " " + op.text + " " + expressionText(right, indent, minimum: value)
            }
            return expressionText(left, indent, minimum: level) + " " + op.text + " "
                + expressionText(right, indent, minimum: level + 1)
        case .logical(let op, let operands):
            // An operand of the same operator keeps its parentheses, so it stays a node of its own.
            let minimum = (op == .or ? Level.or : Level.and) + 1
            return operands.map { expressionText($0, indent, minimum: minimum) }.joined(separator: " " + op.rawValue + " ")
        case .isNull(let operand, let negated):
            return expressionText(operand, indent, minimum: value) + (negated ? " IS NOT NULL" : " IS NULL")
        case .isDistinctFrom(let left, let right, let negated):
            return expressionText(left, indent, minimum: value) + (negated ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
                + expressionText(right, indent, minimum: value)
        case .between(let operand, let low, let high, let negated):
            return expressionText(operand, indent, minimum: value) + (negated ? " NOT BETWEEN " : " BETWEEN ")
                + expressionText(low, indent, minimum: value) + " AND " + expressionText(high, indent, minimum: value)
        case .inList(let operand, let items, let negated):
            return expressionText(operand, indent, minimum: value) + (negated ? " NOT IN (" : " IN (")
                + items.map { expressionText($0, indent) }.joined(separator: ", ") + ")"
        case .inSubquery(let operand, let query, let negated):
            return expressionText(operand, indent, minimum: value) + (negated ? " NOT IN " : " IN ") + parenthesized(query, indent)
        case .like(let operand, let pattern, let escape, let negated):
            var text = expressionText(operand, indent, minimum: value) + (negated ? " NOT LIKE " : " LIKE ")
                + expressionText(pattern, indent, minimum: value)
            if let escape { text += " ESCAPE " + expressionText(escape, indent, minimum: value) }
            return text
        case .quantifiedComparison(let op, let quantifier, let operand, let query):
            return expressionText(operand, indent, minimum: value) + " " + op.text + " " + quantifier.rawValue + " "
                + parenthesized(query, indent)
        case .exists(let query):
            return "EXISTS " + parenthesized(query, indent)
        case .subquery(let query):
            return parenthesized(query, indent)
        case .function(let call):
            return functionText(call, indent)
        case .cast(let operand, let type, let isTry):
            return (isTry ? "TRY_CAST(" : "CAST(") + expressionText(operand, indent) + " AS " + expressionTypeText(type) + ")"
        case .caseWhen(let caseExpression):
            var text = "CASE"
            if let operand = caseExpression.operand { text += " " + expressionText(operand, indent) }
            for clause in caseExpression.whenClauses {
                text += " WHEN " + expressionText(clause.condition, indent) + " THEN " + expressionText(clause.result, indent)
            }
            if let elseResult = caseExpression.elseResult { text += " ELSE " + expressionText(elseResult, indent) }
            return text + " END"
        case .extract(let field, let operand):
            return "EXTRACT(" + field.rawValue + " FROM " + expressionText(operand, indent) + ")"
        case .atTimeZone(let operand, let zone):
            return expressionText(operand, indent, minimum: Level.atTimeZone) + " AT TIME ZONE "
                + expressionText(zone, indent, minimum: Level.primary)
        case .array(let items):
            return "ARRAY[" + items.map { expressionText($0, indent) }.joined(separator: ", ") + "]"
        case .subscript(let base, let index):
            return expressionText(base, indent, minimum: Level.primary) + "[" + expressionText(index, indent, minimum: value) + "]"
        case .row(let items):
            return "(" + items.map { expressionText($0, indent) }.joined(separator: ", ") + ")"
        }
    }

    func literalText(_ literal: Literal) -> String {
        switch literal {
        case .null: return "NULL"
        case .boolean(let value): return value ? "TRUE" : "FALSE"
        case .integer(let text), .decimal(let text), .double(let text): return text
        case .string(let value): return SQLQuoting.string(value)
        case .binary(let digits): return "X'" + digits + "'"
        }
    }

    func functionText(_ call: FunctionCall, _ indent: Int) -> String {
        if dialect == .spark { return sparkFunctionText(call, indent) }
        return plainFunctionText(call, indent)
    }

    /// A call as written: name, arguments, and its ORDER BY, FILTER, null treatment and window.
    func plainFunctionText(_ call: FunctionCall, _ indent: Int) -> String {
        var text = nameText(call.name, allowReserved: true) + "("
        if call.isStar {
            text += "*"
        } else {
            if call.isDistinct { text += "DISTINCT " }
            text += call.arguments.map { expressionText($0, indent) }.joined(separator: ", ")
            if !call.orderBy.isEmpty { text += " ORDER BY " + orderItemsText(call.orderBy, indent) }
        }
        text += ")"
        if let filter = call.filter { text += " FILTER (WHERE " + expressionText(filter, indent) + ")" }
        if let nullTreatment = call.nullTreatment { text += " " + nullTreatment.rawValue }
        if let window = call.window {
            switch window {
            case .named(let name): text += " OVER " + identifierText(name)
            case .specification(let specification): text += " OVER " + windowText(specification, indent)
            }
        }
        return text
    }

    func windowText(_ specification: WindowSpecification, _ indent: Int) -> String {
        var parts: [String] = []
        if let existing = specification.existingWindow { parts.append(identifierText(existing)) }
        if !specification.partitionBy.isEmpty {
            parts.append("PARTITION BY " + specification.partitionBy.map { expressionText($0, indent) }.joined(separator: ", "))
        }
        if !specification.orderBy.isEmpty { parts.append("ORDER BY " + orderItemsText(specification.orderBy, indent)) }
        if let frame = specification.frame {
            var text = frame.unit.rawValue + " "
            if let end = frame.end {
                text += "BETWEEN " + frameBoundText(frame.start, indent) + " AND " + frameBoundText(end, indent)
            } else {
                text += frameBoundText(frame.start, indent)
            }
            parts.append(text)
        }
        return "(" + parts.joined(separator: " ") + ")"
    }

    private func frameBoundText(_ bound: FrameBound, _ indent: Int) -> String {
        switch bound.kind {
        case .unboundedPreceding: return "UNBOUNDED PRECEDING"
        case .preceding(let offset): return expressionText(offset, indent, minimum: Level.value) + " PRECEDING"
        case .currentRow: return "CURRENT ROW"
        case .following(let offset): return expressionText(offset, indent, minimum: Level.value) + " FOLLOWING"
        case .unboundedFollowing: return "UNBOUNDED FOLLOWING"
        }
    }

    func orderItemsText(_ items: [OrderItem], _ indent: Int) -> String {
        items.map { item in
            var text = expressionText(item.expression, indent)
            if let direction = item.direction { text += " " + direction.rawValue }
            if let nulls = item.nulls {
                text += " " + nulls.rawValue
            } else if dialect == .spark {
                // Trino (and Strata) put NULLs last either way; Spark first when ascending.
                text += " " + OrderItem.NullOrdering.last.rawValue
            }
            return text
        }.joined(separator: ", ")
    }
}
