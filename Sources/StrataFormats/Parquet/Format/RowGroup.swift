// One row group in the footer: a column chunk per leaf column, in schema order.

public struct RowGroup: ThriftCodable, Hashable {
    public var columns: [ColumnChunk]
    public var totalByteSize: Int64
    public var numRows: Int64
    public var sortingColumns: [SortingColumn]?
    public var fileOffset: Int64?
    public var totalCompressedSize: Int64?
    public var ordinal: Int16?

    public init(
        columns: [ColumnChunk], totalByteSize: Int64, numRows: Int64, sortingColumns: [SortingColumn]? = nil,
        fileOffset: Int64? = nil, totalCompressedSize: Int64? = nil, ordinal: Int16? = nil
    ) {
        self.columns = columns
        self.totalByteSize = totalByteSize
        self.numRows = numRows
        self.sortingColumns = sortingColumns
        self.fileOffset = fileOffset
        self.totalCompressedSize = totalCompressedSize
        self.ordinal = ordinal
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var columns: [ColumnChunk]?
        var totalByteSize: Int64?
        var numRows: Int64?
        var group = RowGroup(columns: [], totalByteSize: 0, numRows: 0)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .list): columns = try reader.readStructList(ColumnChunk.self)
            case (2, .i64): totalByteSize = try reader.readI64()
            case (3, .i64): numRows = try reader.readI64()
            case (4, .list): group.sortingColumns = try reader.readStructList(SortingColumn.self)
            case (5, .i64): group.fileOffset = try reader.readI64()
            case (6, .i64): group.totalCompressedSize = try reader.readI64()
            case (7, .i16): group.ordinal = try reader.readI16()
            default: try reader.skip(field.type)
            }
        }
        guard let columns else { throw reader.missing("columns", in: "RowGroup") }
        guard let numRows else { throw reader.missing("num_rows", in: "RowGroup") }
        group.columns = columns
        group.totalByteSize = totalByteSize ?? 0
        group.numRows = numRows
        self = group
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, structList: columns)
        writer.writeField(2, i64: totalByteSize)
        writer.writeField(3, i64: numRows)
        if let sortingColumns { writer.writeField(4, structList: sortingColumns) }
        writer.writeField(5, i64: fileOffset)
        writer.writeField(6, i64: totalCompressedSize)
        if let ordinal { writer.writeField(7, i16: ordinal) }
        writer.endStruct()
    }
}
