// Writes BYTE_STREAM_SPLIT: the inverse of `ByteStreamSplitDecoder`.

enum ByteStreamSplitEncoder {
    /// `values` (fixed-width values of `width` bytes, back to back) split into byte streams.
    static func encode(_ values: UnsafeRawBufferPointer, width: Int) -> [UInt8] {
        let count = values.count / width
        var bytes = [UInt8](repeating: 0, count: count * width)
        for index in 0..<count {
            for stream in 0..<width {
                bytes[stream * count + index] = values[index * width + stream]
            }
        }
        return bytes
    }
}
