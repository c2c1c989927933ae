// Splits CSV text into records and fields (RFC 4180: quoted fields with delimiters, doubled quotes and line
// breaks inside; CR, LF or CRLF line ends). One record per call, written as byte ranges into a row of a
// `FieldTable`; unquoted fields, the common case, are scanned with a table lookup per byte and nothing else.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What scanning one record found.
struct CSVRecordScan {
    enum Outcome {
        /// A record: `fieldCount` fields, ending before `end`.
        case record
        /// A line with nothing on it.
        case emptyLine
        /// The record runs past the bytes in the window; read more and scan it again.
        case needMoreData
        /// No bytes are left.
        case endOfText
        /// A quote opened at `errorOffset` is never closed.
        case unterminatedQuote
        /// Something other than a delimiter or line end follows a closing quote, at `errorOffset`.
        case textAfterClosingQuote
    }

    var outcome: Outcome
    /// Where the next record starts.
    var end = 0
    var fieldCount = 0
    /// Line breaks inside quoted fields (the record's own line end not counted).
    var lineBreaks = 0
    var errorOffset = 0
    /// Whether the last field is empty and unquoted (a trailing delimiter).
    var lastFieldEmpty = false
}

final class CSVTokenizer {
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09

    let delimiter: UInt8
    /// The quote character, when quoting is on.
    let quote: UInt8?
    let escape: UInt8
    /// 1 for the bytes that end an unquoted field: the delimiter, CR, LF.
    private let stops: UnsafeMutablePointer<UInt8>

    init(delimiter: UInt8, quote: UInt8?, escape: UInt8?) {
        self.delimiter = delimiter
        self.quote = quote
        self.escape = escape ?? quote ?? 0
        stops = .allocate(capacity: 256)
        stops.initialize(repeating: 0, count: 256)
        stops[Int(delimiter)] = 1
        stops[Int(Self.lineFeed)] = 1
        stops[Int(Self.carriageReturn)] = 1
    }

    deinit {
        stops.deallocate()
    }

    /// Scans the record starting at `start`. Fields are written to the row whose slots start at
    /// `starts`/`ends`/`kinds` (at most `columns` of them; more are counted but not kept), as offsets from
    /// `origin`. `isComplete` says whether the text ends at `count` or more may come.
    func scanRecord(
        _ bytes: UnsafePointer<UInt8>, count: Int, isComplete: Bool, from start: Int, origin: Int,
        starts: UnsafeMutablePointer<Int32>, ends: UnsafeMutablePointer<Int32>, kinds: UnsafeMutablePointer<UInt8>,
        columns: Int
    ) -> CSVRecordScan {
        var position = start
        guard position < count else {
            return CSVRecordScan(outcome: isComplete ? .endOfText : .needMoreData)
        }
        let first = bytes[position]
        if first == Self.lineFeed {
            return CSVRecordScan(outcome: .emptyLine, end: position + 1)
        }
        if first == Self.carriageReturn {
            if position + 1 < count {
                return CSVRecordScan(outcome: .emptyLine, end: bytes[position + 1] == Self.lineFeed ? position + 2 : position + 1)
            }
            return isComplete
                ? CSVRecordScan(outcome: .emptyLine, end: position + 1) : CSVRecordScan(outcome: .needMoreData)
        }
        let stops = self.stops
        let delimiter = self.delimiter
        var field = 0
        var lineBreaks = 0
        while true {
            var fieldStart = position
            var fieldEnd: Int
            var kind = FieldKind.plain
            if let quote {
                // Spaces before an opening quote are not part of the value (`a, "b"`).
                var probe = position
                while probe < count && bytes[probe] == Self.space { probe &+= 1 }
                if probe == count && probe > position && !isComplete {
                    return CSVRecordScan(outcome: .needMoreData)
                }
                if probe < count && bytes[probe] == quote { position = probe }
            }
            if let quote, position < count, bytes[position] == quote {
                let openingQuote = position
                position &+= 1
                let contentStart = position
                var escaped = false
                while true {
                    guard let found = findQuoteOrEscape(bytes, from: position, to: count, quote: quote) else {
                        return isComplete
                            ? CSVRecordScan(outcome: .unterminatedQuote, errorOffset: openingQuote)
                            : CSVRecordScan(outcome: .needMoreData)
                    }
                    if found + 1 == count && !isComplete {
                        return CSVRecordScan(outcome: .needMoreData)
                    }
                    let next: UInt8? = found + 1 < count ? bytes[found + 1] : nil
                    if bytes[found] != quote {
                        // An escape character: it escapes a quote or itself, else it is literal.
                        if next == quote || next == escape {
                            escaped = true
                            position = found &+ 2
                        } else {
                            position = found &+ 1
                        }
                        continue
                    }
                    if next == quote {
                        escaped = true
                        position = found &+ 2
                        continue
                    }
                    fieldEnd = found
                    position = found &+ 1
                    break
                }
                lineBreaks &+= Self.countLineBreaks(bytes, from: contentStart, to: fieldEnd)
                fieldStart = contentStart
                kind = escaped ? FieldKind.csvEscaped : FieldKind.quoted
                // Spaces may follow the closing quote; then the field must end.
                while position < count && (bytes[position] == Self.space || (bytes[position] == Self.tab && delimiter != Self.tab)) {
                    position &+= 1
                }
                if position == count {
                    if !isComplete { return CSVRecordScan(outcome: .needMoreData) }
                } else if stops[Int(bytes[position])] == 0 {
                    return CSVRecordScan(outcome: .textAfterClosingQuote, errorOffset: position)
                }
            } else {
                position = findStop(bytes, from: position, count: count, stops: stops)
                if position == count && !isComplete {
                    return CSVRecordScan(outcome: .needMoreData)
                }
                fieldEnd = position
            }
            if field < columns {
                starts[field] = Int32(truncatingIfNeeded: fieldStart &- origin)
                ends[field] = Int32(truncatingIfNeeded: fieldEnd &- origin)
                kinds[field] = kind
            }
            field &+= 1
            let lastFieldEmpty = kind == FieldKind.plain && fieldEnd == fieldStart
            guard position < count else {
                // The text ends without a line break after the last record.
                return CSVRecordScan(
                    outcome: .record, end: position, fieldCount: field, lineBreaks: lineBreaks, lastFieldEmpty: lastFieldEmpty)
            }
            let stop = bytes[position]
            if stop == delimiter {
                position &+= 1
                continue
            }
            if stop == Self.lineFeed {
                return CSVRecordScan(
                    outcome: .record, end: position + 1, fieldCount: field, lineBreaks: lineBreaks,
                    lastFieldEmpty: lastFieldEmpty)
            }
            // A carriage return, alone or before a line feed.
            if position + 1 < count {
                let end = bytes[position + 1] == Self.lineFeed ? position + 2 : position + 1
                return CSVRecordScan(
                    outcome: .record, end: end, fieldCount: field, lineBreaks: lineBreaks, lastFieldEmpty: lastFieldEmpty)
            }
            if !isComplete { return CSVRecordScan(outcome: .needMoreData) }
            return CSVRecordScan(
                outcome: .record, end: position + 1, fieldCount: field, lineBreaks: lineBreaks, lastFieldEmpty: lastFieldEmpty)
        }
    }

