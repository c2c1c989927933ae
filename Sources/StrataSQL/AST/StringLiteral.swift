// A string written in a statement's fixed syntax (LOCATION, COMMENT, SERDE, SHOW ... LIKE), as opposed to a
// string expression: the value with its quotes removed and `''` undone, plus where it was written.

public struct StringLiteral: Hashable, Sendable {
    public var value: String
    @IgnoredByEquality public var range: SourceRange

    public init(_ value: String, range: SourceRange = SourceRange(at: 0)) {
        self.value = value
        self.range = range
    }
}
