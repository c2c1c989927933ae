// A data file of a table, with the raw partition values of the `key=value` folders it sits in.
import StrataStorage

public struct DataFile: Hashable, Sendable {
    public var key: String
    public var size: Int
    public var format: DataFileFormat
    /// Raw (unescaped) partition values in the order of the table's keys; nil is NULL.
    public var partitionValues: [String?]
    public var etag: String?

    public init(key: String, size: Int, format: DataFileFormat, partitionValues: [String?], etag: String? = nil) {
        self.key = key
        self.size = size
        self.format = format
        self.partitionValues = partitionValues
        self.etag = etag
    }
}
