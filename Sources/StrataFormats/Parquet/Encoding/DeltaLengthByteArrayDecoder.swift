// DELTA_LENGTH_BYTE_ARRAY: the lengths of all values, DELTA_BINARY_PACKED, then their bytes back to back.
// Decoding yields offsets into the bytes, which stay where they are in the page.
import StrataCore

enum DeltaLengthByteArrayDecoder {
    /// Decodes the stream at the start of `bytes`: end offsets of the values (relative to the first value's
    /// bytes) replace the contents of `offsets` (`count + 1` `Int64`s starting with 0). Returns where the
    /// value bytes start and where the stream ends.
    static func decode(
        _ bytes: UnsafeRawBufferPointer, maximumCount: Int, offsets: Buffer, lengths scratch: Buffer
    ) throws(ParquetError) -> (dataStart: Int, end: Int) {
        let lengthBytes = try DeltaBinaryPackedDecoder.decode(bytes, maximumCount: maximumCount, into: scratch)
        let count = scratch.count / 8
        let lengths = scratch.baseAddress.assumingMemoryBound(to: Int64.self)
        offsets.count = 0
        offsets.reserve((count + 1) * 8)
        let target = offsets.baseAddress.assumingMemoryBound(to: Int64.self)
        let available = Int64(bytes.count - lengthBytes)
        var total: Int64 = 0
        target[0] = 0
        for index in 0..<count {
            let length = lengths[index]
            guard length >= 0, length <= available &- total else {
                throw ParquetError(
                    .corrupt, "DELTA_LENGTH_BYTE_ARRAY length \(length) runs past the \(available - total) bytes left")
            }
            total &+= length
            target[index &+ 1] = total
        }
        offsets.count = (count + 1) * 8
        return (lengthBytes, lengthBytes + Int(total))
    }
}
