// `column [= value]` in a PARTITION (...) clause.

/// `column = value` in a PARTITION (...) spec; `value` is a literal (string, number, boolean, typed literal)
/// or absent for a dynamic partition.
public struct PartitionValue: Hashable, Sendable {
    public var column: Identifier
    public var value: Expression?
    @IgnoredByEquality public var range: SourceRange

    public init(column: Identifier, value: Expression?, range: SourceRange = SourceRange(at: 0)) {
        self.column = column
        self.value = value
        self.range = range
    }
}
