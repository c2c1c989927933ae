// The tables a query reads, found in its syntax (not by binding it, since the tables of models not yet
// built do not exist): FROM items, `TABLE t`, and every subquery inside expressions, minus the names a
// WITH clause defines for itself. Materialization orders models by these names.
import StrataSQL

enum TableReferences {
    /// Every table name the query reads, as written (dotted, identifiers' values), without duplicates.
    static func of(_ query: Query) -> [String] {
        var walker = Walker()
        walker.query(query, ctes: [])
        return walker.names
    }

    private struct Walker {
        var names: [String] = []
        private var seen = Set<String>()

        mutating func add(_ name: QualifiedName, ctes: Set<String>) {
            let dotted = name.dottedName
            if name.parts.count == 1 && ctes.contains(name.name.value.lowercased()) { return }
            if seen.insert(dotted.lowercased()).inserted { names.append(dotted) }
        }

        mutating func query(_ query: Query, ctes outer: Set<String>) {
            var ctes = outer
            for cte in query.with?.queries ?? [] {
                self.query(cte.query, ctes: ctes)
                ctes.insert(cte.name.value.lowercased())
            }
            body(query.body, ctes: ctes)
            for item in query.orderBy { expression(item.expression, ctes: ctes) }
        }

        mutating func body(_ body: QueryBody, ctes: Set<String>) {
            switch body.kind {
            case .select(let select):
                for relation in select.from { self.relation(relation, ctes: ctes) }
                for item in select.items {
                    if case .expression(let expression, _) = item.kind { self.expression(expression, ctes: ctes) }
                }
                if let condition = select.where { expression(condition, ctes: ctes) }
                for element in select.groupBy?.elements ?? [] {
                    switch element.kind {
                    case .expression(let expression): self.expression(expression, ctes: ctes)
                    case .rollup(let sets), .cube(let sets), .groupingSets(let sets):
                        for set in sets { for expression in set { self.expression(expression, ctes: ctes) } }
                    }
                }
                if let having = select.having { expression(having, ctes: ctes) }
            case .values(let rows):
                for row in rows { for value in row { expression(value, ctes: ctes) } }
            case .table(let name):
                add(name, ctes: ctes)
            case .setOperation(let operation):
                for operand in operation.operands { self.body(operand, ctes: ctes) }
            case .nested(let inner):
                query(inner, ctes: ctes)
            }
        }

        mutating func relation(_ relation: Relation, ctes: Set<String>) {
            switch relation.kind {
            case .table(let name, _): add(name, ctes: ctes)
            case .subquery(let inner, _): query(inner, ctes: ctes)
            case .tableFunction(let call, _): for argument in call.arguments { expression(argument.value, ctes: ctes) }
            case .join(let join):
                self.relation(join.left, ctes: ctes)
                self.relation(join.right, ctes: ctes)
                if case .on(let condition)? = join.condition { expression(condition, ctes: ctes) }
            }
        }

        mutating func expression(_ expression: Expression, ctes: Set<String>) {
            switch expression.kind {
            case .literal, .typedLiteral, .interval, .currentDateTime, .column:
                return
            case .unary(_, let operand), .isNull(let operand, _), .extract(_, let operand):
                self.expression(operand, ctes: ctes)
            case .binary(_, let left, let right), .isDistinctFrom(let left, let right, _), .atTimeZone(let left, let right),
                .subscript(let left, let right):
                self.expression(left, ctes: ctes)
                self.expression(right, ctes: ctes)
            case .logical(_, let operands), .array(let operands), .row(let operands):
                for operand in operands { self.expression(operand, ctes: ctes) }
            case .between(let value, let low, let high, _):
                for operand in [value, low, high] { self.expression(operand, ctes: ctes) }
            case .inList(let value, let list, _):
                self.expression(value, ctes: ctes)
                for item in list { self.expression(item, ctes: ctes) }
            case .inSubquery(let value, let inner, _), .quantifiedComparison(_, _, let value, let inner):
                self.expression(value, ctes: ctes)
                query(inner, ctes: ctes)
            case .like(let value, let pattern, let escape, _):
                self.expression(value, ctes: ctes)
                self.expression(pattern, ctes: ctes)
                if let escape { self.expression(escape, ctes: ctes) }
            case .exists(let inner), .subquery(let inner):
                query(inner, ctes: ctes)
            case .function(let call):
                for argument in call.arguments { self.expression(argument, ctes: ctes) }
                for item in call.orderBy { self.expression(item.expression, ctes: ctes) }
                if let filter = call.filter { self.expression(filter, ctes: ctes) }
                if case .specification(let window)? = call.window {
                    for item in window.partitionBy { self.expression(item, ctes: ctes) }
                    for item in window.orderBy { self.expression(item.expression, ctes: ctes) }
                }
            case .cast(let operand, _, _):
                self.expression(operand, ctes: ctes)
            case .caseWhen(let caseExpression):
                if let operand = caseExpression.operand { self.expression(operand, ctes: ctes) }
                for clause in caseExpression.whenClauses {
                    self.expression(clause.condition, ctes: ctes)
                    self.expression(clause.result, ctes: ctes)
                }
                if let otherwise = caseExpression.elseResult { self.expression(otherwise, ctes: ctes) }
            }
        }
    }
}
