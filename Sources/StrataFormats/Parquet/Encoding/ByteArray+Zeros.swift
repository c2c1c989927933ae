// Growing a byte array by zeros at memcpy speed, for encoders that size their output first and then fill
// it through a pointer (`append(contentsOf: repeatElement(0, ...))` goes a byte at a time).

private let zeroBlockSize = 64 * 1024
nonisolated(unsafe) private let zeroBlock: UnsafeMutableRawPointer = {
    let pointer = UnsafeMutableRawPointer.allocate(byteCount: zeroBlockSize, alignment: 64)
    pointer.initializeMemory(as: UInt8.self, repeating: 0, count: zeroBlockSize)
    return pointer
}()

extension Array where Element == UInt8 {
    /// Appends `count` zero bytes.
    mutating func appendZeros(_ count: Int) {
        reserveCapacity(self.count + count)
        var remaining = count
        while remaining > 0 {
            let step = Swift.min(remaining, zeroBlockSize)
            append(contentsOf: UnsafeRawBufferPointer(start: zeroBlock, count: step))
            remaining -= step
        }
    }
}
