// DELTA_BINARY_PACKED integers: a header (block size, miniblocks per block, value count, first value),
// then blocks of a minimum delta and bit-packed miniblocks of deltas above it. A page's values are
// decoded at once; arithmetic wraps, so INT32 columns come out right after truncation.
import StrataCore

enum DeltaBinaryPackedDecoder {
    /// Decodes every value of the stream at the start of `bytes` into `output` (replacing its contents,
    /// as `Int64`s). `maximumCount` bounds the header's value count. Returns the bytes the stream took.
    static func decode(_ bytes: UnsafeRawBufferPointer, maximumCount: Int, into output: Buffer) throws(ParquetError) -> Int {
        let base = bytes.nonNullBase
        let byteCount = bytes.count
        var position = 0
        let blockSize = try Varint.readUnsigned(base, byteCount, &position)
        let miniblocks = try Varint.readUnsigned(base, byteCount, &position)
        let total = try Varint.readUnsigned(base, byteCount, &position)
        let first = try Varint.readZigzag(base, byteCount, &position)
        guard blockSize > 0, blockSize % 128 == 0, blockSize <= 1 << 20, miniblocks > 0, blockSize % miniblocks == 0,
            (blockSize / miniblocks) % 32 == 0
        else {
            throw ParquetError(.corrupt, "DELTA_BINARY_PACKED header has block size \(blockSize) with \(miniblocks) miniblocks")
        }
        guard total <= UInt64(maximumCount) else {
            throw ParquetError(.corrupt, "DELTA_BINARY_PACKED stream of \(total) values where the page has \(maximumCount)")
        }
        let count = Int(total)
        let perMiniblock = Int(blockSize / miniblocks)
        let miniblockCount = Int(miniblocks)
        output.count = 0
        output.reserve(Swift.max(count, 1) * 8 + 64)
        let values = output.baseAddress.assumingMemoryBound(to: Int64.self)
        output.count = count * 8
        guard count > 0 else { return position }
        values[0] = first
        var produced = 1
        var previous = first
        // Deltas of one miniblock, unpacked before they are summed.
        return try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: perMiniblock) {
            (deltas) throws(ParquetError) -> Int in
            let scratch = deltas.baseAddress!
            while produced < count {
                let minimumDelta = try Varint.readZigzag(base, byteCount, &position)
                guard byteCount - position >= miniblockCount else {
                    throw ParquetError(.corrupt, "DELTA_BINARY_PACKED bit widths run past the end of the data")
                }
                let widths = position
                position += miniblockCount
                for miniblock in 0..<miniblockCount where produced < count {
                    let width = Int(base.load(fromByteOffset: widths + miniblock, as: UInt8.self))
                    guard width <= 64 else {
                        throw ParquetError(.corrupt, "DELTA_BINARY_PACKED miniblock bit width \(width) exceeds 64")
                    }
                    let size = perMiniblock * width / 8
                    let take = Swift.min(perMiniblock, count - produced)
                    // The last miniblock may be cut short; the values it holds must still be complete.
                    let available = Swift.min(size, byteCount - position)
                    guard take * width <= available * 8 else {
                        throw ParquetError(.corrupt, "DELTA_BINARY_PACKED miniblock runs past the end of the data")
                    }
                    BitPacking.unpack64(base + position, byteCount: available, bitWidth: width, first: 0, count: take, into: scratch)
                    var value = previous
                    let target = values + produced
                    for index in 0..<take {
                        value = value &+ minimumDelta &+ Int64(bitPattern: scratch[index])
                        target[index] = value
                    }
                    previous = value
                    produced += take
                    position += available
                }
            }
            return position
        }
    }
}
