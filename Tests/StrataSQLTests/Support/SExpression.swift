// A compact, fully parenthesized rendering of ASTs for tests: `1 + 2 * 3` is `(+ 1 (* 2 3))`, so a test
// states the tree it expects in one line.
@testable import StrataSQL

enum SExpression {
    static func of(_ expression: Expression) -> String {
        switch expression.kind {
        case .literal(let literal):
            switch literal {
            case .null: return "NULL"
            case .boolean(let value): return value ? "TRUE" : "FALSE"
            case .integer(let text): return text
            case .decimal(let text): return "dec:" + text
            case .double(let text): return "dbl:" + text
            case .string(let value): return "'" + value + "'"
            case .binary(let digits): return "X'" + digits + "'"
            }
        case .typedLiteral(let type, let value): return "(\(of(type)) '\(value)')"
        case .interval(let interval):
            return "(interval \(interval.sign?.rawValue ?? "")'\(interval.value)' \(interval.from.rawValue)"
                + (interval.to.map { " \($0.rawValue)" } ?? "") + ")"
        case .currentDateTime(let kind, let precision): return kind.rawValue + (precision.map { "(\($0))" } ?? "")
        case .column(let name): return name.parts.map { $0.isQuoted ? "\"\($0.value)\"" : $0.value }.joined(separator: ".")
        case .unary(let op, let operand): return "(\(op.rawValue) \(of(operand)))"
        case .binary(let op, let left, let right): return "(\(op.text) \(of(left)) \(of(right)))"
        case .logical(let op, let operands): return "(\(op.rawValue) " + operands.map(of).joined(separator: " ") + ")"
        case .isNull(let operand, let negated): return "(\(negated ? "not-null" : "null") \(of(operand)))"
        case .isDistinctFrom(let left, let right, let negated):
            return "(\(negated ? "not-distinct" : "distinct") \(of(left)) \(of(right)))"
        case .between(let operand, let low, let high, let negated):
            return "(\(negated ? "not-between" : "between") \(of(operand)) \(of(low)) \(of(high)))"
        case .inList(let operand, let items, let negated):
            return "(\(negated ? "not-in" : "in") \(of(operand)) " + items.map(of).joined(separator: " ") + ")"
        case .inSubquery(let operand, let query, let negated):
            return "(\(negated ? "not-in" : "in") \(of(operand)) \(of(query)))"
        case .like(let operand, let pattern, let escape, let negated):
            return "(\(negated ? "not-like" : "like") \(of(operand)) \(of(pattern))" + (escape.map { " " + of($0) } ?? "") + ")"
        case .quantifiedComparison(let op, let quantifier, let operand, let query):
            return "(\(op.text) \(quantifier.rawValue) \(of(operand)) \(of(query)))"
        case .exists(let query): return "(exists \(of(query)))"
        case .subquery(let query): return of(query)
        case .function(let call):
            var text = "(call " + call.name.parts.map(\.value).joined(separator: ".")
            if call.isDistinct { text += " distinct" }
            if call.isStar { text += " *" }
            for argument in call.arguments { text += " " + of(argument) }
            if !call.orderBy.isEmpty { text += " order:" + call.orderBy.map { of($0.expression) }.joined(separator: ",") }
            if let filter = call.filter { text += " filter:" + of(filter) }
            if let nulls = call.nullTreatment { text += " " + dashed(nulls.rawValue.lowercased()) }
            if let window = call.window {
                switch window {
                case .named(let name): text += " over:" + name.value
                case .specification(let specification): text += " over:" + of(specification)
                }
            }
            return text + ")"
        case .cast(let operand, let type, let isTry): return "(\(isTry ? "try_cast" : "cast") \(of(operand)) \(of(type)))"
        case .caseWhen(let caseExpression):
            var text = "(case"
            if let operand = caseExpression.operand { text += " " + of(operand) }
            for clause in caseExpression.whenClauses { text += " (when \(of(clause.condition)) \(of(clause.result)))" }
            if let elseResult = caseExpression.elseResult { text += " (else \(of(elseResult)))" }
            return text + ")"
        case .extract(let field, let operand): return "(extract \(field.rawValue) \(of(operand)))"
        case .atTimeZone(let operand, let zone): return "(at-time-zone \(of(operand)) \(of(zone)))"
        case .array(let items): return "(array" + items.map { " " + of($0) }.joined() + ")"
        case .subscript(let base, let index): return "(subscript \(of(base)) \(of(index)))"
        case .row(let items): return "(row " + items.map(of).joined(separator: " ") + ")"
        }
    }

