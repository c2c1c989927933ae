// The row limit of a query: `LIMIT n`, `LIMIT ALL`, or `FETCH FIRST|NEXT [n] ROW|ROWS ONLY|WITH TIES`.

public struct Limit: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `LIMIT n`: an integer literal.
        case count(Expression)
        /// `LIMIT ALL`: no limit.
        case all
        /// `FETCH FIRST [n] ROWS ONLY|WITH TIES`; a missing count means 1.
        case fetchFirst(Expression?, withTies: Bool)
    }

    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }
}
