// The output of a fixed-width kernel: values written in place, with validity.
import StrataCore

struct FixedResult<T: BitwiseCopyable> {
    let type: DataType
    let count: Int
    let buffer: Buffer
    let values: UnsafeMutablePointer<T>
    var validity: ResultValidity

    init(_ type: DataType, count: Int, validity: ResultValidity) {
        precondition(MemoryLayout<T>.stride == (type.byteWidth ?? -1), "\(T.self) does not store \(type)")
        self.type = type
        self.count = count
        buffer = Buffer(capacity: Swift.max(count, 1) * MemoryLayout<T>.stride)
        values = buffer.extend(by: count * MemoryLayout<T>.stride).assumingMemoryBound(to: T.self)
        self.validity = validity
    }

    init(_ type: DataType, count: Int, validity: Bitmap?) {
        self.init(type, count: count, validity: ResultValidity(validity, count: count))
    }

    @inline(__always)
    subscript(row: Int) -> T {
        get { values[row] }
        nonmutating set { values[row] = newValue }
    }

    func finish() -> Column {
        Column(type: type, count: count, values: buffer, validity: validity.bitmap)
    }
}
