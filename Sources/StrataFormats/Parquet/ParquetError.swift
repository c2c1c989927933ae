// What is wrong with a Parquet file, and where: the file, row group, column and byte offset.

public struct ParquetError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The bytes do not follow the format (bad magic, lengths past the end, undecodable pages).
        case corrupt
        /// Valid Parquet that Strata does not read yet (a nested column, the LZO codec).
        case unsupported
        /// The storage below failed.
        case io
    }

    public var code: Code
    public var message: String
    public var file: String?
    public var rowGroup: Int?
    /// The column's dotted path in the schema.
    public var column: String?
    /// Byte offset in the file where the problem is.
    public var offset: Int?

    public init(
        _ code: Code, _ message: String, file: String? = nil, rowGroup: Int? = nil, column: String? = nil,
        offset: Int? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.rowGroup = rowGroup
        self.column = column
        self.offset = offset
    }

    /// This error with the location filled in where it is not already known: decoders report what went
    /// wrong, the file reader adds where.
    public func located(file: String? = nil, rowGroup: Int? = nil, column: String? = nil, offset: Int? = nil)
        -> ParquetError
    {
        var copy = self
        copy.file = self.file ?? file
        copy.rowGroup = self.rowGroup ?? rowGroup
        copy.column = self.column ?? column
        copy.offset = self.offset ?? offset
        return copy
    }

    public var description: String {
        var place: [String] = []
        if let rowGroup { place.append("row group \(rowGroup)") }
        if let column { place.append("column '\(column)'") }
        if let offset { place.append("byte \(offset)") }
        var text = file.map { $0 + ": " } ?? ""
        if !place.isEmpty { text += place.joined(separator: ", ") + ": " }
        return text + message
    }
}
