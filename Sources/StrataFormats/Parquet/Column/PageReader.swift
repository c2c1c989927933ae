// Walks the pages of one column chunk: reads each page header and says where its stored bytes are,
// without decompressing anything. The chunk's bytes may have been fetched whole or in pieces (its
// dictionary page and only the data pages a query needs, found through the offset index); the reader
// can jump to any page start it holds, so skipped pages are neither fetched nor decoded.

public struct PageInfo: Sendable {
    public let header: PageHeader
    /// File offset of the page header.
    public let offset: Int
    public let headerLength: Int
    /// The fetched bytes holding the page.
    let bytes: [UInt8]
    /// Index of the page's stored bytes in `bytes`.
    let dataStart: Int

    /// File offset of the page's stored (compressed) bytes.
    public var dataOffset: Int { offset + headerLength }
    public var compressedSize: Int { Int(header.compressedPageSize) }

    /// Rows in a data page of a flat column (for which every value is a row); nil for other pages.
    public var rowCount: Int? {
        switch header.type {
        case .dataPage: return header.dataPageHeader.map { Int($0.numValues) }
        case .dataPageV2: return header.dataPageHeaderV2.map { Int($0.numRows) }
        case .dictionaryPage, .indexPage: return nil
        }
    }
}

/// A fetched stretch of a file: `bytes[range]` holds the file's bytes from `fileOffset` on.
public struct PageSegment: Sendable {
    public let bytes: [UInt8]
    public let range: Range<Int>
    public let fileOffset: Int

    public init(bytes: [UInt8], range: Range<Int>, fileOffset: Int) {
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "segment range outside its bytes")
        self.bytes = bytes
        self.range = range
        self.fileOffset = fileOffset
    }

    /// The file offsets this segment holds.
    public var fileRange: Range<Int> { fileOffset..<(fileOffset + range.count) }
}

public struct PageReader: Sendable {
    /// The fetched pieces of the chunk, in file order.
    public let segments: [PageSegment]
    /// File offsets of the whole chunk.
    public let chunk: Range<Int>
    /// File offset of the next page header.
    public private(set) var nextOffset: Int
    /// The segment `nextOffset` was last found in.
    private var segmentHint = 0

    /// A reader of a chunk fetched whole: `bytes[range]` is the chunk, starting at file offset `fileOffset`.
    public init(bytes: [UInt8], range: Range<Int>, fileOffset: Int) {
        let segment = PageSegment(bytes: bytes, range: range, fileOffset: fileOffset)
        self.init(segments: [segment], chunk: segment.fileRange)
    }

    /// A reader of the chunk at file offsets `chunk`, of which `segments` were fetched.
    public init(segments: [PageSegment], chunk: Range<Int>) {
        self.segments = segments.sorted { $0.fileOffset < $1.fileOffset }
        self.chunk = chunk
        nextOffset = chunk.lowerBound
    }

    /// Continues at the page header at file offset `offset` (from the offset index).
    public mutating func seek(to offset: Int) {
        nextOffset = offset
    }

    /// Whether the bytes at `offset` were fetched.
    public func holds(_ offset: Int) -> Bool {
        segments.contains { $0.fileRange.contains(offset) }
    }

    /// The next page, or nil at the end of the chunk.
    public mutating func next() throws(ParquetError) -> PageInfo? {
        guard nextOffset < chunk.upperBound else { return nil }
        let headerOffset = nextOffset
        guard let index = segmentIndex(holding: headerOffset) else {
            throw ParquetError(
                .corrupt, "no page of the column chunk starts at offset \(headerOffset) (the offset index points there)",
                offset: headerOffset)
        }
        segmentHint = index
        let segment = segments[index]
        let start = segment.range.lowerBound + (headerOffset - segment.fileOffset)
        // Pages never run past the chunk, nor past what was fetched of it.
        let end = segment.range.lowerBound + (Swift.min(segment.fileRange.upperBound, chunk.upperBound) - segment.fileOffset)
        let (header, headerLength) = try UnsafeBytes.with(segment.bytes) { (raw) throws(ParquetError) in
            try PageHeader.decode(UnsafeRawBufferPointer(rebasing: raw[start..<end]), baseOffset: headerOffset)
        }
        let dataStart = start + headerLength
        guard Int(header.compressedPageSize) >= 0, Int(header.compressedPageSize) <= end - dataStart else {
            if segment.fileRange.upperBound < chunk.upperBound {
                throw ParquetError(
                    .corrupt, "the page at offset \(headerOffset) is longer than the offset index says", offset: headerOffset)
            }
            throw ParquetError(
                .corrupt,
                "page of \(header.compressedPageSize) bytes runs past the end of its column chunk (\(end - dataStart) bytes left)",
                offset: headerOffset)
        }
        nextOffset = headerOffset + headerLength + Int(header.compressedPageSize)
        return PageInfo(header: header, offset: headerOffset, headerLength: headerLength, bytes: segment.bytes, dataStart: dataStart)
    }

    private func segmentIndex(holding offset: Int) -> Int? {
        if segmentHint < segments.count, segments[segmentHint].fileRange.contains(offset) { return segmentHint }
        return segments.firstIndex { $0.fileRange.contains(offset) }
    }
}
