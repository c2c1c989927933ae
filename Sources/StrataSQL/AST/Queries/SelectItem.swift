// One item of a select list: an expression with its alias, or `*` / `t.*`.

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
