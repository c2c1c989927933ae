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
