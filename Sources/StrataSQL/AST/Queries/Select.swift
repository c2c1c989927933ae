// `SELECT [DISTINCT] items [FROM relations] [WHERE e] [GROUP BY ...] [HAVING e] [WINDOW ...]`.

public struct Select: Hashable, Sendable {
    public var isDistinct: Bool
    public var items: [SelectItem]
    /// Comma-separated relations (an implicit cross join); empty without FROM.
    public var from: [Relation]
    public var `where`: Expression?
    public var groupBy: GroupBy?
    public var having: Expression?
    public var windows: [WindowDefinition]
    @IgnoredByEquality public var range: SourceRange

    public init(
        isDistinct: Bool = false, items: [SelectItem], from: [Relation] = [], where: Expression? = nil,
        groupBy: GroupBy? = nil, having: Expression? = nil, windows: [WindowDefinition] = [],
        range: SourceRange = SourceRange(at: 0)
    ) {
        self.isDistinct = isDistinct
        self.items = items
        self.from = from
        self.where = `where`
        self.groupBy = groupBy
        self.having = having
        self.windows = windows
        self.range = range
    }
}

public struct SelectItem: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `expression [[AS] alias]`.
        case expression(Expression, alias: Identifier?)
        /// `*` or `t.*`.
        case allColumns(qualifier: QualifiedName?)
    }

    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }
}
