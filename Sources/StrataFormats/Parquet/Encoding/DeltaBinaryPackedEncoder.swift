// Writes DELTA_BINARY_PACKED integers: blocks of 128 values in 4 miniblocks of 32.

struct DeltaBinaryPackedEncoder {
    static let blockSize = 128
    static let miniblockCount = 4

    /// The encoded stream of `values`.
    static func encode(_ values: UnsafeBufferPointer<Int64>) -> [UInt8] {
        var bytes: [UInt8] = []
        Varint.writeUnsigned(UInt64(blockSize), into: &bytes)
        Varint.writeUnsigned(UInt64(miniblockCount), into: &bytes)
        Varint.writeUnsigned(UInt64(values.count), into: &bytes)
        Varint.writeZigzag(values.first ?? 0, into: &bytes)
        guard values.count > 1 else { return bytes }
        let perMiniblock = blockSize / miniblockCount
        var deltas = [Int64](repeating: 0, count: values.count - 1)
        for index in 1..<values.count { deltas[index - 1] = values[index] &- values[index - 1] }
        var start = 0
        while start < deltas.count {
            let block = deltas[start..<Swift.min(start + blockSize, deltas.count)]
            let minimum = block.min()!
            Varint.writeZigzag(minimum, into: &bytes)
            var relative = block.map { UInt64(bitPattern: $0 &- minimum) }
            relative.append(contentsOf: repeatElement(0, count: blockSize - relative.count))
            var widths: [UInt8] = []
            var packed: [UInt8] = []
            let usedMiniblocks = (block.count + perMiniblock - 1) / perMiniblock
            for miniblock in 0..<miniblockCount {
                guard miniblock < usedMiniblocks else {
                    widths.append(0)
                    continue
                }
                let slice = relative[(miniblock * perMiniblock)..<((miniblock + 1) * perMiniblock)]
                let width = BitPacking.width(slice.max()!)
                widths.append(UInt8(width))
                Array(slice).withUnsafeBufferPointer { BitPacking.pack($0, bitWidth: width, into: &packed) }
            }
            bytes.append(contentsOf: widths)
            bytes.append(contentsOf: packed)
            start += blockSize
        }
        return bytes
    }
}
