// UNION, INTERSECT and EXCEPT over two or more queries.

/// `a UNION b UNION c`, `a INTERSECT ALL b`, `a EXCEPT b EXCEPT c`: one operator with one quantifier over two
/// or more operands, applied from left to right (for EXCEPT: `(a EXCEPT b) EXCEPT c`). A chain is flattened
/// as long as operator and quantifier stay the same, so a long `UNION ALL` of many queries stays shallow;
/// a change starts a new node with the chain so far as its first operand.
public struct SetOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable {
        case union = "UNION"
        case intersect = "INTERSECT"
        case except = "EXCEPT"
    }

    public var `operator`: Operator
    /// `ALL` keeps duplicates; the default (or `DISTINCT`) removes them.
    public var isAll: Bool
    /// At least two.
    public var operands: [QueryBody]

    public init(operator: Operator, isAll: Bool, operands: [QueryBody]) {
        self.operator = `operator`
        self.isAll = isAll
        self.operands = operands
    }
}

extension SetOperation {
    /// The chain seen as a binary operation, for code that combines two inputs at a time: every operand but
    /// the last (the first operand alone, or the shorter chain of the same operator). `left` and `right`
    /// together mean the same as `operands`; walking a long chain through them recurses once per operand, so
    /// prefer `operands` where the chain may be long.
    public var left: QueryBody {
        guard operands.count > 2 else { return operands[0] }
        let rest = Array(operands.dropLast())
        return QueryBody(
            .setOperation(SetOperation(operator: self.operator, isAll: isAll, operands: rest)),
            range: rest[0].range.union(rest[rest.count - 1].range))
    }

    /// The last operand.
    public var right: QueryBody { operands[operands.count - 1] }
}
