// The header of a version 2 data page: levels come first, uncompressed and without length prefixes;
// only the values section is compressed (unless `isCompressed` is false).

public struct DataPageHeaderV2: ThriftCodable, Hashable {
    public var numValues: Int32
    public var numNulls: Int32
    public var numRows: Int32
    public var encoding: Encoding
    public var definitionLevelsByteLength: Int32
    public var repetitionLevelsByteLength: Int32
    public var isCompressed: Bool
    public var statistics: Statistics?

    public init(
        numValues: Int32, numNulls: Int32, numRows: Int32, encoding: Encoding, definitionLevelsByteLength: Int32,
        repetitionLevelsByteLength: Int32, isCompressed: Bool = true, statistics: Statistics? = nil
    ) {
        self.numValues = numValues
        self.numNulls = numNulls
        self.numRows = numRows
        self.encoding = encoding
        self.definitionLevelsByteLength = definitionLevelsByteLength
        self.repetitionLevelsByteLength = repetitionLevelsByteLength
        self.isCompressed = isCompressed
        self.statistics = statistics
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var numValues: Int32?
        var numNulls: Int32?
        var numRows: Int32?
        var encoding: Encoding?
        var definitionLength: Int32?
        var repetitionLength: Int32?
        var isCompressed = true
        var statistics: Statistics?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): numValues = try reader.readI32()
            case (2, .i32): numNulls = try reader.readI32()
            case (3, .i32): numRows = try reader.readI32()
            case (4, .i32): encoding = try reader.readEnum(Encoding.self, "encoding")
            case (5, .i32): definitionLength = try reader.readI32()
            case (6, .i32): repetitionLength = try reader.readI32()
            case (7, .bool): isCompressed = reader.readBool(field)
            case (8, .struct): statistics = try Statistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        guard let numValues else { throw reader.missing("num_values", in: "DataPageHeaderV2") }
        guard let numNulls else { throw reader.missing("num_nulls", in: "DataPageHeaderV2") }
        guard let numRows else { throw reader.missing("num_rows", in: "DataPageHeaderV2") }
        guard let encoding else { throw reader.missing("encoding", in: "DataPageHeaderV2") }
        guard let definitionLength else { throw reader.missing("definition_levels_byte_length", in: "DataPageHeaderV2") }
        guard let repetitionLength else { throw reader.missing("repetition_levels_byte_length", in: "DataPageHeaderV2") }
        self.init(
            numValues: numValues, numNulls: numNulls, numRows: numRows, encoding: encoding,
            definitionLevelsByteLength: definitionLength, repetitionLevelsByteLength: repetitionLength,
            isCompressed: isCompressed, statistics: statistics)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: numValues)
        writer.writeField(2, i32: numNulls)
        writer.writeField(3, i32: numRows)
        writer.writeField(4, i32: encoding.rawValue)
        writer.writeField(5, i32: definitionLevelsByteLength)
        writer.writeField(6, i32: repetitionLevelsByteLength)
        writer.writeField(7, bool: isCompressed)
        writer.writeField(8, struct: statistics)
        writer.endStruct()
    }
}
