// One entry of key-value metadata (file or column chunk): the Arrow schema, Spark's row metadata, pandas.

public struct KeyValue: ThriftCodable, Hashable {
    public var key: String
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var key: String?
        var value: String?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .binary): key = try reader.readString()
            case (2, .binary): value = try reader.readString()
            default: try reader.skip(field.type)
            }
        }
        guard let key else { throw reader.missing("key", in: "KeyValue") }
        self.init(key: key, value: value)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, string: key)
        writer.writeField(2, string: value)
        writer.endStruct()
    }
}
