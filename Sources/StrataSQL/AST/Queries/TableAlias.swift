// `AS name (column, ...)` after a FROM item.

/// `AS name (column, ...)`.
public struct TableAlias: Hashable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]
    @IgnoredByEquality public var range: SourceRange

    public init(name: Identifier, columns: [Identifier] = [], range: SourceRange = SourceRange(at: 0)) {
        self.name = name
        self.columns = columns
        self.range = range
    }
}
