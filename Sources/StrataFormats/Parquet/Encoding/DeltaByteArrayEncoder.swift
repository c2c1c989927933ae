// Writes DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then the suffixes.

enum DeltaByteArrayEncoder {
    static func encode(_ values: [[UInt8]]) -> [UInt8] {
        var prefixes: [Int64] = []
        var suffixes: [[UInt8]] = []
        var previous: [UInt8] = []
        for value in values {
            var shared = 0
            while shared < Swift.min(previous.count, value.count) && previous[shared] == value[shared] { shared += 1 }
            prefixes.append(Int64(shared))
            suffixes.append(Array(value[shared...]))
            previous = value
        }
        var bytes = prefixes.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0) }
        bytes.append(contentsOf: DeltaLengthByteArrayEncoder.encode(suffixes))
        return bytes
    }
}
