// AND and OR, which take two or more operands (`Expression.Kind.logical`), as in Trino's AST: a chain
// `a AND b AND c` is one node with three operands, so long chains stay shallow and the binder reads the
// conjuncts of a WHERE clause directly.

public enum LogicalOperator: String, Hashable, Sendable {
    case and = "AND"
    case or = "OR"
}
