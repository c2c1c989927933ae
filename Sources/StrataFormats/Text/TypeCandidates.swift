// Type inference over a sample of text values: every type a column could still be, narrowed by each value
// seen; the column gets the narrowest type all its values fit, in the order BOOLEAN, BIGINT, DECIMAL(38,0)
// (integers past BIGINT, kept exact), DOUBLE, TIME, DATE, TIMESTAMP, and VARCHAR when none fits.
import StrataCore

struct TypeCandidates {
    static let boolean: UInt8 = 1 << 0
    static let bigint: UInt8 = 1 << 1
    static let hugeint: UInt8 = 1 << 2
    static let double: UInt8 = 1 << 3
    static let time: UInt8 = 1 << 4
    static let date: UInt8 = 1 << 5
    static let timestamp: UInt8 = 1 << 6
    static let all: UInt8 = 0x7F
    static let temporal: UInt8 = time | date | timestamp

    /// The types every value seen so far fits.
    var mask: UInt8
    /// Whether any non-null value was seen.
    var sawValue = false
    /// The date and timestamp layouts (bits into `TemporalSettings`' lists) all values fit.
    var dateFormats: UInt64
    var timestampFormats: UInt64

    init(temporal: TemporalSettings, mask: UInt8 = TypeCandidates.all) {
        self.mask = mask
        dateFormats = temporal.allDateFormats
        timestampFormats = temporal.allTimestampFormats
    }

    /// Narrows the candidates to the types `text` (a non-null value) fits. Spaces around the value are
    /// ignored, as they are when the value is converted.
    mutating func observe(_ text: UnsafeRawBufferPointer, temporal: TemporalSettings) {
        sawValue = true
        guard mask != 0 else { return }
        let text = TextTrimming.trimmed(text)
        guard !text.isEmpty else {
            mask = 0
            return
        }
        let first = text[0]
        // Every candidate but BOOLEAN and DOUBLE's `inf`/`nan` starts with a digit or a minus sign:
        // one test rules them all out for most words.
        if !(TextNumberParser.isDigit(first) || first == TextNumberParser.minus || first == temporal.decimalSeparator) {
            mask &= TypeCandidates.boolean | TypeCandidates.double | (temporal.hasCustomFormats ? TypeCandidates.temporal : 0)
        }
        if mask & TypeCandidates.boolean != 0 && !TextNumberParser.isInferredBoolean(text) {
            mask &= ~TypeCandidates.boolean
        }
        if mask & (TypeCandidates.bigint | TypeCandidates.hugeint) != 0 {
            if let digits = TextNumberParser.integerDigits(text) {
                if digits > 18 && TextNumberParser.int64(text) == nil { mask &= ~TypeCandidates.bigint }
            } else {
                mask &= ~(TypeCandidates.bigint | TypeCandidates.hugeint)
            }
        }
        if mask & TypeCandidates.double != 0
            && !TextNumberParser.isInferredDouble(text, decimalSeparator: temporal.decimalSeparator)
        {
            mask &= ~TypeCandidates.double
        }
        if mask & TypeCandidates.time != 0 && TemporalParser.parseTime(text) == nil {
            mask &= ~TypeCandidates.time
        }
        if mask & TypeCandidates.date != 0 {
            dateFormats = temporal.matchingDateFormats(text, among: dateFormats)
            if dateFormats == 0 { mask &= ~TypeCandidates.date }
        }
        if mask & TypeCandidates.timestamp != 0 {
            timestampFormats = temporal.matchingTimestampFormats(text, among: timestampFormats)
            if timestampFormats == 0 { mask &= ~TypeCandidates.timestamp }
        }
    }

    /// The narrowest type every value seen fits; VARCHAR when none does or no value was seen.
    var resolvedType: DataType {
        guard sawValue else { return .varchar }
        if mask & TypeCandidates.boolean != 0 { return .boolean }
        if mask & TypeCandidates.bigint != 0 { return .bigint }
        if mask & TypeCandidates.hugeint != 0 { return .decimal(precision: 38, scale: 0) }
        if mask & TypeCandidates.double != 0 { return .double }
        if mask & TypeCandidates.time != 0 { return .time }
        if mask & TypeCandidates.date != 0 { return .date }
        if mask & TypeCandidates.timestamp != 0 { return .timestamp }
        return .varchar
    }

    /// The layout values of the resolved type are read with: nil for ISO (and for other types).
    func resolvedFormat(temporal: TemporalSettings) -> TemporalFormat? {
        switch resolvedType {
        case .date: return TemporalSettings.first(of: dateFormats, in: temporal.dateFormats)
        case .timestamp: return TemporalSettings.first(of: timestampFormats, in: temporal.timestampFormats)
        default: return nil
        }
    }

    /// Whether `text` fits `type` as inference judges it (for header detection).
    static func fits(_ text: UnsafeRawBufferPointer, _ type: DataType, temporal: TemporalSettings) -> Bool {
        var candidates = TypeCandidates(temporal: temporal)
        candidates.observe(text, temporal: temporal)
        switch type {
        case .boolean: return candidates.mask & boolean != 0
        case .bigint: return candidates.mask & bigint != 0
        case .decimal: return candidates.mask & hugeint != 0
        case .double: return candidates.mask & double != 0
        case .time: return candidates.mask & time != 0
        case .date: return candidates.mask & date != 0
        case .timestamp: return candidates.mask & timestamp != 0
        default: return true
        }
    }
}

/// Trimming of the spaces and tabs around a value that is not text.
enum TextTrimming {
    @inline(__always)
    static func trimmed(_ text: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var start = 0
        var end = text.count
        while start < end && (text[start] == 0x20 || text[start] == 0x09) { start &+= 1 }
        while end > start && (text[end - 1] == 0x20 || text[end - 1] == 0x09) { end &-= 1 }
        if start == 0 && end == text.count { return text }
        return UnsafeRawBufferPointer(rebasing: text[start..<end])
    }
}
