// The footer of a Parquet file: schema, row groups, key-value metadata, writer and column orders.

public struct FileMetaData: ThriftCodable, Hashable {
    public var version: Int32
    /// The schema tree, flattened depth first; the first element is the root.
    public var schema: [SchemaElement]
    public var numRows: Int64
    public var rowGroups: [RowGroup]
    public var keyValueMetadata: [KeyValue]?
    /// The writer, e.g. `parquet-cpp-arrow version 26.0.1` or `parquet-mr version 1.12.3 (build ...)`.
    public var createdBy: String?
    /// One per leaf column, when present.
    public var columnOrders: [ColumnOrder]?
    /// Set in encrypted files with a plaintext footer.
    public var isEncrypted: Bool

    public init(
        version: Int32, schema: [SchemaElement], numRows: Int64, rowGroups: [RowGroup],
        keyValueMetadata: [KeyValue]? = nil, createdBy: String? = nil, columnOrders: [ColumnOrder]? = nil,
        isEncrypted: Bool = false
    ) {
        self.version = version
        self.schema = schema
        self.numRows = numRows
        self.rowGroups = rowGroups
        self.keyValueMetadata = keyValueMetadata
        self.createdBy = createdBy
        self.columnOrders = columnOrders
        self.isEncrypted = isEncrypted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var version: Int32?
        var schema: [SchemaElement]?
        var numRows: Int64?
        var rowGroups: [RowGroup]?
        var metadata = FileMetaData(version: 0, schema: [], numRows: 0, rowGroups: [])
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): version = try reader.readI32()
            case (2, .list): schema = try reader.readStructList(SchemaElement.self)
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): rowGroups = try reader.readStructList(RowGroup.self)
            case (5, .list): metadata.keyValueMetadata = try reader.readStructList(KeyValue.self)
            case (6, .binary): metadata.createdBy = try reader.readString()
            case (7, .list): metadata.columnOrders = try reader.readStructList(ColumnOrder.self)
            case (8, _), (9, _):
                metadata.isEncrypted = true
                try reader.skip(field.type)
            default: try reader.skip(field.type)
            }
        }
        guard let version else { throw reader.missing("version", in: "FileMetaData") }
        guard let schema else { throw reader.missing("schema", in: "FileMetaData") }
        guard let numRows else { throw reader.missing("num_rows", in: "FileMetaData") }
        guard let rowGroups else { throw reader.missing("row_groups", in: "FileMetaData") }
        metadata.version = version
        metadata.schema = schema
        metadata.numRows = numRows
        metadata.rowGroups = rowGroups
        self = metadata
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: version)
        writer.writeField(2, structList: schema)
        writer.writeField(3, i64: numRows)
        writer.writeField(4, structList: rowGroups)
        if let keyValueMetadata { writer.writeField(5, structList: keyValueMetadata) }
        writer.writeField(6, string: createdBy)
        if let columnOrders { writer.writeField(7, structList: columnOrders) }
        writer.endStruct()
    }
}
