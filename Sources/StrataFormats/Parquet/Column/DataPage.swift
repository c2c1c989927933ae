// The state of the data page being decoded: how many of its values are left, where its definition levels
// and values are read from.

struct DataPage {
    /// File offset of the page header, for errors.
    let offset: Int
    let encoding: Encoding
    /// Values in the page, nulls included.
    let valueCount: Int
    var remaining: Int
    var levels: LevelSource
    var values: ValueSource
}

/// Where definition levels come from.
enum LevelSource {
    /// A required column, or a v2 page that says it has no nulls.
    case allPresent
    case rle(RLEBitPackedDecoder)
    case bitPacked(BitPackedLevelDecoder)
}

/// Where the page's (non-null) values come from.
enum ValueSource {
    case plain(PlainDecoder)
    /// Dictionary indices.
    case dictionary(RLEBitPackedDecoder)
    /// RLE-encoded booleans.
    case rleBooleans(RLEBitPackedDecoder)
    /// DELTA_BINARY_PACKED integers, decoded when the page was loaded (as `Int64`s in the chunk reader's
    /// buffer): the next one to use and how many there are.
    case integers(next: Int, count: Int)
    /// DELTA_LENGTH_BYTE_ARRAY or DELTA_BYTE_ARRAY values decoded when the page was loaded: offsets in the
    /// chunk reader's buffer, bytes at `base`.
    case byteArrays(next: Int, count: Int, base: UnsafeRawPointer)
    case byteStreamSplit(ByteStreamSplitDecoder)

    var isDictionary: Bool {
        if case .dictionary = self { return true }
        return false
    }
}
