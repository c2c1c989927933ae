// Where the values of one batch lie in the text window: per row and column a byte range and a kind, plus
// where each row starts. Readers fill it record by record in a tight loop and convert it column by column,
// so the text is touched twice and no String is made per value.

/// How a field's bytes are to be read. Stored as one byte per field.
enum FieldKind {
    /// No value: a JSON field absent from its object, a JSON `null`, a CSV row padded with nulls.
    static let missing: UInt8 = 0
    /// Bytes as they are: a CSV field without quotes, a JSON number, literal or nested value.
    static let plain: UInt8 = 1
    /// The inside of quotes, with nothing to unescape.
    static let quoted: UInt8 = 2
    /// The inside of CSV quotes holding doubled quotes or escape characters.
    static let csvEscaped: UInt8 = 3
    /// The inside of a JSON string holding backslash escapes.
    static let jsonEscaped: UInt8 = 4
}

final class FieldTable {
    let columnCount: Int
    let rowCapacity: Int
    /// Rows filled so far (updated per record by one thread: no runtime exclusivity checks).
    @exclusivity(unchecked) var rowCount = 0
    /// Field starts and ends, relative to the window offset where the batch begins.
    let starts: UnsafeMutablePointer<Int32>
    let ends: UnsafeMutablePointer<Int32>
    let kinds: UnsafeMutablePointer<UInt8>
    /// Where each row's record starts and ends (relative, like fields) and on which line of the file it starts.
    let rowStarts: UnsafeMutablePointer<Int32>
    let rowEnds: UnsafeMutablePointer<Int32>
    let rowLines: UnsafeMutablePointer<Int>

    init(columnCount: Int, rowCapacity: Int) {
        self.columnCount = columnCount
        self.rowCapacity = rowCapacity
        let slots = max(columnCount * rowCapacity, 1)
        starts = .allocate(capacity: slots)
        ends = .allocate(capacity: slots)
        kinds = .allocate(capacity: slots)
        kinds.initialize(repeating: FieldKind.missing, count: slots)
        starts.initialize(repeating: 0, count: slots)
        ends.initialize(repeating: 0, count: slots)
        rowStarts = .allocate(capacity: max(rowCapacity, 1))
        rowEnds = .allocate(capacity: max(rowCapacity, 1))
        rowLines = .allocate(capacity: max(rowCapacity, 1))
    }

    deinit {
        starts.deallocate()
        ends.deallocate()
        kinds.deallocate()
        rowStarts.deallocate()
        rowEnds.deallocate()
        rowLines.deallocate()
    }

    /// Marks every field of `row` missing, for readers that fill only the fields a record has.
    @inline(__always)
    func clearRow(_ row: Int) {
        (kinds + row * columnCount).update(repeating: FieldKind.missing, count: columnCount)
    }
}
