// Combining validity bitmaps of kernel inputs.
import StrataCore

enum ValidityMask {
    /// Rows present in every one of `bitmaps` (nil entries are all present); nil when all rows are.
    /// The second value says whether the bitmap is a fresh one the caller may change.
    static func and(_ bitmaps: [Bitmap?], count: Int) -> (Bitmap?, owned: Bool) {
        let present = bitmaps.compactMap { $0 }
        if present.isEmpty { return (nil, false) }
        if present.count == 1 { return (present[0], false) }
        let result = Bitmap(count: count, allSet: true)
        let bytes = (count + 7) / 8
        let target = result.buffer.baseAddress.assumingMemoryBound(to: UInt8.self)
        for bitmap in present {
            let source = bitmap.buffer.baseAddress.assumingMemoryBound(to: UInt8.self)
            for index in 0..<bytes { target[index] &= source[index] }
        }
        return (result, true)
    }

    /// Whether any row of `bitmap` is cleared.
    static func hasNulls(_ bitmap: Bitmap?) -> Bool {
        guard let bitmap else { return false }
        return bitmap.clearCount > 0
    }
}
