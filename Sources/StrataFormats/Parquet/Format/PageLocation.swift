// Where one data page is and which row it starts at: an entry of the offset index.

public struct PageLocation: ThriftCodable, Hashable {
    public var offset: Int64
    /// Size of the page, header included.
    public var compressedPageSize: Int32
    public var firstRowIndex: Int64

    public init(offset: Int64, compressedPageSize: Int32, firstRowIndex: Int64) {
        self.offset = offset
        self.compressedPageSize = compressedPageSize
        self.firstRowIndex = firstRowIndex
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var offset: Int64?
        var size: Int32?
        var firstRow: Int64?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i64): offset = try reader.readI64()
            case (2, .i32): size = try reader.readI32()
            case (3, .i64): firstRow = try reader.readI64()
            default: try reader.skip(field.type)
            }
        }
        guard let offset else { throw reader.missing("offset", in: "PageLocation") }
        guard let size else { throw reader.missing("compressed_page_size", in: "PageLocation") }
        guard let firstRow else { throw reader.missing("first_row_index", in: "PageLocation") }
        self.init(offset: offset, compressedPageSize: size, firstRowIndex: firstRow)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i64: offset)
        writer.writeField(2, i32: compressedPageSize)
        writer.writeField(3, i64: firstRowIndex)
        writer.endStruct()
    }
}
