// `CREATE [OR REPLACE] VIEW name [COMMENT 'c'] AS query`. The query's range lets the catalog keep the
// view's text exactly as written.

public struct CreateView: Hashable, Sendable {
    public var name: QualifiedName
    public var orReplace: Bool
    public var comment: StringLiteral?
    public var query: Query

    public init(name: QualifiedName, orReplace: Bool = false, comment: StringLiteral? = nil, query: Query) {
        self.name = name
        self.orReplace = orReplace
        self.comment = comment
        self.query = query
    }
}
