// Writes BYTE_STREAM_SPLIT: the inverse of `ByteStreamSplitDecoder`.

enum ByteStreamSplitEncoder {
    /// `values` (fixed-width values of `width` bytes, back to back) split into byte streams.
    static func encode(_ values: UnsafeRawBufferPointer, width: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        encode(values, width: width, into: &bytes)
        return bytes
    }

    /// Appends the byte streams of `values` to `bytes`.
    static func encode(_ values: UnsafeRawBufferPointer, width: Int, into bytes: inout [UInt8]) {
        let count = values.count / width
        guard count > 0, let source = values.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
        let start = bytes.count
        bytes.appendZeros(count * width)
        bytes.withUnsafeMutableBufferPointer { output in
            let target = output.baseAddress! + start
            for stream in 0..<width {
                let streamTarget = target + stream &* count
                var from = source + stream
                for index in 0..<count {
                    streamTarget[index] = from.pointee
                    from += width
                }
            }
        }
    }
}
