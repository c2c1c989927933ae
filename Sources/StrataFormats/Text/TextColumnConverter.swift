// Turns one column of a `FieldTable` into a typed `Column`: one loop per column and type, parsing each
// field's bytes in place into the column's buffers. Values that do not fit go to the reader's error
// handler, which throws, or lets the value be NULL (and perhaps drops the row later).
import StrataCore

/// A column to produce: its name (for messages), type, and the layout of its dates or timestamps (nil: ISO).
struct TextColumnSpec {
    var name: String
    var type: DataType
    var format: TemporalFormat?

    /// Whether text readers can produce `type`.
    static func canRead(_ type: DataType) -> Bool {
        switch type {
        case .interval, .unknown: return false
        default: return true
        }
    }
}

/// How to read field texts: which ones are NULL, the decimal point, CSV's quote and escape.
struct TextConversionSettings {
    var nulls: NullMatcher
    var decimalSeparator: UInt8 = UInt8(ascii: ".")
    var quote: UInt8 = UInt8(ascii: "\"")
    var escape: UInt8 = UInt8(ascii: "\"")
}

final class TextColumnConverter {
    /// Called with the row and a description of a value that does not fit. It throws to stop the read,
    /// or returns to have the value read as NULL.
    typealias ErrorHandler = (_ row: Int, _ message: String) throws(TextFormatError) -> Void

    private let settings: TextConversionSettings
    /// Room to unescape one field into (touched per value by one thread: no exclusivity checks).
    @exclusivity(unchecked) private var scratch: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var scratchCapacity: Int

    init(settings: TextConversionSettings) {
        self.settings = settings
        scratchCapacity = 256
        scratch = .allocate(capacity: scratchCapacity)
    }

    deinit {
        scratch.deallocate()
    }

    /// The column `column` of `table`, whose positions are relative to `base`.
    func convert(
        _ table: FieldTable, column: Int, base: UnsafePointer<UInt8>, spec: TextColumnSpec,
        onError: ErrorHandler
    ) throws(TextFormatError) -> Column {
        let separator = settings.decimalSeparator
        switch spec.type {
        case .boolean:
            return try convertFixed(table, column, base, spec, UInt8.self, onError) { text in
                TextNumberParser.boolean(text).map { $0 ? 1 : 0 }
            }
        case .tinyint:
            return try convertFixed(table, column, base, spec, Int8.self, onError) { text in
                TextNumberParser.roundedInteger(text).flatMap { Int8(exactly: $0) }
            }
        case .smallint:
            return try convertFixed(table, column, base, spec, Int16.self, onError) { text in
                TextNumberParser.roundedInteger(text).flatMap { Int16(exactly: $0) }
            }
        case .integer:
            return try convertFixed(table, column, base, spec, Int32.self, onError) { text in
                TextNumberParser.roundedInteger(text).flatMap { Int32(exactly: $0) }
            }
        case .bigint:
            return try convertFixed(table, column, base, spec, Int64.self, onError) { text in
                TextNumberParser.roundedInteger(text)
            }
        case .real:
            return try convertFixed(table, column, base, spec, Float.self, onError) { text in
                TextNumberParser.float(text, decimalSeparator: separator)
            }
        case .double:
            return try convertFixed(table, column, base, spec, Double.self, onError) { text in
                TextNumberParser.double(text, decimalSeparator: separator)
            }
        case .decimal(let precision, let scale):
            return try convertFixed(table, column, base, spec, Int128.self, onError) { text in
                TextNumberParser.decimal(text, precision: precision, scale: scale, decimalSeparator: separator)
            }
        case .date:
            if let format = spec.format {
                return try convertFixed(table, column, base, spec, Int32.self, onError) { format.parseDate($0) }
            }
            return try convertFixed(table, column, base, spec, Int32.self, onError) { TemporalParser.parseDate($0) }
        case .time:
            return try convertFixed(table, column, base, spec, Int64.self, onError) { TemporalParser.parseTime($0) }
        case .timestamp:
            if let format = spec.format {
                return try convertFixed(table, column, base, spec, Int64.self, onError) { format.parseTimestamp($0) }
            }
            return try convertFixed(table, column, base, spec, Int64.self, onError) {
                TemporalParser.parseTimestamp($0)
            }
        case .varchar, .varbinary:
            return try convertVariable(table, column, base, spec, onError)
        case .interval, .unknown:
            preconditionFailure("readers reject \(spec.type) columns before reading")
        }
    }

    // MARK: Loops

