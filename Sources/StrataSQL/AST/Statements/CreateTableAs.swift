// Athena/Trino CTAS: `CREATE TABLE [IF NOT EXISTS] name [(columns)] [COMMENT 'c'] [WITH (properties)] AS
// query [WITH [NO] DATA]`. The properties (format, partitioned_by, write_compression, external_location, ...)
// are kept as written for the binder to check.

public struct CreateTableAs: Hashable, Sendable {
    public var name: QualifiedName
    public var ifNotExists: Bool
    /// Column names replacing the query's.
    public var columns: [Identifier]
    public var comment: StringLiteral?
    public var properties: [Property]
    public var query: Query
    /// `WITH DATA` (true), `WITH NO DATA` (false), or unwritten (nil, meaning with data).
    public var withData: Bool?

    public init(
        name: QualifiedName, ifNotExists: Bool = false, columns: [Identifier] = [], comment: StringLiteral? = nil,
        properties: [Property] = [], query: Query, withData: Bool? = nil
    ) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.columns = columns
        self.comment = comment
        self.properties = properties
        self.query = query
        self.withData = withData
    }
}
