// Validity of a kernel's result: starts as the combined validity of the inputs and gains a NULL for each
// row that fails under `try` or has no value (no regex match, a NULLIF hit). The inputs' bitmaps are
// shared, so the first change copies.
import StrataCore

struct ResultValidity {
    private(set) var bitmap: Bitmap?
    private var owned: Bool
    let count: Int

    init(_ input: Bitmap?, count: Int, owned: Bool = false) {
        bitmap = input
        self.owned = owned
        self.count = count
    }

    @inline(__always)
    func isValid(_ row: Int) -> Bool {
        guard let bitmap else { return true }
        return bitmap.isSet(row)
    }

    mutating func setNull(_ row: Int) {
        if !owned {
            if let shared = bitmap {
                let copy = Bitmap(count: count, allSet: false)
                copy.buffer.baseAddress.copyMemory(from: shared.buffer.baseAddress, byteCount: (count + 7) / 8)
                bitmap = copy
            } else {
                bitmap = Bitmap(count: count, allSet: true)
            }
            owned = true
        }
        bitmap!.clear(row)
    }
}

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
