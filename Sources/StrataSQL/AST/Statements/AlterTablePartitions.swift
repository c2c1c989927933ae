// Athena's partition maintenance:
// `ALTER TABLE t ADD [IF NOT EXISTS] PARTITION (k = v, ...) [LOCATION 'uri'] [PARTITION ...]...` and
// `ALTER TABLE t DROP [IF EXISTS] PARTITION (k = v, ...) [, PARTITION (...)]...`.

public struct AlterTablePartitions: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case add(ifNotExists: Bool, [AddedPartition])
        case drop(ifExists: Bool, [PartitionSpec])
    }

    public var table: QualifiedName
    public var action: Action

    public init(table: QualifiedName, action: Action) {
        self.table = table
        self.action = action
    }
}

/// `PARTITION (k = v, ...)` with every value given.
public struct PartitionSpec: Hashable, Sendable {
    public var values: [PartitionValue]
    @IgnoredByEquality public var range: SourceRange

    public init(_ values: [PartitionValue], range: SourceRange = SourceRange(at: 0)) {
        self.values = values
        self.range = range
    }
}

/// One partition of `ADD PARTITION`, with its optional LOCATION.
public struct AddedPartition: Hashable, Sendable {
    public var spec: PartitionSpec
    public var location: StringLiteral?

    public init(spec: PartitionSpec, location: StringLiteral? = nil) {
        self.spec = spec
        self.location = location
    }
}
