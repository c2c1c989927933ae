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

/// `name type [COMMENT 'text']`.
public struct ColumnDefinition: Hashable, Sendable {
    public var name: Identifier
    public var type: TypeName
    public var comment: StringLiteral?
    @IgnoredByEquality public var range: SourceRange

    public init(name: Identifier, type: TypeName, comment: StringLiteral? = nil, range: SourceRange = SourceRange(at: 0)) {
        self.name = name
        self.type = type
        self.comment = comment
        self.range = range
    }
}

/// `CLUSTERED BY (columns) [SORTED BY (column [ASC|DESC], ...)] INTO n BUCKETS`.
public struct Bucketing: Hashable, Sendable {
    public struct SortColumn: Hashable, Sendable {
        public var name: Identifier
        public var direction: OrderItem.Direction?

        public init(name: Identifier, direction: OrderItem.Direction? = nil) {
            self.name = name
            self.direction = direction
        }
    }

    public var columns: [Identifier]
    public var sortedBy: [SortColumn]
    public var bucketCount: Int

    public init(columns: [Identifier], sortedBy: [SortColumn] = [], bucketCount: Int) {
        self.columns = columns
        self.sortedBy = sortedBy
        self.bucketCount = bucketCount
    }
}

/// `ROW FORMAT DELIMITED ...` or `ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (...)]`.
public enum RowFormat: Hashable, Sendable {
    case delimited(DelimitedRowFormat)
    case serde(StringLiteral, properties: [HiveProperty])
}

/// The clauses of `ROW FORMAT DELIMITED`, each a one-character string in practice.
public struct DelimitedRowFormat: Hashable, Sendable {
    public var fieldsTerminatedBy: StringLiteral?
    public var escapedBy: StringLiteral?
    public var collectionItemsTerminatedBy: StringLiteral?
    public var mapKeysTerminatedBy: StringLiteral?
    public var linesTerminatedBy: StringLiteral?
    public var nullDefinedAs: StringLiteral?

    public init(
        fieldsTerminatedBy: StringLiteral? = nil, escapedBy: StringLiteral? = nil,
        collectionItemsTerminatedBy: StringLiteral? = nil, mapKeysTerminatedBy: StringLiteral? = nil,
        linesTerminatedBy: StringLiteral? = nil, nullDefinedAs: StringLiteral? = nil
    ) {
        self.fieldsTerminatedBy = fieldsTerminatedBy
        self.escapedBy = escapedBy
        self.collectionItemsTerminatedBy = collectionItemsTerminatedBy
        self.mapKeysTerminatedBy = mapKeysTerminatedBy
        self.linesTerminatedBy = linesTerminatedBy
        self.nullDefinedAs = nullDefinedAs
    }
}

/// `STORED AS PARQUET` (a format name: PARQUET, TEXTFILE, JSONFILE, ORC, ...) or
/// `STORED AS INPUTFORMAT 'class' OUTPUTFORMAT 'class'`.
public enum StorageFormat: Hashable, Sendable {
    case named(Identifier)
    case classes(input: StringLiteral, output: StringLiteral)
}
