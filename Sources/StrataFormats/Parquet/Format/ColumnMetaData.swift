// What the footer says about one column chunk: type, codec, encodings, sizes, where its pages, dictionary
// and bloom filter are, and its statistics.

public struct ColumnMetaData: ThriftCodable, Hashable {
    public var type: PhysicalType
    /// Encodings used by the chunk's pages (values and levels); ones this reader does not know are left out.
    public var encodings: [Encoding]
    public var pathInSchema: [String]
    public var codec: CompressionCodec
    public var numValues: Int64
    public var totalUncompressedSize: Int64
    public var totalCompressedSize: Int64
    public var keyValueMetadata: [KeyValue]?
    public var dataPageOffset: Int64
    public var indexPageOffset: Int64?
    public var dictionaryPageOffset: Int64?
    public var statistics: Statistics?
    public var encodingStats: [PageEncodingStats]?
    public var bloomFilterOffset: Int64?
    public var bloomFilterLength: Int32?
    public var sizeStatistics: SizeStatistics?

    public init(
        type: PhysicalType, encodings: [Encoding], pathInSchema: [String], codec: CompressionCodec, numValues: Int64,
        totalUncompressedSize: Int64, totalCompressedSize: Int64, dataPageOffset: Int64
    ) {
        self.type = type
        self.encodings = encodings
        self.pathInSchema = pathInSchema
        self.codec = codec
        self.numValues = numValues
        self.totalUncompressedSize = totalUncompressedSize
        self.totalCompressedSize = totalCompressedSize
        self.dataPageOffset = dataPageOffset
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PhysicalType?
        var encodings: [Encoding]?
        var path: [String]?
        var codec: CompressionCodec?
        var numValues: Int64?
        var uncompressed: Int64?
        var compressed: Int64?
        var dataPageOffset: Int64?
        var rest = ColumnMetaData(
            type: .boolean, encodings: [], pathInSchema: [], codec: .uncompressed, numValues: 0,
            totalUncompressedSize: 0, totalCompressedSize: 0, dataPageOffset: 0)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): type = try reader.readEnum(PhysicalType.self, "physical type")
            case (2, .list): encodings = try reader.readKnownList(of: .i32) { (reader) throws(ParquetError) in Encoding(rawValue: try reader.readI32()) }
            case (3, .list): path = try reader.readStringList()
            case (4, .i32): codec = try reader.readEnum(CompressionCodec.self, "compression codec")
            case (5, .i64): numValues = try reader.readI64()
            case (6, .i64): uncompressed = try reader.readI64()
            case (7, .i64): compressed = try reader.readI64()
            case (8, .list): rest.keyValueMetadata = try reader.readStructList(KeyValue.self)
            case (9, .i64): dataPageOffset = try reader.readI64()
            case (10, .i64): rest.indexPageOffset = try reader.readI64()
            case (11, .i64): rest.dictionaryPageOffset = try reader.readI64()
            case (12, .struct): rest.statistics = try Statistics(from: &reader)
            case (13, .list): rest.encodingStats = try Self.readEncodingStats(&reader)
            case (14, .i64): rest.bloomFilterOffset = try reader.readI64()
            case (15, .i32): rest.bloomFilterLength = try reader.readI32()
            case (16, .struct): rest.sizeStatistics = try SizeStatistics(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        guard let type else { throw reader.missing("type", in: "ColumnMetaData") }
        guard let encodings else { throw reader.missing("encodings", in: "ColumnMetaData") }
        guard let path else { throw reader.missing("path_in_schema", in: "ColumnMetaData") }
        guard let codec else { throw reader.missing("codec", in: "ColumnMetaData") }
        guard let numValues else { throw reader.missing("num_values", in: "ColumnMetaData") }
        guard let uncompressed else { throw reader.missing("total_uncompressed_size", in: "ColumnMetaData") }
        guard let compressed else { throw reader.missing("total_compressed_size", in: "ColumnMetaData") }
        guard let dataPageOffset else { throw reader.missing("data_page_offset", in: "ColumnMetaData") }
        rest.type = type
        rest.encodings = encodings
        rest.pathInSchema = path
        rest.codec = codec
        rest.numValues = numValues
        rest.totalUncompressedSize = uncompressed
        rest.totalCompressedSize = compressed
        rest.dataPageOffset = dataPageOffset
        self = rest
    }

    /// Encoding stats with page types or encodings this reader does not know are dropped, not fatal.
    private static func readEncodingStats(_ reader: inout ThriftCompactReader) throws(ParquetError) -> [PageEncodingStats] {
        try reader.readKnownList(of: .struct) { (reader) throws(ParquetError) in try PageEncodingStats.decodeIfKnown(from: &reader) }
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32List: encodings.map(\.rawValue))
        writer.writeField(3, stringList: pathInSchema)
        writer.writeField(4, i32: codec.rawValue)
        writer.writeField(5, i64: numValues)
        writer.writeField(6, i64: totalUncompressedSize)
        writer.writeField(7, i64: totalCompressedSize)
        if let keyValueMetadata { writer.writeField(8, structList: keyValueMetadata) }
        writer.writeField(9, i64: dataPageOffset)
        writer.writeField(10, i64: indexPageOffset)
        writer.writeField(11, i64: dictionaryPageOffset)
        writer.writeField(12, struct: statistics)
        if let encodingStats { writer.writeField(13, structList: encodingStats) }
        writer.writeField(14, i64: bloomFilterOffset)
        writer.writeField(15, i32: bloomFilterLength)
        writer.writeField(16, struct: sizeStatistics)
        writer.endStruct()
    }
}
