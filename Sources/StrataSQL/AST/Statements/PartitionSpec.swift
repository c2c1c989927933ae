// `PARTITION (k = v, ...)` with every value given, as ALTER TABLE takes it.

/// `PARTITION (k = v, ...)` with every value given.
public struct PartitionSpec: Hashable, Sendable {
    public var values: [PartitionValue]
    @IgnoredByEquality public var range: SourceRange

    public init(_ values: [PartitionValue], range: SourceRange = SourceRange(at: 0)) {
        self.values = values
        self.range = range
    }
}
