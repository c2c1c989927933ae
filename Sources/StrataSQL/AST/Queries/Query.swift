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
        /// `left UNION|INTERSECT|EXCEPT [ALL|DISTINCT] right`.
        case setOperation(SetOperation)
        /// `( query )`, which may carry its own WITH, ORDER BY and LIMIT.
        case nested(Query)
    }
}

public struct SetOperation: Hashable, Sendable {
    public enum Operator: String, Hashable, Sendable {
        case union = "UNION"
        case intersect = "INTERSECT"
        case except = "EXCEPT"
    }

    public var `operator`: Operator
    /// `ALL` keeps duplicates; the default (or `DISTINCT`) removes them.
    public var isAll: Bool
    public var left: QueryBody
    public var right: QueryBody

    public init(operator: Operator, isAll: Bool, left: QueryBody, right: QueryBody) {
        self.operator = `operator`
        self.isAll = isAll
        self.left = left
        self.right = right
    }
}
