// What a finished Parquet write produced: where, how big, how many rows and row groups, and the footer.

public struct ParquetWriteResult: Sendable {
    /// The file as users name it (a path or an `s3://` URI).
    public var location: String
    public var fileSize: Int
    public var rowCount: Int
    public var metadata: FileMetaData

    public var rowGroupCount: Int { metadata.rowGroups.count }
}
