// The body of a query: a SELECT, VALUES, TABLE t, a set operation, or a parenthesized query.

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
