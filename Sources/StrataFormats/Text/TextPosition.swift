// Line and column of a byte in the text, for error messages: counted from the start of the record it is
// in (whose line the reader knows), so finding it costs only on the error path.

enum TextPosition {
    /// The 1-based line and character column of `offset`, given that `recordStart` is at the start of
    /// line `recordLine`. LF, CRLF and a lone CR end a line; columns count characters, not bytes.
    static func locate(
        _ bytes: UnsafePointer<UInt8>, recordStart: Int, recordLine: Int, offset: Int
    ) -> (line: Int, column: Int) {
        var line = recordLine
        var column = 1
        var index = recordStart
        while index < offset {
            let byte = bytes[index]
            if byte == 0x0A || (byte == 0x0D && (index + 1 >= offset || bytes[index + 1] != 0x0A)) {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 && byte != 0x0D {
                column += 1
            }
            index += 1
        }
        return (line, column)
    }

    /// The text of a record for a reject report, cut at 64 KiB.
    static func recordText(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> String {
        var stop = min(end, start + 65_536)
        // Drop the record's own line break.
        while stop > start && (bytes[stop - 1] == 0x0A || bytes[stop - 1] == 0x0D) { stop -= 1 }
        return String(decoding: UnsafeRawBufferPointer(start: bytes + start, count: max(stop - start, 0)), as: UTF8.self)
    }
}
