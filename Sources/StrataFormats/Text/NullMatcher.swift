// Which field texts mean NULL: CSV's `nullstr` (by default the empty field), compared with the raw bytes of
// fields that were not quoted (and quoted ones too when `allow_quoted_nulls` is set).

struct NullMatcher {
    private let strings: [[UInt8]]
    /// The common case, `nullstr = ''`: a length test, no comparison.
    private let onlyEmpty: Bool
    private let includesQuoted: Bool

    init(nullStrings: [String], includesQuoted: Bool) {
        strings = nullStrings.map { Array($0.utf8) }
        onlyEmpty = strings.count == 1 && strings[0].isEmpty
        self.includesQuoted = includesQuoted
    }

    /// A matcher that never matches (JSON, where only `null` is null).
    static let none = NullMatcher(nullStrings: [], includesQuoted: false)

    @inline(__always)
    func isNull(kind: UInt8, _ text: UnsafeRawBufferPointer) -> Bool {
        if kind == FieldKind.missing { return true }
        guard kind == FieldKind.plain || (includesQuoted && kind != FieldKind.plain) else { return false }
        if onlyEmpty { return text.isEmpty }
        for candidate in strings where candidate.count == text.count {
            if candidate.isEmpty || candidate.withUnsafeBytes({ memoryEqual($0, text) }) { return true }
        }
        return false
    }

    private func memoryEqual(_ left: UnsafeRawBufferPointer, _ right: UnsafeRawBufferPointer) -> Bool {
        for index in 0..<left.count where left[index] != right[index] {
            return false
        }
        return true
    }
}
