// The header of a version 1 data page: levels and values are compressed together.

public struct DataPageHeader: ThriftCodable, Hashable {
    /// Values in the page, nulls included.
    public var numValues: Int32
    public var encoding: Encoding
    public var definitionLevelEncoding: Encoding
    public var repetitionLevelEncoding: Encoding
    public var statistics: Statistics?

    public init(
        numValues: Int32, encoding: Encoding, definitionLevelEncoding: Encoding = .rle,
        repetitionLevelEncoding: Encoding = .rle, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.encoding = encoding
        self.definitionLevelEncoding = definitionLevelEncoding
        self.repetitionLevelEncoding = repetitionLevelEncoding
        self.statistics = statistics
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var encoding: Encoding?
        var definitionEncoding: Encoding?
        var repetitionEncoding: Encoding?
        var statistics: Statistics?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): encoding = try reader.readEnum(Encoding.self, "encoding")
            case (3, .i32): definitionEncoding = try reader.readEnum(Encoding.self, "definition level encoding")
            case (4, .i32): repetitionEncoding = try reader.readEnum(Encoding.self, "repetition level encoding")
            case (5, .struct): statistics = try Statistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        guard let numValues else { throw reader.missing("num_values", in: "DataPageHeader") }
        guard let encoding else { throw reader.missing("encoding", in: "DataPageHeader") }
        self.init(
            numValues: numValues, encoding: encoding, definitionLevelEncoding: definitionEncoding ?? .rle,
            repetitionLevelEncoding: repetitionEncoding ?? .rle, statistics: statistics)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, i32: definitionLevelEncoding.rawValue)
        writer.writeField(4, i32: repetitionLevelEncoding.rawValue)
        writer.writeField(5, struct: statistics)
        writer.endStruct()
    }
}
