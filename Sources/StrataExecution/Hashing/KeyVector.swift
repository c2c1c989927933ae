// One key column of a batch made ready for hashing and comparing: plain storage, and floating-point
// values rewritten so that values SQL treats as one group have one bit pattern (-0.0 and 0.0, every NaN).
import StrataCore

struct KeyVector {
    enum Layout {
        /// `width` bytes per value (0 for the all-null UNKNOWN type).
        case fixed(width: Int, values: UnsafeRawPointer)
        case variable(offsets: UnsafePointer<Int64>, bytes: UnsafeRawPointer)
    }

    let type: DataType
    let count: Int
    let validity: Bitmap?
    let layout: Layout
    /// Keeps the buffers the pointers point into alive.
    private let owner: Column
    private let normalized: Buffer?

    init(_ column: Column) {
        let plain = column.flattened()
        type = plain.type
        count = plain.count
        validity = plain.validity
        owner = plain
        switch plain.storage {
        case .variableWidth(let offsets, let bytes):
            normalized = nil
            layout = .variable(
                offsets: UnsafePointer(offsets.baseAddress.assumingMemoryBound(to: Int64.self)),
                bytes: UnsafeRawPointer(bytes.baseAddress))
        case .fixedWidth(let buffer):
            let width = plain.type.byteWidth ?? 0
            switch plain.type {
            case .real:
                let copy = KeyVector.normalizeFloats(Float.self, UInt32.self, buffer, count: count)
                normalized = copy
                layout = .fixed(width: width, values: UnsafeRawPointer(copy.baseAddress))
            case .double:
                let copy = KeyVector.normalizeFloats(Double.self, UInt64.self, buffer, count: count)
                normalized = copy
                layout = .fixed(width: width, values: UnsafeRawPointer(copy.baseAddress))
            default:
                normalized = nil
                layout = .fixed(width: width, values: UnsafeRawPointer(buffer.baseAddress))
            }
        case .dictionary, .constant:
            preconditionFailure("flattened() returned a non-plain column")
        }
    }

    @inline(__always)
    func isNull(_ row: Int) -> Bool {
        guard let validity else { return false }
        return !validity.isSet(row)
    }

    private static func normalizeFloats<F: BinaryFloatingPoint, Bits: FixedWidthInteger>(
        _ floatType: F.Type, _ bitsType: Bits.Type, _ source: Buffer, count: Int
    ) -> Buffer {
        let copy = Buffer(capacity: count * MemoryLayout<F>.stride)
        let target = copy.extend(by: count * MemoryLayout<F>.stride).assumingMemoryBound(to: F.self)
        let from = source.baseAddress.assumingMemoryBound(to: F.self)
        for row in 0..<count {
            let value = from[row]
            target[row] = value.isNaN ? F.nan : (value == 0 ? 0 : value)
        }
        return copy
    }
}
