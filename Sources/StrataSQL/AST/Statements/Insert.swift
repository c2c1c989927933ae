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
