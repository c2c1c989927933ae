// The records of one JSON file in order: values one per line (NDJSON), one after another, or the elements
// of one top-level array. Drives the scanner over the sliding text window and keeps the line count; a
// malformed record is handed back with the place to resume (the next line), so callers can skip it.

final class JSONRecordStream {
    enum Next {
        /// A record; positions in `scan` (and the scanner's members) are window offsets.
        case record(JSONRecordScan, start: Int, line: Int)
        /// A record that is not valid JSON, with its text; reading goes on at the next line.
        case malformed(TextFormatError, record: String)
        case end
    }

    private enum ArrayState {
        case notArray, expectingFirst, expectingSeparator, expectingElement, closed
    }

    let scanner: JSONScanner
    let location: String
    let maximumObjectSize: Int
    /// Whether each record must sit on one line.
    let newlineDelimited: Bool
    private let window: TextWindow
    // Read and written per record by one thread: no runtime exclusivity checks.
    @exclusivity(unchecked) private var position: Int
    @exclusivity(unchecked) private var line = 1
    @exclusivity(unchecked) private var arrayState = ArrayState.notArray
    /// Where the rows of the current batch start in the window.
    @exclusivity(unchecked) private(set) var origin = 0

    init(source: TextSource, options: JSONOptions) throws(TextFormatError) {
        location = source.location
        maximumObjectSize = options.maximumObjectSize
        newlineDelimited = options.format == .newlineDelimited
        scanner = JSONScanner(maximumNesting: options.maximumNesting, allowsLineBreaks: !newlineDelimited)
        window = try source.makeWindow(chunkSize: options.chunkSize)
        position = try window.byteOrderMarkLength()
        switch options.format {
        case .array:
            arrayState = .expectingFirst
        case .auto:
            try skipWhitespace()
            if position < window.count && window.bytes[position] == UInt8(ascii: "[") { arrayState = .expectingFirst }
        case .newlineDelimited, .unstructured:
            break
        }
        if arrayState == .expectingFirst {
            try skipWhitespace()
            guard position < window.count, window.bytes[position] == UInt8(ascii: "[") else {
                throw error("expected '[' to open the array of records", at: position)
            }
            position += 1
        }
    }

    /// The window's bytes where the current batch's offsets start; valid until the next refill.
    var base: UnsafePointer<UInt8> { window.bytes + origin }

    /// The window's bytes, which the offsets of the last record are into; valid until the next refill.
    var windowBytes: UnsafePointer<UInt8> { window.bytes }

    /// Starts a batch: offsets of the records read next are taken from here.
    func beginBatch() {
        origin = position
    }

    /// The next record.
    func next() throws(TextFormatError) -> Next {
        while true {
            try skipWhitespace()
            let count = window.count
            if position >= count {
                if arrayState == .expectingFirst || arrayState == .expectingSeparator || arrayState == .expectingElement {
                    throw error("the array of records is not closed (']' missing)", at: position)
                }
                return .end
            }
            let byte = window.bytes[position]
            switch arrayState {
            case .notArray, .expectingElement:
                break
            case .expectingFirst:
                if byte == UInt8(ascii: "]") {
                    position += 1
                    arrayState = .closed
                    continue
                }
            case .expectingSeparator:
                if byte == UInt8(ascii: ",") {
                    position += 1
                    arrayState = .expectingElement
                    continue
                }
                if byte == UInt8(ascii: "]") {
                    position += 1
                    arrayState = .closed
                    continue
                }
                throw error("expected ',' or ']' after a record in the array", at: position)
            case .closed:
                throw error("unexpected text after the array of records", at: position)
            }
            let scan = scanner.scanRecord(window.bytes, count: count, isComplete: window.isComplete, from: position)
            switch scan.outcome {
            case .needMoreData:
                if count - position > maximumObjectSize {
                    throw error("record larger than maximum_object_size (\(maximumObjectSize) bytes)", at: position)
                }
                let shift = try window.refill(keepingFrom: origin)
                position -= shift
                origin -= shift
                continue
            case .malformed:
                let failure = error("malformed JSON: " + scanner.errorMessage, at: scan.errorOffset, recordStart: position)
                if arrayState != .notArray { throw failure }
                // Resume on the line after the error: the best guess at where the next record starts.
                let resume = CSVTokenizer.lineEnd(window.bytes, count: count, from: min(scan.errorOffset, count)) ?? count
                let record = TextPosition.recordText(window.bytes, from: position, to: resume)
                line = (failure.line ?? line) + 1
                position = resume
                return .malformed(failure, record: record)
            case .record:
                if newlineDelimited, let trailing = textAfterRecord(scan.end) {
                    let failure = error("malformed JSON: text after the record on its line", at: trailing, recordStart: position)
                    let resume = CSVTokenizer.lineEnd(window.bytes, count: count, from: trailing) ?? count
                    let record = TextPosition.recordText(window.bytes, from: position, to: resume)
                    line += 1
                    position = resume
                    return .malformed(failure, record: record)
                }
                let start = position
                let startLine = line
                position = scan.end
                line += scan.lineBreaks
                if arrayState == .expectingFirst || arrayState == .expectingElement { arrayState = .expectingSeparator }
                return .record(scan, start: start, line: startLine)
            }
        }
    }

    /// Where non-blank text follows a record on its line, if it does.
    private func textAfterRecord(_ end: Int) -> Int? {
        var index = end
        while index < window.count {
            let byte = window.bytes[index]
            if byte == 0x0A { return nil }
            if byte != 0x20 && byte != 0x09 && byte != 0x0D { return index }
            index += 1
        }
        return nil
    }

    /// Skips whitespace (counting lines), reading more as needed.
    private func skipWhitespace() throws(TextFormatError) {
        while true {
            let bytes = window.bytes
            let count = window.count
            while position < count {
                let byte = bytes[position]
                if byte == 0x0A {
                    line += 1
                } else if byte != 0x20 && byte != 0x09 && byte != 0x0D {
                    return
                }
                position += 1
            }
            if window.isComplete { return }
            let shift = try window.refill(keepingFrom: origin)
            position -= shift
            origin -= shift
        }
    }

    /// An error at `offset`, located from the start of the record it is in (or the current line).
    private func error(_ message: String, at offset: Int, recordStart: Int? = nil) -> TextFormatError {
        let start = recordStart ?? lineStart(before: offset)
        let (errorLine, column) = TextPosition.locate(
            window.bytes, recordStart: start, recordLine: line, offset: min(offset, window.count))
        return TextFormatError(.malformed, message, file: location, line: errorLine, column: column)
    }

    /// The start of the line holding `offset` (or of the window, if the line began before it).
    private func lineStart(before offset: Int) -> Int {
        var index = min(offset, window.count)
        while index > 0 && window.bytes[index - 1] != 0x0A { index -= 1 }
        return index
    }
}
