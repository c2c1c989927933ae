// `WITH name [(columns)] AS (query), ...`: common table expressions. (`WITH RECURSIVE` is rejected by the
// parser, so there is no flag for it.)

public struct With: Hashable, Sendable {
    public var queries: [CommonTableExpression]
    @IgnoredByEquality public var range: SourceRange

    public init(_ queries: [CommonTableExpression], range: SourceRange = SourceRange(at: 0)) {
        self.queries = queries
        self.range = range
    }
}

public struct CommonTableExpression: Hashable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]
    public var query: Query
    @IgnoredByEquality public var range: SourceRange

    public init(name: Identifier, columns: [Identifier] = [], query: Query, range: SourceRange = SourceRange(at: 0)) {
        self.name = name
        self.columns = columns
        self.query = query
        self.range = range
    }
}
