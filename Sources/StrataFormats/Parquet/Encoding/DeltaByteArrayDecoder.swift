// DELTA_BYTE_ARRAY (incremental encoding): for each value, the length of the prefix it shares with the
// previous value (DELTA_BINARY_PACKED), then the suffixes as DELTA_LENGTH_BYTE_ARRAY. Values are rebuilt
// into a buffer of their own.
import StrataCore

enum DeltaByteArrayDecoder {
    /// Decodes every value of the stream in `bytes`: `offsets` gets `count + 1` `Int64` offsets into
    /// `values`, which gets the rebuilt bytes. Returns the value count.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, maximumCount: Int, offsets: Buffer, values: Buffer, scratch: Buffer,
        suffixOffsets: Buffer
    ) throws(ParquetError) -> Int {
        let prefixBytes = try DeltaBinaryPackedDecoder.decode(bytes, maximumCount: maximumCount, into: scratch)
        let count = scratch.count / 8
        // Keep the prefix lengths: the suffix decoding reuses `scratch` for its lengths.
        let prefixes = [Int64](UnsafeBufferPointer(start: scratch.baseAddress.assumingMemoryBound(to: Int64.self), count: count))
        let rest = UnsafeRawBufferPointer(rebasing: bytes[prefixBytes..<bytes.count])
        let (dataStart, _) = try DeltaLengthByteArrayDecoder.decode(
            rest, maximumCount: maximumCount, offsets: suffixOffsets, lengths: scratch)
        guard suffixOffsets.count / 8 - 1 == count else {
            throw ParquetError(
                .corrupt, "DELTA_BYTE_ARRAY has \(count) prefix lengths but \(suffixOffsets.count / 8 - 1) suffixes")
        }
        let suffixEnds = suffixOffsets.baseAddress.assumingMemoryBound(to: Int64.self)
        let suffixBase = rest.nonNullBase + dataStart
        offsets.count = 0
        offsets.reserve((count + 1) * 8)
        let ends = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
        ends[0] = 0
        values.count = 0
        var previousStart = 0
        var previousLength = 0
        for index in 0..<count {
            let prefix = prefixes[index]
            guard prefix >= 0, prefix <= Int64(previousLength) else {
                throw ParquetError(
                    .corrupt, "DELTA_BYTE_ARRAY prefix of \(prefix) bytes is longer than the previous value (\(previousLength))")
            }
            let suffixStart = Int(suffixEnds[index])
            let suffixLength = Int(suffixEnds[index + 1]) - suffixStart
            let length = Int(prefix) + suffixLength
            guard values.count + length <= Int(Int32.max) * 4 else {
                throw ParquetError(.corrupt, "DELTA_BYTE_ARRAY values expand past 8 GiB")
            }
            let start = values.count
            let target = values.extend(by: length)
            // `extend` may move the buffer: take the previous value's address after it.
            target.copyMemory(from: values.baseAddress + previousStart, byteCount: Int(prefix))
            (target + Int(prefix)).copyMemory(from: suffixBase + suffixStart, byteCount: suffixLength)
            ends[index + 1] = Int64(values.count)
            previousStart = start
            previousLength = length
        }
        offsets.count = (count + 1) * 8
        return count
    }
}
