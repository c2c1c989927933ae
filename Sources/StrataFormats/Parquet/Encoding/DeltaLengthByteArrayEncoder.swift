// Writes DELTA_LENGTH_BYTE_ARRAY: the lengths, DELTA_BINARY_PACKED, then the bytes.

enum DeltaLengthByteArrayEncoder {
    /// Appends the encoding of `count` values, value `i` being `bytes[offsets[i]..<offsets[i + 1]]`.
    static func encode(offsets: UnsafePointer<Int64>, bytes data: UnsafeRawPointer, count: Int, into bytes: inout [UInt8]) {
        var lengths = [Int32](repeating: 0, count: count)
        for index in 0..<count { lengths[index] = Int32(truncatingIfNeeded: offsets[index &+ 1] &- offsets[index]) }
        lengths.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0, into: &bytes) }
        let start = Int(offsets[0])
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: data + start, count: Int(offsets[count]) - start))
    }
}
