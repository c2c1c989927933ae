// A column of CREATE EXTERNAL TABLE: `name type [COMMENT 'text']`.

/// `name type [COMMENT 'text']`.
public struct ColumnDefinition: Hashable, Sendable {
    public var name: Identifier
    public var type: TypeName
    public var comment: StringLiteral?
    @IgnoredByEquality public var range: SourceRange

    public init(name: Identifier, type: TypeName, comment: StringLiteral? = nil, range: SourceRange = SourceRange(at: 0)) {
        self.name = name
        self.type = type
        self.comment = comment
        self.range = range
    }
}
