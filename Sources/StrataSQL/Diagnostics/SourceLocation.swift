// Line and column of a byte offset, the way people count them: both from 1, columns in characters
// (Unicode scalars), a line ending at "\n" (a "\r" before it belongs to the ending).

/// A 1-based line and column in the SQL text.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The location of byte `offset` in `utf8` (offsets past the end mean the end of the text).
    public init<Bytes: Collection<UInt8>>(offset: Int, in utf8: Bytes) where Bytes.Index == Int {
        var line = 1
        var column = 1
        var index = utf8.startIndex
        let end = Swift.min(Swift.max(offset, 0) + utf8.startIndex, utf8.endIndex)
        while index < end {
            let byte = utf8[index]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1  // count only the first byte of each scalar
            }
            index += 1
        }
        self.init(line: line, column: column)
    }

    public var description: String { "line \(line), column \(column)" }
}
