// Athena/Hive `CREATE EXTERNAL TABLE`: a table over files that already exist at LOCATION. Clauses come in
// Hive's fixed order: columns, COMMENT, PARTITIONED BY, CLUSTERED BY, ROW FORMAT, STORED AS,
// WITH SERDEPROPERTIES, LOCATION, TBLPROPERTIES.

public struct CreateExternalTable: Hashable, Sendable {
    public var name: QualifiedName
    public var ifNotExists: Bool
    public var columns: [ColumnDefinition]
    public var comment: StringLiteral?
    /// Partition columns, which are not repeated in `columns`.
    public var partitionedBy: [ColumnDefinition]
    public var clusteredBy: Bucketing?
    public var rowFormat: RowFormat?
    public var storedAs: StorageFormat?
    /// `WITH SERDEPROPERTIES (...)` written after STORED AS, as Athena allows (the form inside
    /// `ROW FORMAT SERDE` is kept in `rowFormat`).
    public var serdeProperties: [HiveProperty]
    public var location: StringLiteral?
    /// TBLPROPERTIES.
    public var properties: [HiveProperty]

    public init(
        name: QualifiedName, ifNotExists: Bool = false, columns: [ColumnDefinition] = [],
        comment: StringLiteral? = nil, partitionedBy: [ColumnDefinition] = [], clusteredBy: Bucketing? = nil,
        rowFormat: RowFormat? = nil, storedAs: StorageFormat? = nil, serdeProperties: [HiveProperty] = [],
        location: StringLiteral? = nil, properties: [HiveProperty] = []
    ) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.columns = columns
        self.comment = comment
        self.partitionedBy = partitionedBy
        self.clusteredBy = clusteredBy
        self.rowFormat = rowFormat
        self.storedAs = storedAs
        self.serdeProperties = serdeProperties
        self.location = location
        self.properties = properties
    }
}
