// `INSERT INTO [TABLE] t [PARTITION (...)] [(columns)] query` and `INSERT OVERWRITE [TABLE] t
// [PARTITION (...)] [(columns)] query`. A partition value may be omitted (`PARTITION (dt)`): the row's own
// value is used (Hive's dynamic partitioning).

public struct Insert: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable {
        case into = "INTO"
        case overwrite = "OVERWRITE"
    }

    public var mode: Mode
    public var table: QualifiedName
    public var partition: [PartitionValue]
    public var columns: [Identifier]
    public var query: Query

    public init(mode: Mode, table: QualifiedName, partition: [PartitionValue] = [], columns: [Identifier] = [], query: Query) {
        self.mode = mode
        self.table = table
        self.partition = partition
        self.columns = columns
        self.query = query
    }
}