    static func dashed(_ text: String) -> String { String(text.map { $0 == " " ? "-" : $0 }) }

    static func of(_ type: TypeName) -> String { SQLPrinter(layout: .singleLine).print(type) }

    static func of(_ specification: WindowSpecification) -> String {
        var parts: [String] = []
        if let existing = specification.existingWindow { parts.append(existing.value) }
        if !specification.partitionBy.isEmpty { parts.append("partition:" + specification.partitionBy.map(of).joined(separator: ",")) }
        if !specification.orderBy.isEmpty { parts.append("order:" + specification.orderBy.map { of($0.expression) }.joined(separator: ",")) }
        if let frame = specification.frame {
            parts.append(frame.unit.rawValue.lowercased() + ":" + of(frame.start) + (frame.end.map { ".." + of($0) } ?? ""))
        }
        return "(" + parts.joined(separator: " ") + ")"
    }

    static func of(_ bound: FrameBound) -> String {
        switch bound.kind {
        case .unboundedPreceding: return "unbounded-preceding"
        case .preceding(let offset): return of(offset) + "-preceding"
        case .currentRow: return "current-row"
        case .following(let offset): return of(offset) + "-following"
        case .unboundedFollowing: return "unbounded-following"
        }
    }

    static func of(_ query: Query) -> String {
        var text = of(query.body)
        if query.with != nil { text = "(with " + text + ")" }
        return text
    }

    static func of(_ body: QueryBody) -> String {
        switch body.kind {
        case .select(let select):
            return "(select " + select.items.map { item -> String in
                switch item.kind {
                case .allColumns(let qualifier): return (qualifier.map { $0.dottedName + "." } ?? "") + "*"
                case .expression(let expression, let alias): return of(expression) + (alias.map { " as " + $0.value } ?? "")
                }
            }.joined(separator: ", ") + (select.from.isEmpty ? "" : " from " + select.from.map(of).joined(separator: ", ")) + ")"
        case .values(let rows): return "(values " + rows.map { "(" + $0.map(of).joined(separator: " ") + ")" }.joined(separator: " ") + ")"
        case .table(let name): return "(table \(name.dottedName))"
        case .setOperation(let operation):
            return "(\(operation.operator.rawValue.lowercased())\(operation.isAll ? "-all" : "") "
                + operation.operands.map(of).joined(separator: " ") + ")"
        case .nested(let query): return "(nested \(of(query)))"
        }
    }

    static func of(_ relation: Relation) -> String {
        func alias(_ alias: TableAlias?) -> String {
            guard let alias else { return "" }
            return " as " + alias.name.value + (alias.columns.isEmpty ? "" : "(" + alias.columns.map(\.value).joined(separator: ",") + ")")
        }
        switch relation.kind {
        case .table(let name, let tableAlias): return name.dottedName + alias(tableAlias)
        case .subquery(let query, let tableAlias): return "(derived \(of(query))\(alias(tableAlias)))"
        case .tableFunction(let call, let tableAlias):
            return "(\(call.name.dottedName) " + call.arguments.map { ($0.name.map { $0.value + "=" } ?? "") + of($0.value) }
                .joined(separator: " ") + ")" + alias(tableAlias)
        case .join(let join):
            var text = "(" + dashed(join.kind.rawValue.lowercased()) + " " + of(join.left) + " " + of(join.right)
            switch join.condition {
            case .on(let condition): text += " on:" + of(condition)
            case .using(let columns): text += " using:" + columns.map(\.value).joined(separator: ",")
            case nil: break
            }
            return text + ")"
        }
    }
}

/// Parses one expression and renders it; a parse error becomes the rendered error text.
func sexpr(_ sql: String) -> String {
    do throws(SQLError) {
        return SExpression.of(try SQLParser.parseExpression(sql))
    } catch {
        return "error: " + error.description
    }
}

/// Parses one query and renders its body.
func squery(_ sql: String) -> String {
    do throws(SQLError) {
        return SExpression.of(try SQLParser.parseQuery(sql))
    } catch {
        return "error: " + error.description
    }
}
