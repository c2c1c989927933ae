// Writes DELTA_LENGTH_BYTE_ARRAY: the lengths, DELTA_BINARY_PACKED, then the bytes.

enum DeltaLengthByteArrayEncoder {
    static func encode(_ values: [[UInt8]]) -> [UInt8] {
        var offsets: [Int64] = [0]
        var data: [UInt8] = []
        for value in values {
            data += value
            offsets.append(Int64(data.count))
        }
        var bytes: [UInt8] = []
        offsets.withUnsafeBufferPointer { offsets in
            data.withUnsafeBytes { data in
                encode(offsets: offsets.baseAddress!, bytes: data.baseAddress ?? UnsafeRawPointer(emptyBytesPlaceholder), count: values.count, into: &bytes)
            }
        }
        return bytes
    }

    /// Appends the encoding of `count` values, value `i` being `bytes[offsets[i]..<offsets[i + 1]]`.
    static func encode(offsets: UnsafePointer<Int64>, bytes data: UnsafeRawPointer, count: Int, into bytes: inout [UInt8]) {
        var lengths = [Int32](repeating: 0, count: count)
        for index in 0..<count { lengths[index] = Int32(truncatingIfNeeded: offsets[index &+ 1] &- offsets[index]) }
        lengths.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0, into: &bytes) }
        let start = Int(offsets[0])
        bytes.append(contentsOf: UnsafeRawBufferPointer(start: data + start, count: Int(offsets[count]) - start))
    }
}
