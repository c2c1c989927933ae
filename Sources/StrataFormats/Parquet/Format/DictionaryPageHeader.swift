// The header of a dictionary page: the column chunk's distinct values, PLAIN-encoded.

public struct DictionaryPageHeader: ThriftCodable, Hashable {
    public var numValues: Int32
    public var encoding: Encoding
    public var isSorted: Bool?

    public init(numValues: Int32, encoding: Encoding = .plain, isSorted: Bool? = nil) {
        self.numValues = numValues
        self.encoding = encoding
        self.isSorted = isSorted
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var encoding: Encoding?
        var isSorted: Bool?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = try reader.readEnum(Encoding.self, "encoding")
            case (3, .bool): isSorted = reader.readBool(field)
            default: try reader.skip(field.type)
            }
        }
        guard let numValues else { throw reader.missing("num_values", in: "DictionaryPageHeader") }
        self.init(numValues: numValues, encoding: encoding ?? .plain, isSorted: isSorted)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, bool: isSorted)
        writer.endStruct()
    }
}
