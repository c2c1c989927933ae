// An evaluated argument as kernels read it: plain storage, or one value that stands for every row. Loops
// index through a mask (all ones, or zero for a constant) so one loop serves both without a branch.
import StrataCore

struct KernelArgument {
    /// Plain storage; exactly one row when `isConstant`.
    let column: Column
    let isConstant: Bool

    /// `column` with dictionary storage expanded and a constant reduced to its single row.
    init(_ column: Column) {
        switch column.storage {
        case .constant(let single):
            self.column = single.flattened()
            isConstant = true
        case .dictionary:
            self.column = column.flattened()
            isConstant = false
        case .fixedWidth, .variableWidth:
            self.column = column
            isConstant = false
        }
    }

    var type: DataType { column.type }

    /// Validity per row (a constant has none: a NULL constant is dealt with before kernels run).
    var validity: Bitmap? { isConstant ? nil : column.validity }

    @inline(__always)
    var mask: Int { isConstant ? 0 : ~0 }

    func fixed<T: BitwiseCopyable>(_ type: T.Type) -> FixedInput<T> {
        guard case .fixedWidth(let buffer) = column.storage else {
            preconditionFailure("fixed-width read of \(column.type) stored as \(column.storage)")
        }
        return FixedInput(base: UnsafePointer(buffer.baseAddress.assumingMemoryBound(to: T.self)), mask: mask)
    }

    func strings() -> StringInput {
        guard case .variableWidth(let offsets, let bytes) = column.storage else {
            preconditionFailure("variable-width read of \(column.type) stored as \(column.storage)")
        }
        return StringInput(
            offsets: UnsafePointer(offsets.baseAddress.assumingMemoryBound(to: Int64.self)),
            bytes: UnsafePointer(bytes.baseAddress.assumingMemoryBound(to: UInt8.self)), mask: mask)
    }

    /// The value of a constant argument, for kernels that prepare something from it (a pattern, a unit).
    var constantValue: Value? { isConstant ? column.value(at: 0) : nil }
}
