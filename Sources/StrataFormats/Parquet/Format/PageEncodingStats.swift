// How many pages of a column chunk have a given type and encoding: tells whether every data page is
// dictionary-encoded (so the dictionary alone answers some predicates).

public struct PageEncodingStats: ThriftCodable, Hashable {
    public var pageType: PageType
    public var encoding: Encoding
    public var count: Int32

    public init(pageType: PageType, encoding: Encoding, count: Int32) {
        self.pageType = pageType
        self.encoding = encoding
        self.count = count
    }

    public init(from reader: inout ThriftCompactReader) throws(ParquetError) {
        guard let stats = try Self.decodeIfKnown(from: &reader) else {
            throw reader.corrupt("PageEncodingStats with an unknown page type or encoding")
        }
        self = stats
    }

    /// The entry, or nil when its page type or encoding is one this reader does not know.
    static func decodeIfKnown(from reader: inout ThriftCompactReader) throws(ParquetError) -> PageEncodingStats? {
        var pageType: Int32?
        var encoding: Int32?
        var count: Int32?
        try reader.beginStruct()
        while let field = try reader.nextField() {
            switch (field.id, field.type) {
            case (1, .i32): pageType = try reader.readI32()
            case (2, .i32): encoding = try reader.readI32()
            case (3, .i32): count = try reader.readI32()
            default: try reader.skip(field.type)
            }
        }
        guard let pageType else { throw reader.missing("page_type", in: "PageEncodingStats") }
        guard let encoding else { throw reader.missing("encoding", in: "PageEncodingStats") }
        guard let count else { throw reader.missing("count", in: "PageEncodingStats") }
        guard let knownType = PageType(rawValue: pageType), let knownEncoding = Encoding(rawValue: encoding) else {
            return nil
        }
        return PageEncodingStats(pageType: knownType, encoding: knownEncoding, count: count)
    }

    public func encode(to writer: inout ThriftCompactWriter) {
        writer.beginStruct()
        writer.writeField(1, i32: pageType.rawValue)
        writer.writeField(2, i32: encoding.rawValue)
        writer.writeField(3, i32: count)
        writer.endStruct()
    }
}
