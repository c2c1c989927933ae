// How a Parquet file is written: codec, page and row group sizes, page version, dictionary and value
// encodings, statistics truncation, page index, bloom filters, declared sort order and metadata. The
// defaults follow what Spark, Trino and pyarrow write and read best: SNAPPY, v1 pages of ~1 MB and at
// most 20 000 rows, row groups of ~128 MB, dictionaries when they pay, a page index for every column.

public struct ParquetWriterOptions: Sendable, Hashable {
    public enum DataPageVersion: Sendable, Hashable {
        /// DATA_PAGE: levels and values compressed together. What every reader handles.
        case v1
        /// DATA_PAGE_V2: levels uncompressed before the compressed values.
        case v2
    }

    public enum DictionaryPolicy: Sendable, Hashable {
        /// Start every column chunk (except BOOLEAN) dictionary-encoded; keep the dictionary when it makes
        /// the first page smaller than PLAIN would, else write PLAIN.
        case automatic
        /// Dictionary-encode every column chunk (except BOOLEAN) until the dictionary reaches its limit.
        case always
        case never
    }

    /// A declared order of the rows, recorded in each row group (`SortingColumn`) where the rows follow it.
    public struct SortKey: Sendable, Hashable {
        public var column: String
        public var descending: Bool
        public var nullsFirst: Bool

        public init(_ column: String, descending: Bool = false, nullsFirst: Bool = false) {
            self.column = column
            self.descending = descending
            self.nullsFirst = nullsFirst
        }
    }

    /// The writer named in `created_by` and the key-value metadata.
    public static let writerName = "Strata"
    public static let writerVersion = "0.1.0"
    public static let defaultCreatedBy = "\(writerName) version \(writerVersion)"

    public var compression: CompressionCodec = .snappy
    /// The codec's level (ZSTD 1...22, GZIP 0...9, BROTLI 0...11); nil for the codec's default.
    public var compressionLevel: Int32?
    public var dataPageVersion: DataPageVersion = .v1
    /// A data page is closed once its encoded values and levels reach this many bytes.
    public var pageSize = 1 << 20
    /// ... or this many rows (small pages let the page index skip more).
    public var maxPageRows = 20_000
    /// A row group is flushed once the column chunks buffered for it reach this many bytes.
    public var rowGroupSize = 128 << 20
    /// ... or this many rows, when set.
    public var maxRowGroupRows: Int?
    public var dictionary: DictionaryPolicy = .automatic
    /// A column chunk falls back to its plain encoding once its dictionary (PLAIN-encoded) passes this size.
    public var dictionaryPageSizeLimit = 1 << 20
    /// The value encoding of named columns: RLE_DICTIONARY (dictionary whatever the policy), or an encoding
    /// for pages without dictionary — PLAIN, DELTA_BINARY_PACKED (INT32/INT64), DELTA_LENGTH_BYTE_ARRAY
    /// (BYTE_ARRAY), DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY), BYTE_STREAM_SPLIT (FLOAT, DOUBLE,
    /// INT32, INT64) — which turns the dictionary off for the column.
    public var columnEncodings: [String: Encoding] = [:]
    /// Columns that get a split-block bloom filter in every row group.
    public var bloomFilterColumns: Set<String> = []
    public var bloomFilterFalsePositiveRate = 0.01
    /// The largest bitset of one column chunk's bloom filter.
    public var bloomFilterMaximumBytes = 1 << 20
    public var sortedBy: [SortKey] = []
    /// Column chunk min/max of VARCHAR and VARBINARY are cut to this many bytes (the max rounded up, and
    /// marked inexact); nil keeps them whole.
    public var statisticsTruncateLength: Int? = 64
    /// The same for the page index's per-page bounds.
    public var columnIndexTruncateLength: Int? = 64
    /// Write the column index and offset index of every column chunk.
    public var writePageIndex = true
    /// Write the CRC-32 of every page in its header.
    public var pageChecksums = false
    /// TIMESTAMP columns are annotated `isAdjustedToUTC` (read as TIMESTAMP WITH TIME ZONE by DuckDB, as
    /// an instant by Spark and Trino); false writes local timestamps.
    public var timestampsAdjustedToUTC = true
    public var createdBy = ParquetWriterOptions.defaultCreatedBy
    /// Added to the file's key-value metadata, after the entry naming the writer.
    public var keyValueMetadata: [KeyValue] = []

    public init() {}

    /// Options with the given codec (and level).
    public init(compression: CompressionCodec, level: Int32? = nil) {
        self.compression = compression
        compressionLevel = level
    }

    /// Checks the options against a schema: sizes, codec, and columns named that exist.
    func validate(against fields: [ParquetColumnType]) throws(ParquetError) {
        guard pageSize > 0 else { throw ParquetError(.unsupported, "page size must be positive (got \(pageSize))") }
        guard maxPageRows > 0, maxPageRows <= Int(Int32.max) else {
            throw ParquetError(.unsupported, "rows per page must be between 1 and \(Int32.max) (got \(maxPageRows))")
        }
        guard rowGroupSize > 0 else { throw ParquetError(.unsupported, "row group size must be positive (got \(rowGroupSize))") }
        if let maxRowGroupRows, maxRowGroupRows <= 0 {
            throw ParquetError(.unsupported, "rows per row group must be positive (got \(maxRowGroupRows))")
        }
        guard dictionaryPageSizeLimit > 0 else {
            throw ParquetError(.unsupported, "dictionary page size limit must be positive (got \(dictionaryPageSizeLimit))")
        }
        switch compression {
        case .lzo: throw ParquetError(.unsupported, "the LZO codec is not supported for writing")
        case .lz4:
            throw ParquetError(.unsupported, "the LZ4 codec (Hadoop framing) is deprecated and read inconsistently; use LZ4_RAW")
        default: break
        }
        if let statisticsTruncateLength, statisticsTruncateLength < 1 {
            throw ParquetError(.unsupported, "statistics truncate length must be positive (got \(statisticsTruncateLength))")
        }
        if let columnIndexTruncateLength, columnIndexTruncateLength < 1 {
            throw ParquetError(.unsupported, "column index truncate length must be positive (got \(columnIndexTruncateLength))")
        }
        guard bloomFilterFalsePositiveRate > 0, bloomFilterFalsePositiveRate < 1 else {
            throw ParquetError(.unsupported, "bloom filter false-positive rate must be between 0 and 1 (got \(bloomFilterFalsePositiveRate))")
        }
        let names = Set(fields.map(\.name))
        func check(_ name: String, _ what: String) throws(ParquetError) {
            guard names.contains(name) else {
                throw ParquetError(.unsupported, "\(what) names column '\(name)', which the schema does not have", column: name)
            }
        }
        for name in columnEncodings.keys.sorted() { try check(name, "an encoding option") }
        for name in bloomFilterColumns.sorted() { try check(name, "the bloom filter option") }
        for key in sortedBy { try check(key.column, "sorted_by") }
        for field in fields {
            if let encoding = columnEncodings[field.name] { try field.checkEncoding(encoding) }
            if bloomFilterColumns.contains(field.name) && field.physicalType == .boolean {
                throw ParquetError(.unsupported, "bloom filters are not written for BOOLEAN columns", column: field.name)
            }
        }
    }
}
