// Walks the pages of one column chunk: reads each page header and says where its stored bytes are,
// without decompressing anything. The chunk reader decodes from here; pushdown can look at headers
// (types, sizes, statistics) and skip pages.

public struct PageInfo: Sendable {
    public let header: PageHeader
    /// File offset of the page header.
    public let offset: Int
    public let headerLength: Int
    /// Index of the page's stored bytes in the chunk bytes given to the reader.
    let dataStart: Int

    /// File offset of the page's stored (compressed) bytes.
    public var dataOffset: Int { offset + headerLength }
    public var compressedSize: Int { Int(header.compressedPageSize) }
}

public struct PageReader: Sendable {
    /// Bytes holding the chunk (possibly with other chunks around it, from a coalesced read).
    public let bytes: [UInt8]
    /// The chunk's bytes within `bytes`.
    public let range: Range<Int>
    /// File offset of `bytes[range.lowerBound]`.
    public let fileOffset: Int
    /// Index in `bytes` of the next page header.
    public private(set) var position: Int

    public init(bytes: [UInt8], range: Range<Int>, fileOffset: Int) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "chunk range outside its bytes")
        self.bytes = bytes
        self.range = range
        self.fileOffset = fileOffset
        position = range.lowerBound
    }

    /// File offset of the next page header.
    public var nextOffset: Int { fileOffset + position - range.lowerBound }

    /// The next page, or nil at the end of the chunk.
    public mutating func next() throws(ParquetError) -> PageInfo? {
        guard position < range.upperBound else { return nil }
        let start = position
        let headerOffset = nextOffset
        let end = range.upperBound
        let (header, headerLength) = try UnsafeBytes.with(bytes) { (raw) throws(ParquetError) in
            try PageHeader.decode(UnsafeRawBufferPointer(rebasing: raw[start..<end]), baseOffset: headerOffset)
        }
        let dataStart = start + headerLength
        guard Int(header.compressedPageSize) <= end - dataStart else {
            throw ParquetError(
                .corrupt,
                "page of \(header.compressedPageSize) bytes runs past the end of its column chunk (\(end - dataStart) bytes left)",
                offset: headerOffset)
        }
        position = dataStart + Int(header.compressedPageSize)
        return PageInfo(header: header, offset: headerOffset, headerLength: headerLength, dataStart: dataStart)
    }
}
