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
