// How a Parquet file is read: footer fetch size, batch size, checksums, dictionary handling, coalescing.

public struct ParquetReadOptions: Sendable, Hashable {
    /// Bytes fetched from the end of the file to find the footer; a larger footer takes a second read.
    public var footerReadSize = 64 * 1024
    /// Rows per batch when none is asked for.
    public var batchSize = 65_536
    /// Check the CRC of pages that have one.
    public var verifyChecksums = false
    /// Keep dictionary-encoded VARCHAR/VARBINARY columns as dictionary + indices instead of copying the
    /// strings out.
    public var keepDictionaries = true
    /// Column chunks separated by at most this many bytes are fetched in one ranged read.
    public var coalesceGap = 1 << 20

    public init() {}
}
