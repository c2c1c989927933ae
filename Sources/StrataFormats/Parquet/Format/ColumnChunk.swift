// One column of one row group in the footer: its metadata and where its page index is.

public struct ColumnChunk: ThriftCodable, Hashable {
    /// Set only in summary files that point into other files; Strata reads columns from the file itself.
    public var filePath: String?
    public var fileOffset: Int64
    public var metaData: ColumnMetaData?
    public var offsetIndexOffset: Int64?
    public var offsetIndexLength: Int32?
    public var columnIndexOffset: Int64?
    public var columnIndexLength: Int32?
    /// Whether the chunk is encrypted (crypto metadata or encrypted metadata present).
    public var isEncrypted: Bool

    public init(
        metaData: ColumnMetaData?, fileOffset: Int64 = 0, filePath: String? = nil, offsetIndexOffset: Int64? = nil,
        offsetIndexLength: Int32? = nil, columnIndexOffset: Int64? = nil, columnIndexLength: Int32? = nil,
        isEncrypted: Bool = false
    ) {
        self.metaData = metaData
        self.fileOffset = fileOffset
        self.filePath = filePath
        self.offsetIndexOffset = offsetIndexOffset
        self.offsetIndexLength = offsetIndexLength
        self.columnIndexOffset = columnIndexOffset
        self.columnIndexLength = columnIndexLength
        self.isEncrypted = isEncrypted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var chunk = ColumnChunk(metaData: nil)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): chunk.filePath = try reader.readString()
            case (2, .i64): chunk.fileOffset = try reader.readI64()
            case (3, .struct): chunk.metaData = try ColumnMetaData(from: &reader)
            case (4, .i64): chunk.offsetIndexOffset = try reader.readI64()
            case (5, .i32): chunk.offsetIndexLength = try reader.readI32()
            case (6, .i64): chunk.columnIndexOffset = try reader.readI64()
            case (7, .i32): chunk.columnIndexLength = try reader.readI32()
            case (8, _), (9, _):
                chunk.isEncrypted = true
                try reader.skip(field.type)
            default: try reader.skip(field.type)
            }
        }
        self = chunk
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, string: filePath)
        writer.writeField(2, i64: fileOffset)
        writer.writeField(3, struct: metaData)
        writer.writeField(4, i64: offsetIndexOffset)
        writer.writeField(5, i32: offsetIndexLength)
        writer.writeField(6, i64: columnIndexOffset)
        writer.writeField(7, i32: columnIndexLength)
        writer.endStruct()
    }
}
