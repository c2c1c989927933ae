// Unencoded sizes and level histograms of a column chunk, for estimating memory before decoding.

public struct SizeStatistics: ThriftCodable, Hashable {
    public var unencodedByteArrayDataBytes: Int64?
    public var repetitionLevelHistogram: [Int64]?
    public var definitionLevelHistogram: [Int64]?

    public init(
        unencodedByteArrayDataBytes: Int64? = nil, repetitionLevelHistogram: [Int64]? = nil,
        definitionLevelHistogram: [Int64]? = nil
    ) {
        self.unencodedByteArrayDataBytes = unencodedByteArrayDataBytes
        self.repetitionLevelHistogram = repetitionLevelHistogram
        self.definitionLevelHistogram = definitionLevelHistogram
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        self.init()
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i64): unencodedByteArrayDataBytes = try reader.readI64()
            case (2, .list): repetitionLevelHistogram = try reader.readI64List()
            case (3, .list): definitionLevelHistogram = try reader.readI64List()
            default: try reader.skip(field.type)
            }
        }
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i64: unencodedByteArrayDataBytes)
        if let repetitionLevelHistogram { writer.writeField(2, i64List: repetitionLevelHistogram) }
        if let definitionLevelHistogram { writer.writeField(3, i64List: definitionLevelHistogram) }
        writer.endStruct()
    }
}
