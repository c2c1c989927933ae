// Validity of the values of a column: one bit per row, least significant bit first, set when the value
// is present (the Arrow convention, so a null is a cleared bit).

public struct Bitmap: Sendable {
    public let buffer: Buffer
    public let count: Int

    /// A bitmap of `count` bits, all set (every value present) or all cleared.
    public init(count: Int, allSet: Bool) {
        let byteCount = (count + 7) / 8
        buffer = Buffer(zeroedCount: byteCount)
        self.count = count
        if allSet && byteCount > 0 {
            buffer.baseAddress.initializeMemory(as: UInt8.self, repeating: 0xFF, count: byteCount)
        }
    }

    /// Wraps bits already laid out as a bitmap.
    public init(buffer: Buffer, count: Int) {
        precondition(buffer.count * 8 >= count, "bitmap buffer too short")
        self.buffer = buffer
        self.count = count
    }

    @inlinable
    public func isSet(_ index: Int) -> Bool {
        let byte = buffer.baseAddress.load(fromByteOffset: index >> 3, as: UInt8.self)
        return byte & (1 << UInt8(index & 7)) != 0
    }

    @inlinable
    public func set(_ index: Int) {
        let pointer = buffer.baseAddress.assumingMemoryBound(to: UInt8.self) + (index >> 3)
        pointer.pointee |= 1 << UInt8(index & 7)
    }

    @inlinable
    public func clear(_ index: Int) {
        let pointer = buffer.baseAddress.assumingMemoryBound(to: UInt8.self) + (index >> 3)
        pointer.pointee &= ~(1 << UInt8(index & 7))
    }

    /// Number of set bits (present values).
    public var setCount: Int {
        let words = count / 64
        var total = 0
        let base = buffer.baseAddress
        for word in 0..<words {
            total &+= base.loadUnaligned(fromByteOffset: word * 8, as: UInt64.self).nonzeroBitCount
        }
        for index in (words * 64)..<count where isSet(index) {
            total &+= 1
        }
        return total
    }

    /// Number of cleared bits (nulls).
    public var clearCount: Int { count - setCount }
}
