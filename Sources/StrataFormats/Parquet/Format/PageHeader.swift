// The header before every page of a column chunk: type, sizes, optional CRC, and the header of its kind.

public struct PageHeader: ThriftCodable, Hashable {
    public var type: PageType
    public var uncompressedPageSize: Int32
    public var compressedPageSize: Int32
    /// CRC-32 (the gzip polynomial) of the page bytes as stored, when the writer computed one.
    public var crc: Int32?
    public var dataPageHeader: DataPageHeader?
    public var dictionaryPageHeader: DictionaryPageHeader?
    public var dataPageHeaderV2: DataPageHeaderV2?

    public init(
        type: PageType, uncompressedPageSize: Int32, compressedPageSize: Int32, crc: Int32? = nil,
        dataPageHeader: DataPageHeader? = nil, dictionaryPageHeader: DictionaryPageHeader? = nil,
        dataPageHeaderV2: DataPageHeaderV2? = nil
    ) {
        self.type = type
        self.uncompressedPageSize = uncompressedPageSize
        self.compressedPageSize = compressedPageSize
        self.crc = crc
        self.dataPageHeader = dataPageHeader
        self.dictionaryPageHeader = dictionaryPageHeader
        self.dataPageHeaderV2 = dataPageHeaderV2
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        var type: PageType?
        var uncompressed: Int32?
        var compressed: Int32?
        var header = PageHeader(type: .dataPage, uncompressedPageSize: 0, compressedPageSize: 0)
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): type = try reader.readEnum(PageType.self, "page type")
            case (2, .i32): uncompressed = try reader.readI32()
            case (3, .i32): compressed = try reader.readI32()
            case (4, .i32): header.crc = try reader.readI32()
            case (5, .struct): header.dataPageHeader = try DataPageHeader(from: &reader)
            case (7, .struct): header.dictionaryPageHeader = try DictionaryPageHeader(from: &reader)
            case (8, .struct): header.dataPageHeaderV2 = try DataPageHeaderV2(from: &reader)
            default: try reader.skip(field.type)
            }
        }
        guard let type else { throw reader.missing("type", in: "PageHeader") }
        guard let uncompressed else { throw reader.missing("uncompressed_page_size", in: "PageHeader") }
        guard let compressed else { throw reader.missing("compressed_page_size", in: "PageHeader") }
        guard uncompressed >= 0, compressed >= 0 else {
            throw reader.corrupt("negative page size (\(compressed) compressed, \(uncompressed) uncompressed)")
        }
        header.type = type
        header.uncompressedPageSize = uncompressed
        header.compressedPageSize = compressed
        self = header
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: type.rawValue)
        writer.writeField(2, i32: uncompressedPageSize)
        writer.writeField(3, i32: compressedPageSize)
        writer.writeField(4, i32: crc)
        writer.writeField(5, struct: dataPageHeader)
        writer.writeField(7, struct: dictionaryPageHeader)
        writer.writeField(8, struct: dataPageHeaderV2)
        writer.endStruct()
    }
}
