// How a reader recognizes dates and timestamps: ISO by default, the user's `dateformat`/`timestampformat`
// when given, and — for inference — a few common non-ISO layouts (`01/31/2024`, `31.01.2024 14:05`) that
// DuckDB's sniffer also detects, each column settling on the first layout all its values fit.
import StrataCore

struct TemporalSettings {
    let decimalSeparator: UInt8
    /// Layouts a DATE may have; nil stands for ISO. Bit `i` of a format mask is `dateFormats[i]`.
    let dateFormats: [TemporalFormat?]
    let timestampFormats: [TemporalFormat?]
    /// Whether some layout may start with something other than a digit (`%b %d, %Y`).
    let hasCustomFormats: Bool

    init(decimalSeparator: UInt8, dateFormat: TemporalFormat?, timestampFormat: TemporalFormat?, detectFormats: Bool) {
        self.decimalSeparator = decimalSeparator
        if let dateFormat {
            dateFormats = [dateFormat]
        } else {
            dateFormats = [nil] + (detectFormats ? Self.dateCandidates : [])
        }
        if let timestampFormat {
            timestampFormats = [timestampFormat]
        } else {
            timestampFormats = [nil] + (detectFormats ? Self.timestampCandidates : [])
        }
        hasCustomFormats = dateFormat != nil || timestampFormat != nil
    }

    /// Non-ISO date layouts in DuckDB's order of preference (month first when a value could be either).
    static let dateCandidates: [TemporalFormat?] = {
        var formats: [String] = []
        for separator in ["/", "-", "."] {
            formats.append("%m\(separator)%d\(separator)%Y")
            formats.append("%d\(separator)%m\(separator)%Y")
            if separator != "-" { formats.append("%Y\(separator)%m\(separator)%d") }
        }
        return formats.map { try? TemporalFormat($0) }
    }()

    static let timestampCandidates: [TemporalFormat?] = {
        var formats: [TemporalFormat?] = []
        for date in dateCandidates {
            guard let date else { continue }
            for time in [" %H:%M:%S", " %H:%M", " %H:%M:%S.%f", " %I:%M:%S %p", " %I:%M %p"] {
                formats.append(try? TemporalFormat(date.pattern + time))
            }
        }
        return formats
    }()

    var allDateFormats: UInt64 { dateFormats.count >= 64 ? ~0 : (1 << UInt64(dateFormats.count)) - 1 }
    var allTimestampFormats: UInt64 { timestampFormats.count >= 64 ? ~0 : (1 << UInt64(timestampFormats.count)) - 1 }

    /// The subset of `mask`'s date layouts that `text` fits. ISO must be exactly `YYYY-MM-DD` here, as
    /// DuckDB's sniffer requires; conversion is more lenient.
    func matchingDateFormats(_ text: UnsafeRawBufferPointer, among mask: UInt64) -> UInt64 {
        var result: UInt64 = 0
        var remaining = mask
        while remaining != 0 {
            let bit = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let fits: Bool
            if let format = dateFormats[bit] {
                fits = format.parseDate(text) != nil
            } else {
                fits = Self.hasISODateShape(text, exactLength: true) && TemporalParser.parseDate(text) != nil
            }
            if fits { result |= 1 << UInt64(bit) }
        }
        return result
    }

    func matchingTimestampFormats(_ text: UnsafeRawBufferPointer, among mask: UInt64) -> UInt64 {
        var result: UInt64 = 0
        var remaining = mask
        while remaining != 0 {
            let bit = remaining.trailingZeroBitCount
            remaining &= remaining - 1
            let fits: Bool
            if let format = timestampFormats[bit] {
                fits = format.parseTimestamp(text) != nil
            } else {
                fits = Self.hasISODateShape(text, exactLength: false) && TemporalParser.parseTimestamp(text) != nil
            }
            if fits { result |= 1 << UInt64(bit) }
        }
        return result
    }

    /// `DDDD-DD-DD` at the start (and nothing after it when `exactLength`).
    static func hasISODateShape(_ text: UnsafeRawBufferPointer, exactLength: Bool) -> Bool {
        guard exactLength ? text.count == 10 : text.count >= 10 else { return false }
        return text[4] == TextNumberParser.minus && text[7] == TextNumberParser.minus
            && TextNumberParser.isDigit(text[0]) && TextNumberParser.isDigit(text[5])
            && TextNumberParser.isDigit(text[8]) && TextNumberParser.isDigit(text[9])
    }

    /// The layout of the lowest bit of `mask`.
    static func first(of mask: UInt64, in formats: [TemporalFormat?]) -> TemporalFormat? {
        guard mask != 0 else { return nil }
        return formats[mask.trailingZeroBitCount]
    }
}
