// A query: `[WITH ...] body [ORDER BY ...] [OFFSET n] [LIMIT n | FETCH FIRST n ROWS ONLY]`. The body is a
// tree of set operations over SELECTs, VALUES, `TABLE t` and parenthesized queries.

public struct Query: Hashable, Sendable {
    public var with: With?
    public var body: QueryBody
    public var orderBy: [OrderItem]
    /// `OFFSET n [ROW|ROWS]`: an integer literal.
    public var offset: Expression?
    public var limit: Limit?
    @IgnoredByEquality public var range: SourceRange

    public init(
        with: With? = nil, body: QueryBody, orderBy: [OrderItem] = [], offset: Expression? = nil,
        limit: Limit? = nil, range: SourceRange = SourceRange(at: 0)
    ) {
        self.with = with
        self.body = body
        self.orderBy = orderBy
        self.offset = offset
        self.limit = limit
        self.range = range
    }
}

public struct QueryBody: Hashable, Sendable {
    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        case select(Select)
        /// `VALUES (1, 'a'), (2, 'b')`: rows of expressions (a single-value row may be written without
        /// parentheses, `VALUES 1, 2`).
        case values([[Expression]])
        /// `TABLE name`: all rows of a table.
        case table(QualifiedName)
        /// `a UNION|INTERSECT|EXCEPT [ALL|DISTINCT] b ...`.
        case setOperation(SetOperation)
        /// `( query )`, which may carry its own WITH, ORDER BY and LIMIT.
        case nested(Query)
    }
}

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
