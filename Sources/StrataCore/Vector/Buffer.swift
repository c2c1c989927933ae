// The one allocation behind every column: raw, 64-byte aligned, growable while a column is built and
// treated as immutable once the column is handed on.

public final class Buffer: @unchecked Sendable {
    public static let alignment = 64

    /// Start of the allocation. Valid until the buffer grows or is freed.
    public private(set) var baseAddress: UnsafeMutableRawPointer
    /// Bytes allocated.
    public private(set) var capacity: Int
    /// Bytes in use.
    public var count: Int

    /// An empty buffer with room for at least `capacity` bytes.
    public init(capacity: Int = 0) {
        let size = Swift.max(capacity, Buffer.alignment)
        baseAddress = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: Buffer.alignment)
        self.capacity = size
        count = 0
    }

    /// A buffer of `count` zero bytes.
    public convenience init(zeroedCount count: Int) {
        self.init(capacity: count)
        baseAddress.initializeMemory(as: UInt8.self, repeating: 0, count: count)
        self.count = count
    }

    /// A buffer holding a copy of `bytes`.
    public convenience init(copying bytes: UnsafeRawBufferPointer) {
        self.init(capacity: bytes.count)
        if let source = bytes.baseAddress, bytes.count > 0 {
            baseAddress.copyMemory(from: source, byteCount: bytes.count)
        }
        count = bytes.count
    }

    /// A buffer holding `values` in order.
    public convenience init<T: BitwiseCopyable>(_ values: [T]) {
        self.init(capacity: values.count * MemoryLayout<T>.stride)
        values.withUnsafeBytes { raw in
            if let source = raw.baseAddress, raw.count > 0 {
                baseAddress.copyMemory(from: source, byteCount: raw.count)
            }
        }
        count = values.count * MemoryLayout<T>.stride
    }

    deinit {
        baseAddress.deallocate()
    }

    /// Makes room for at least `minimumCapacity` bytes, keeping the contents.
    @inlinable
    public func reserve(_ minimumCapacity: Int) {
        if minimumCapacity > capacity { grow(to: minimumCapacity) }
    }

    @usableFromInline
    func grow(to minimumCapacity: Int) {
        let newCapacity = Swift.max(minimumCapacity, capacity * 2)
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: Buffer.alignment)
        newBase.copyMemory(from: baseAddress, byteCount: count)
        baseAddress.deallocate()
        baseAddress = newBase
        capacity = newCapacity
    }

    /// Extends `count` by `byteCount` and returns where the new bytes start, for the caller to fill.
    @inlinable
    public func extend(by byteCount: Int) -> UnsafeMutableRawPointer {
        reserve(count + byteCount)
        let start = baseAddress + count
        count += byteCount
        return start
    }

    @inlinable
    public func append<T: BitwiseCopyable>(_ value: T) {
        extend(by: MemoryLayout<T>.stride).storeBytes(of: value, as: T.self)
    }

    @inlinable
    public func append(contentsOf bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        extend(by: bytes.count).copyMemory(from: source, byteCount: bytes.count)
    }

    /// The bytes in use, viewed as `T` values.
    @inlinable
    public func values<T: BitwiseCopyable>(as type: T.Type) -> UnsafeMutableBufferPointer<T> {
        UnsafeMutableBufferPointer(
            start: baseAddress.assumingMemoryBound(to: T.self), count: count / MemoryLayout<T>.stride)
    }

    @inlinable
    public var bytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: baseAddress, count: count)
    }
}
