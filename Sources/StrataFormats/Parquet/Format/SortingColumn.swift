// A sort order declared for the rows of a row group.

public struct SortingColumn: ThriftCodable, Hashable {
    /// The leaf column's index in the row group.
    public var columnIndex: Int32
    public var descending: Bool
    public var nullsFirst: Bool

    public init(columnIndex: Int32, descending: Bool, nullsFirst: Bool) {
        self.columnIndex = columnIndex
        self.descending = descending
        self.nullsFirst = nullsFirst
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var columnIndex: Int32?
        var descending: Bool?
        var nullsFirst: Bool?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): columnIndex = try reader.readI32()
            case (2, .bool): descending = reader.readBool(field)
            case (3, .bool): nullsFirst = reader.readBool(field)
            default: try reader.skip(field.type)
            }
        }
        guard let columnIndex else { throw reader.missing("column_idx", in: "SortingColumn") }
        self.init(columnIndex: columnIndex, descending: descending ?? false, nullsFirst: nullsFirst ?? false)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: columnIndex)
        writer.writeField(2, bool: descending)
        writer.writeField(3, bool: nullsFirst)
        writer.endStruct()
    }
}
