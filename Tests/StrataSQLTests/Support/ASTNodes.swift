// Collects the nodes of a statement that carry ranges, so tests can check every range in the corpus.
@testable import StrataSQL

struct ASTNodes {
    var expressions: [Expression] = []
    var queries: [Query] = []
    var relations: [Relation] = []
    var types: [TypeName] = []
    var identifiers: [Identifier] = []

    init(_ statement: Statement) { add(statement) }

    mutating func add(_ statement: Statement) {
        switch statement.kind {
        case .query(let query): add(query)
        case .createExternalTable(let table):
            add(table.name)
            for column in table.columns + table.partitionedBy {
                identifiers.append(column.name)
                add(column.type)
            }
        case .createTableAs(let table):
            add(table.name)
            identifiers += table.columns
            for property in table.properties { identifiers.append(property.name); add(property.value) }
            add(table.query)
        case .createView(let view): add(view.name); add(view.query)
        case .insert(let insert):
            add(insert.table)
            for value in insert.partition { identifiers.append(value.column); if let v = value.value { add(v) } }
            identifiers += insert.columns
            add(insert.query)
        case .drop(let drop): add(drop.name)
        case .repairTable(let name), .use(let name): add(name)
        case .alterTablePartitions(let alter):
            add(alter.table)
            switch alter.action {
            case .add(_, let partitions): for partition in partitions { for v in partition.spec.values { if let e = v.value { add(e) } } }
            case .drop(_, let specs): for spec in specs { for v in spec.values { if let e = v.value { add(e) } } }
            }
        case .show, .describe: break
        case .explain(let explain): add(explain.statement)
        case .set(let set): add(set.name); add(set.value)
        case .copy(let copy):
            if case .query(let query) = copy.source { add(query) }
            for option in copy.options { add(option.value) }
        }
    }

    mutating func add(_ name: QualifiedName) { identifiers += name.parts }

    mutating func add(_ query: Query) {
        queries.append(query)
        for definition in query.with?.queries ?? [] {
            identifiers.append(definition.name)
            add(definition.query)
        }
        add(query.body)
        for item in query.orderBy { add(item.expression) }
        if let offset = query.offset { add(offset) }
        switch query.limit?.kind {
        case .count(let count): add(count)
        case .fetchFirst(let count?, _): add(count)
        default: break
        }
    }

    mutating func add(_ body: QueryBody) {
        switch body.kind {
        case .select(let select):
            for item in select.items {
                switch item.kind {
                case .expression(let expression, let alias):
                    add(expression)
                    if let alias { identifiers.append(alias) }
                case .allColumns(let qualifier): if let qualifier { add(qualifier) }
                }
            }
            for relation in select.from { add(relation) }
            if let condition = select.where { add(condition) }
            for element in select.groupBy?.elements ?? [] {
                switch element.kind {
                case .expression(let expression): add(expression)
                case .rollup(let sets), .cube(let sets), .groupingSets(let sets): for set in sets { for e in set { add(e) } }
                }
            }
            if let having = select.having { add(having) }
            for window in select.windows { add(window.specification) }
        case .values(let rows): for row in rows { for e in row { add(e) } }
        case .table(let name): add(name)
        case .setOperation(let operation): for operand in operation.operands { add(operand) }
        case .nested(let query): add(query)
        }
    }

    mutating func add(_ relation: Relation) {
        relations.append(relation)
        switch relation.kind {
        case .table(let name, let alias): add(name); if let alias { identifiers.append(alias.name) }
        case .subquery(let query, _): add(query)
        case .tableFunction(let call, _): add(call.name); for argument in call.arguments { add(argument.value) }
        case .join(let join):
            add(join.left)
            add(join.right)
            switch join.condition {
            case .on(let condition): add(condition)
            case .using(let columns): identifiers += columns
            case nil: break
            }
        }
    }

    mutating func add(_ specification: WindowSpecification) {
        for e in specification.partitionBy { add(e) }
        for item in specification.orderBy { add(item.expression) }
        for bound in [specification.frame?.start, specification.frame?.end].compactMap({ $0 }) {
            switch bound.kind {
            case .preceding(let e), .following(let e): add(e)
            default: break
            }
        }
    }

    mutating func add(_ type: TypeName) { types.append(type) }

    mutating func add(_ expression: Expression) {
        expressions.append(expression)
        switch expression.kind {
        case .literal, .interval, .currentDateTime: break
        case .typedLiteral(let type, _): add(type)
        case .column(let name): add(name)
        case .unary(_, let e), .isNull(let e, _), .extract(_, let e): add(e)
        case .binary(_, let a, let b), .isDistinctFrom(let a, let b, _), .atTimeZone(let a, let b), .subscript(let a, let b):
            add(a)
            add(b)
        case .logical(_, let items), .array(let items), .row(let items): for e in items { add(e) }
        case .between(let e, let low, let high, _): add(e); add(low); add(high)
        case .inList(let e, let items, _): add(e); for item in items { add(item) }
        case .inSubquery(let e, let query, _), .quantifiedComparison(_, _, let e, let query): add(e); add(query)
        case .like(let e, let pattern, let escape, _): add(e); add(pattern); if let escape { add(escape) }
        case .exists(let query), .subquery(let query): add(query)
        case .function(let call):
            for argument in call.arguments { add(argument) }
            for item in call.orderBy { add(item.expression) }
            if let filter = call.filter { add(filter) }
            if case .specification(let specification) = call.window { add(specification) }
        case .cast(let e, let type, _): add(e); add(type)
        case .caseWhen(let caseExpression):
            if let operand = caseExpression.operand { add(operand) }
            for clause in caseExpression.whenClauses { add(clause.condition); add(clause.result) }
            if let elseResult = caseExpression.elseResult { add(elseResult) }
        }
    }
}
