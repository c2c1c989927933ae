// One end of a window frame.

public struct FrameBound: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing
    }

    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }
}
