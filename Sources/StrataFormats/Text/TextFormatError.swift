// What is wrong with a CSV or JSON file, and where: the file, the line and column (1-based, as an editor
// shows them) and the column of the table the value belonged to.

public struct TextFormatError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        /// The text does not follow the format: an unterminated quote, malformed JSON, a row with the
        /// wrong number of fields, invalid UTF-8.
        case malformed
        /// A value does not fit its column's type (`'n/a' is not a DOUBLE`).
        case conversion
        /// The file's columns do not match what was asked or inferred: a JSON field first seen after the
        /// sample, an unknown column named in the options.
        case schema
        /// The compressed stream is broken or truncated.
        case corrupt
        /// An option Strata does not accept, or a column type it cannot read from text.
        case invalidOption
        /// The storage below failed.
        case io
    }

    public var code: Code
    public var message: String
    /// The file as the user names it: a path or an `s3://` URI.
    public var file: String?
    /// 1-based line in the (decompressed) file.
    public var line: Int?
    /// 1-based character position in that line.
    public var column: Int?
    /// The name of the table column the value was read for.
    public var field: String?

    public init(
        _ code: Code, _ message: String, file: String? = nil, line: Int? = nil, column: Int? = nil,
        field: String? = nil
    ) {
        self.code = code
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.field = field
    }

    /// This error with the location filled in where it is not already known.
    public func located(file: String? = nil, line: Int? = nil, column: Int? = nil) -> TextFormatError {
        var copy = self
        copy.file = self.file ?? file
        copy.line = self.line ?? line
        copy.column = self.column ?? column
        return copy
    }

    /// `file:line:column: message`, the way compilers point at a place in a file.
    public var description: String {
        var text = file ?? ""
        if let line {
            text += text.isEmpty ? "line \(line)" : ":\(line)"
            if let column { text += ":\(column)" }
        }
        return text.isEmpty ? message : text + ": " + message
    }
}
