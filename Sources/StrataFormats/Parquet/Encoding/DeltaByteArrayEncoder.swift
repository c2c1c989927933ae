// Writes DELTA_BYTE_ARRAY: prefix lengths shared with the previous value, then the suffixes.

enum DeltaByteArrayEncoder {
    /// Appends the encoding of `count` values, value `i` being `bytes[offsets[i]..<offsets[i + 1]]`.
    static func encode(offsets: UnsafePointer<Int64>, bytes data: UnsafeRawPointer, count: Int, into bytes: inout [UInt8]) {
        var prefixes = [Int32](repeating: 0, count: count)
        var suffixOffsets = [Int64](repeating: 0, count: count + 1)
        var suffixes: [UInt8] = []
        suffixes.reserveCapacity(Int(offsets[count] - offsets[0]))
        let source = data.assumingMemoryBound(to: UInt8.self)
        var previousStart = 0
        var previousLength = 0
        for index in 0..<count {
            let start = Int(offsets[index])
            let length = Int(offsets[index &+ 1]) &- start
            let limit = Swift.min(previousLength, length)
            var shared = 0
            while shared < limit && source[previousStart &+ shared] == source[start &+ shared] { shared &+= 1 }
            prefixes[index] = Int32(shared)
            suffixes.append(contentsOf: UnsafeBufferPointer(start: source + start + shared, count: length - shared))
            suffixOffsets[index &+ 1] = Int64(suffixes.count)
            previousStart = start
            previousLength = length
        }
        prefixes.withUnsafeBufferPointer { DeltaBinaryPackedEncoder.encode($0, into: &bytes) }
        suffixOffsets.withUnsafeBufferPointer { offsets in
            suffixes.withUnsafeBytes { suffixBytes in
                encode(suffixOffsets: offsets.baseAddress!, suffixBytes.baseAddress ?? UnsafeRawPointer(emptyBytesPlaceholder), count, &bytes)
            }
        }
    }

    private static func encode(suffixOffsets: UnsafePointer<Int64>, _ data: UnsafeRawPointer, _ count: Int, _ bytes: inout [UInt8]) {
        DeltaLengthByteArrayEncoder.encode(offsets: suffixOffsets, bytes: data, count: count, into: &bytes)
    }
}
