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
