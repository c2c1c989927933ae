// The records of one CSV file in order, batch by batch: drives the tokenizer over the sliding text window,
// keeps the line count, and applies the rules for empty lines and rows with the wrong number of fields.
// Both the sniffer and the reader read through it.
import StrataCore

final class CSVRecordStream {
    /// What to do with a record whose field count is not the table's.
    enum RaggedRows {
        /// Keep it: extra fields are dropped, missing ones are NULL (the sniffer looks past such rows).
        case tolerate
        /// Apply the reader's options: pad short rows when `nullPadding`, else report by `onError`.
        case enforce(nullPadding: Bool, onError: TextErrorMode)
    }

    let tokenizer: CSVTokenizer
    let location: String
    let maxLineSize: Int
    private let window: TextWindow
    // Read and written per record; one thread uses a stream, so no runtime exclusivity checks.
    /// Where the next record starts in the window.
    @exclusivity(unchecked) private var position: Int
    /// The line the next record starts on.
    @exclusivity(unchecked) private(set) var line = 1
    /// Where the rows of the last filled table start in the window (their offsets are relative to it).
    @exclusivity(unchecked) private(set) var origin = 0

    init(source: TextSource, tokenizer: CSVTokenizer, skipLines: Int, maxLineSize: Int, chunkSize: Int?)
        throws(TextFormatError)
    {
        self.tokenizer = tokenizer
        self.location = source.location
        self.maxLineSize = maxLineSize
        window = try source.makeWindow(chunkSize: chunkSize)
        position = try window.byteOrderMarkLength()
        for _ in 0..<skipLines {
            guard try skipLine() else { break }
        }
    }

    /// The window's bytes where the last filled table's offsets start; valid until the next fill.
    var base: UnsafePointer<UInt8> { window.bytes + origin }

    var isAtEnd: Bool { window.isComplete && position >= window.count }

    /// Skips one raw line (quotes not considered, as DuckDB's `skip` does). False at the end of the text.
    func skipLine() throws(TextFormatError) -> Bool {
        while true {
            if let end = CSVTokenizer.lineEnd(window.bytes, count: window.count, from: position) {
                position = end
                line += 1
                return true
            }
            if window.isComplete {
                let hadText = position < window.count
                position = window.count
                return hadText
            }
            position -= try window.refill(keepingFrom: position)
        }
    }

    /// The field counts of the next `limit` records (empty lines left out), for sniffing the delimiter.
    /// Stops early at malformed quoting.
    func fieldCounts(limit: Int) throws(TextFormatError) -> [Int] {
        var counts: [Int] = []
        // With no columns to keep, the tokenizer writes nothing to the row.
        var start: Int32 = 0
        var end: Int32 = 0
        var kind: UInt8 = 0
        while counts.count < limit {
            let scan = tokenizer.scanRecord(
                window.bytes, count: window.count, isComplete: window.isComplete, from: position, origin: 0,
                starts: &start, ends: &end, kinds: &kind, columns: 0)
            switch scan.outcome {
            case .record:
                counts.append(scan.fieldCount)
                position = scan.end
            case .emptyLine:
                position = scan.end
            case .needMoreData:
                guard window.count - position <= maxLineSize else { return counts }
                position -= try window.refill(keepingFrom: position)
            case .endOfText, .unterminatedQuote, .textAfterClosingQuote:
                return counts
            }
        }
        return counts
    }

    /// Reads records into `table` (from its first row) until it holds `limit` rows or the text ends.
    /// Row offsets are relative to `origin`. Rows left out under `.skip` are passed to `reject`.
    func fill(
        _ table: FieldTable, limit: Int, ragged: RaggedRows, reject: (TextFormatError, String) -> Void
    ) throws(TextFormatError) {
        table.rowCount = 0
        origin = position
        let columns = table.columnCount
        let limit = min(limit, table.rowCapacity)
        while table.rowCount < limit {
            let row = table.rowCount
            let slot = row * columns
            let scan = tokenizer.scanRecord(
                window.bytes, count: window.count, isComplete: window.isComplete, from: position, origin: origin,
                starts: table.starts + slot, ends: table.ends + slot, kinds: table.kinds + slot, columns: columns)
            switch scan.outcome {
            case .needMoreData:
                if window.count - position > maxLineSize { throw lineTooLong() }
                let shift = try window.refill(keepingFrom: origin)
                position -= shift
                origin -= shift
                continue
            case .endOfText:
                return
            case .emptyLine:
                // One column: an empty line is a NULL value. More: a blank line between rows, skipped.
                if columns == 1 {
                    table.rowStarts[row] = Int32(position - origin)
                    table.rowEnds[row] = Int32(scan.end - origin)
                    table.rowLines[row] = line
                    table.clearRow(row)
                    table.rowCount += 1
                }
                position = scan.end
                line += 1
            case .record:
                if scan.end - position > maxLineSize { throw lineTooLong() }
                if scan.end - origin > Int(Int32.max) {
                    // Offsets are 32-bit: end the batch before this record.
                    if row > 0 { return }
                    throw lineTooLong()
                }
                var keep = true
                // One empty field too many is a trailing delimiter (`1,2,3,`), as some exporters write
                // on every row but the header: the row has its fields.
                let fieldCount =
                    scan.fieldCount == columns + 1 && scan.lastFieldEmpty && columns > 0 ? columns : scan.fieldCount
                if fieldCount != columns {
                    switch ragged {
                    case .tolerate:
                        if fieldCount < columns { markMissing(table, row: row, from: fieldCount) }
                    case .enforce(let nullPadding, let onError):
                        if fieldCount < columns && nullPadding {
                            markMissing(table, row: row, from: fieldCount)
                        } else {
                            let error = TextFormatError(
                                .malformed,
                                "expected \(columns) field\(columns == 1 ? "" : "s") but found \(scan.fieldCount)",
                                file: location, line: line)
                            guard onError == .skip else { throw error }
                            reject(error, TextPosition.recordText(window.bytes, from: position, to: scan.end))
                            keep = false
                        }
                    }
                }
                if keep {
                    table.rowStarts[row] = Int32(position - origin)
                    table.rowEnds[row] = Int32(scan.end - origin)
                    table.rowLines[row] = line
                    table.rowCount += 1
                }
                position = scan.end
                line += 1 + scan.lineBreaks
            case .unterminatedQuote, .textAfterClosingQuote:
                let (errorLine, errorColumn) = TextPosition.locate(
                    window.bytes, recordStart: position, recordLine: line, offset: scan.errorOffset)
                let message =
                    scan.outcome == .unterminatedQuote
                    ? "unterminated quoted field (the quote is never closed)"
                    : "unexpected character after a closing quote (a quote inside a field must be doubled)"
                let error = TextFormatError(.malformed, message, file: location, line: errorLine, column: errorColumn)
                guard case .enforce(_, .skip) = ragged else { throw error }
                // Resume at the next line: the best guess at where the next record starts.
                let resume = CSVTokenizer.lineEnd(window.bytes, count: window.count, from: position) ?? window.count
                reject(error, TextPosition.recordText(window.bytes, from: position, to: resume))
                position = resume
                line += 1
            }
        }
    }

    private func markMissing(_ table: FieldTable, row: Int, from field: Int) {
        let slot = row * table.columnCount
        for column in field..<table.columnCount {
            table.kinds[slot + column] = FieldKind.missing
            table.starts[slot + column] = 0
            table.ends[slot + column] = 0
        }
    }

    private func lineTooLong() -> TextFormatError {
        TextFormatError(
            .malformed, "record longer than max_line_size (\(maxLineSize) bytes); is a quote never closed?",
            file: location, line: line)
    }
}
