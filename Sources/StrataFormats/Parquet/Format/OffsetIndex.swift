// The offset index of a column chunk: where each data page is, so pages can be read or skipped by row.

public struct OffsetIndex: ThriftCodable, Hashable {
    public var pageLocations: [PageLocation]
    public var unencodedByteArrayDataBytes: [Int64]?

    public init(pageLocations: [PageLocation], unencodedByteArrayDataBytes: [Int64]? = nil) {
        self.pageLocations = pageLocations
        self.unencodedByteArrayDataBytes = unencodedByteArrayDataBytes
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var locations: [PageLocation]?
        var unencoded: [Int64]?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .list): locations = try reader.readStructList(PageLocation.self)
            case (2, .list): unencoded = try reader.readI64List()
            default: try reader.skip(field.type)
            }
        }
        guard let locations else { throw reader.missing("page_locations", in: "OffsetIndex") }
        self.init(pageLocations: locations, unencodedByteArrayDataBytes: unencoded)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, structList: pageLocations)
        if let unencodedByteArrayDataBytes { writer.writeField(2, i64List: unencodedByteArrayDataBytes) }
        writer.endStruct()
    }
}
