// Typed views of a kernel argument's values (a mask of zero makes a constant stand for every row), and the
// pairwise loop kernels share.
import StrataCore

/// Fixed-width values of an argument.
struct FixedInput<T: BitwiseCopyable> {
    let base: UnsafePointer<T>
    let mask: Int

    @inline(__always)
    subscript(row: Int) -> T { base[row & mask] }

    var isConstant: Bool { mask == 0 }
}

/// Variable-width values (UTF-8 text or bytes) of an argument.
struct StringInput {
    let offsets: UnsafePointer<Int64>
    let bytes: UnsafePointer<UInt8>
    let mask: Int

    @inline(__always)
    subscript(row: Int) -> UnsafeBufferPointer<UInt8> {
        let index = row & mask
        let start = Int(offsets[index])
        return UnsafeBufferPointer(start: bytes + start, count: Int(offsets[index + 1]) &- start)
    }

    var isConstant: Bool { mask == 0 }
}

/// `output[row] = body(a[row], b[row])` for every row, with a separate loop when either side is constant so
/// each loop is a plain walk over pointers the compiler can vectorize.
@inline(__always)
func mapPairs<A, B, R>(
    _ a: FixedInput<A>, _ b: FixedInput<B>, into output: UnsafeMutablePointer<R>, count: Int, _ body: (A, B) -> R
) {
    let left = a.base
    let right = b.base
    if a.isConstant {
        let value = left[0]
        for row in 0..<count { output[row] = body(value, right[row & b.mask]) }
    } else if b.isConstant {
        let value = right[0]
        for row in 0..<count { output[row] = body(left[row], value) }
    } else {
        for row in 0..<count { output[row] = body(left[row], right[row]) }
    }
}
