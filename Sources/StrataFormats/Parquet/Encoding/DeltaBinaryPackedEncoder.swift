// Writes DELTA_BINARY_PACKED integers: blocks of 128 values in 4 miniblocks of 32. Deltas wrap in the
// values' own width (INT32 columns in 32 bits), which is how readers add them back.

struct DeltaBinaryPackedEncoder {
    static let blockSize = 128
    static let miniblockCount = 4

    /// The encoded stream of `values`.
    static func encode(_ values: UnsafeBufferPointer<Int64>) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(values, into: &bytes)
        return bytes
    }

    /// Appends the encoded stream of `values` (Int32 or Int64) to `bytes`.
    static func encode<T: FixedWidthInteger & SignedInteger>(_ values: UnsafeBufferPointer<T>, into bytes: inout [UInt8]) {
        Varint.writeUnsigned(UInt64(blockSize), into: &bytes)
        Varint.writeUnsigned(UInt64(miniblockCount), into: &bytes)
        Varint.writeUnsigned(UInt64(values.count), into: &bytes)
        Varint.writeZigzag(Int64(values.first ?? 0), into: &bytes)
        guard values.count > 1, let base = values.baseAddress else { return }
        let perMiniblock = blockSize / miniblockCount
        // Deltas of one block, then relative to the block's minimum, as unsigned values of T's width.
        var relative = [UInt64](repeating: 0, count: blockSize)
        var deltas = [T](repeating: 0, count: blockSize)
        var widths = [Int](repeating: 0, count: miniblockCount)
        let deltaCount = values.count - 1
        var start = 0
        relative.withUnsafeMutableBufferPointer { relative in
            deltas.withUnsafeMutableBufferPointer { deltas in
                while start < deltaCount {
                    let length = Swift.min(blockSize, deltaCount - start)
                    var minimum = T.max
                    for index in 0..<length {
                        let delta = base[start &+ index &+ 1] &- base[start &+ index]
                        deltas[index] = delta
                        if delta < minimum { minimum = delta }
                    }
                    Varint.writeZigzag(Int64(minimum), into: &bytes)
                    let mask: UInt64 = T.bitWidth == 64 ? ~0 : (UInt64(1) << UInt64(T.bitWidth)) &- 1
                    for index in 0..<length {
                        relative[index] = UInt64(truncatingIfNeeded: deltas[index] &- minimum) & mask
                    }
                    for index in length..<blockSize { relative[index] = 0 }
                    let used = (length + perMiniblock - 1) / perMiniblock
                    for miniblock in 0..<miniblockCount { widths[miniblock] = 0 }
                    for miniblock in 0..<used {
                        var combined: UInt64 = 0
                        for index in (miniblock * perMiniblock)..<((miniblock + 1) * perMiniblock) { combined |= relative[index] }
                        widths[miniblock] = BitPacking.width(combined)
                    }
                    // Miniblocks past the last value have width 0 and no data.
                    for width in widths { bytes.append(UInt8(width)) }
                    for miniblock in 0..<used {
                        let slice = UnsafeBufferPointer(rebasing: relative[(miniblock * perMiniblock)..<((miniblock + 1) * perMiniblock)])
                        BitPacking.pack(slice, bitWidth: widths[miniblock], into: &bytes)
                    }
                    start += blockSize
                }
            }
        }
    }
}
