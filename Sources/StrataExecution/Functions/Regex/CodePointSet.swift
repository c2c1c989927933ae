// Sets of code points for character classes (`[a-z]`, `\d`, `\p{L}`), with ASCII membership precomputed.
import StrataCore

/// A set of code points: ranges, Unicode general categories, possibly negated.
struct CodePointSet {
    var ranges: [ClosedRange<UInt32>] = []
    var categories: [Unicode.GeneralCategory] = []
    var negated = false
    /// Membership of the ASCII code points, precomputed.
    private(set) var ascii: (UInt64, UInt64) = (0, 0)

    mutating func seal() {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for scalar in UInt32(0)..<128 where slowContains(scalar) {
            if scalar < 64 { low |= 1 << UInt64(scalar) } else { high |= 1 << UInt64(scalar - 64) }
        }
        ascii = (low, high)
    }

    @inline(__always)
    func contains(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return ascii.0 & (1 << UInt64(scalar)) != 0 }
        if scalar < 128 { return ascii.1 & (1 << UInt64(scalar - 64)) != 0 }
        return slowContains(scalar)
    }

    private func slowContains(_ scalar: UInt32) -> Bool {
        var member = ranges.contains { $0.contains(scalar) }
        if !member && !categories.isEmpty, let value = Unicode.Scalar(scalar) {
            member = categories.contains(value.properties.generalCategory)
        }
        return member != negated
    }

    mutating func add(_ other: CodePointSet) throws {
        guard !other.negated else {
            throw ExecutionError(.invalidArgument, "negated classes such as \\D or \\P{…} inside [ ] are not supported")
        }
        ranges += other.ranges
        categories += other.categories
    }

    static let digits = CodePointSet(ranges: [48...57])
    static let word = CodePointSet(ranges: [48...57, 65...90, 95...95, 97...122])
    static let space = CodePointSet(ranges: [9...13, 32...32])
}
