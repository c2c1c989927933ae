// One query of a WITH clause: `name [(columns)] AS (query)`.

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