    /// The first delimiter, CR or LF at or after `from` (or `count`): eight bytes at a time while they
    /// last (SWAR: a byte equal to `b` is a zero byte of `word ^ b·0x0101…`, and the lowest zero byte is
    /// found exactly), then byte by byte.
    @inline(__always)
    private func findStop(_ bytes: UnsafePointer<UInt8>, from start: Int, count: Int, stops: UnsafeMutablePointer<UInt8>) -> Int {
        var position = start
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let delimiters = UInt64(delimiter) &* ones
        let lineFeeds = UInt64(Self.lineFeed) &* ones
        let returns = UInt64(Self.carriageReturn) &* ones
        let raw = UnsafeRawPointer(bytes)
        while position &+ 8 <= count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt64.self))
            let a = word ^ delimiters
            let b = word ^ lineFeeds
            let c = word ^ returns
            let found = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
            if found != 0 {
                return position &+ found.trailingZeroBitCount >> 3
            }
            position &+= 8
        }
        while position < count && stops[Int(bytes[position])] == 0 {
            position &+= 1
        }
        return position
    }

    /// The next quote (or distinct escape character) at or after `from`.
    @inline(__always)
    private func findQuoteOrEscape(_ bytes: UnsafePointer<UInt8>, from: Int, to count: Int, quote: UInt8) -> Int? {
        guard from < count else { return nil }
        if escape == quote {
            guard let found = memchr(bytes + from, Int32(quote), count - from) else { return nil }
            return found.assumingMemoryBound(to: UInt8.self) - UnsafeMutablePointer(mutating: bytes)
        }
        var index = from
        while index < count {
            let byte = bytes[index]
            if byte == quote || byte == escape { return index }
            index &+= 1
        }
        return nil
    }

    /// Line breaks in `from..<to`: LF, CRLF and a lone CR each count once.
    static func countLineBreaks(_ bytes: UnsafePointer<UInt8>, from: Int, to: Int) -> Int {
        var breaks = 0
        var index = from
        while index < to {
            let byte = bytes[index]
            if byte == lineFeed {
                breaks &+= 1
            } else if byte == carriageReturn && (index + 1 >= to || bytes[index + 1] != lineFeed) {
                breaks &+= 1
            }
            index &+= 1
        }
        return breaks
    }

    /// Where the line after the one at `start` begins (for skipping lines), or nil if the text ends first.
    static func lineEnd(_ bytes: UnsafePointer<UInt8>, count: Int, from start: Int) -> Int? {
        var index = start
        while index < count {
            let byte = bytes[index]
            if byte == lineFeed { return index + 1 }
            if byte == carriageReturn {
                if index + 1 < count { return bytes[index + 1] == lineFeed ? index + 2 : index + 1 }
                return nil
            }
            index &+= 1
        }
        return nil
    }
}