    @inline(__always)
    private func convertFixed<T: BitwiseCopyable>(
        _ table: FieldTable, _ column: Int, _ base: UnsafePointer<UInt8>, _ spec: TextColumnSpec, _: T.Type,
        _ onError: ErrorHandler, _ parse: (UnsafeRawBufferPointer) -> T?
    ) throws(TextFormatError) -> Column {
        let rows = table.rowCount
        let stride = MemoryLayout<T>.stride
        let values = Buffer(zeroedCount: rows * stride)
        let output = values.baseAddress.assumingMemoryBound(to: T.self)
        var validity: Bitmap? = nil
        let columns = table.columnCount
        let starts = table.starts
        let ends = table.ends
        let kinds = table.kinds
        let nulls = settings.nulls
        for row in 0..<rows {
            let slot = row &* columns &+ column
            let kind = kinds[slot]
            let raw = UnsafeRawBufferPointer(start: base + Int(starts[slot]), count: Int(ends[slot] &- starts[slot]))
            if nulls.isNull(kind: kind, raw) {
                markNull(&validity, row, rows)
                continue
            }
            let text = TextTrimming.trimmed(decoded(kind, raw))
            if text.isEmpty {
                markNull(&validity, row, rows)
                continue
            }
            if let value = parse(text) {
                output[row] = value
            } else {
                try onError(row, "\(Self.quotedForMessage(text)) is not \(Self.article(spec.type)) \(spec.type.sqlName)")
                markNull(&validity, row, rows)
            }
        }
        return Column(type: spec.type, count: rows, values: values, validity: validity)
    }

    private func convertVariable(
        _ table: FieldTable, _ column: Int, _ base: UnsafePointer<UInt8>, _ spec: TextColumnSpec,
        _ onError: ErrorHandler
    ) throws(TextFormatError) -> Column {
        let rows = table.rowCount
        let columns = table.columnCount
        let starts = table.starts
        let ends = table.ends
        let kinds = table.kinds
        let nulls = settings.nulls
        let checkUTF8 = spec.type == .varchar
        // Unescaping only shrinks text, so the raw lengths bound the bytes needed.
        var total = 0
        for row in 0..<rows {
            let slot = row &* columns &+ column
            total &+= Int(ends[slot] &- starts[slot])
        }
        let offsets = Buffer(capacity: (rows + 1) * 8)
        offsets.count = (rows + 1) * 8
        let offsetValues = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
        offsetValues[0] = 0
        let bytes = Buffer(capacity: total)
        let output = bytes.baseAddress.assumingMemoryBound(to: UInt8.self)
        var validity: Bitmap? = nil
        var position = 0
        for row in 0..<rows {
            let slot = row &* columns &+ column
            let kind = kinds[slot]
            let raw = UnsafeRawBufferPointer(start: base + Int(starts[slot]), count: Int(ends[slot] &- starts[slot]))
            if nulls.isNull(kind: kind, raw) {
                markNull(&validity, row, rows)
                offsetValues[row + 1] = Int64(position)
                continue
            }
            let destination = output + position
            let length: Int
            switch kind {
            case FieldKind.csvEscaped:
                length = FieldUnescaping.unescapeCSV(
                    raw, quote: settings.quote, escape: settings.escape, into: destination)
            case FieldKind.jsonEscaped:
                length = FieldUnescaping.unescapeJSON(raw, into: destination)
            default:
                if let source = raw.baseAddress, raw.count > 0 {
                    UnsafeMutableRawPointer(destination).copyMemory(from: source, byteCount: raw.count)
                }
                length = raw.count
            }
            let value = UnsafeRawBufferPointer(start: destination, count: length)
            if checkUTF8, let bad = UTF8Validation.firstInvalidOffset(value) {
                try onError(row, "invalid UTF-8 (byte 0x\(String(value[bad], radix: 16, uppercase: true)) at offset \(bad) of the value)")
                markNull(&validity, row, rows)
                offsetValues[row + 1] = Int64(position)
                continue
            }
            position &+= length
            offsetValues[row + 1] = Int64(position)
        }
        bytes.count = position
        return Column(type: spec.type, count: rows, offsets: offsets, bytes: bytes, validity: validity)
    }

    // MARK: Helpers

    @inline(__always)
    private func markNull(_ validity: inout Bitmap?, _ row: Int, _ rows: Int) {
        if validity == nil { validity = Bitmap(count: rows, allSet: true) }
        validity!.clear(row)
    }

    /// The field's value with its escapes decoded (into scratch space, valid until the next call).
    @inline(__always)
    private func decoded(_ kind: UInt8, _ raw: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard kind == FieldKind.csvEscaped || kind == FieldKind.jsonEscaped else { return raw }
        if raw.count > scratchCapacity {
            scratch.deallocate()
            scratchCapacity = raw.count * 2
            scratch = .allocate(capacity: scratchCapacity)
        }
        let length =
            kind == FieldKind.csvEscaped
            ? FieldUnescaping.unescapeCSV(raw, quote: settings.quote, escape: settings.escape, into: scratch)
            : FieldUnescaping.unescapeJSON(raw, into: scratch)
        return UnsafeRawBufferPointer(start: scratch, count: length)
    }

    /// "a" or "an", as the type's name needs.
    static func article(_ type: DataType) -> String {
        switch type {
        case .integer, .interval: return "an"
        default: return "a"
        }
    }

    /// A value as error messages show it: quoted, cut short when long.
    static func quotedForMessage(_ text: UnsafeRawBufferPointer) -> String {
        let limit = 60
        let shown = UnsafeRawBufferPointer(rebasing: text[0..<min(text.count, limit)])
        var result = String(decoding: shown, as: UTF8.self)
        if text.count > limit { result += "…" }
        return "'" + result + "'"
    }
}
