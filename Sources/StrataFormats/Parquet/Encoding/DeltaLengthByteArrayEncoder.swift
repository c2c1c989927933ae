// Writes DELTA_LENGTH_BYTE_ARRAY: the lengths, DELTA_BINARY_PACKED, then the bytes.

enum DeltaLengthByteArrayEncoder {
    static func encode(_ values: [[UInt8]]) -> [UInt8] {
        let lengths = values.map { Int64($0.count) }
        var bytes = lengths.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0) }
        for value in values { bytes.append(contentsOf: value) }
        return bytes
    }
}
