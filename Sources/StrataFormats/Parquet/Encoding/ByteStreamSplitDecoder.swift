// BYTE_STREAM_SPLIT: byte k of every value in stream k, the streams back to back. Values are read from
// any position without decoding the ones before.

struct ByteStreamSplitDecoder {
    private let base: UnsafeRawPointer
    /// Values in the page, the length of each stream.
    let valueCount: Int
    let width: Int
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer, width: Int) throws(ParquetError) {
        guard width > 0, bytes.count % width == 0 else {
            throw ParquetError(.corrupt, "BYTE_STREAM_SPLIT data of \(bytes.count) bytes is not a multiple of \(width)")
        }
        base = bytes.nonNullBase
        valueCount = bytes.count / width
        self.width = width
    }

    mutating func decode(count: Int, into output: UnsafeMutableRawPointer) throws(ParquetError) {
        guard count <= valueCount - position else {
            throw ParquetError(.corrupt, "BYTE_STREAM_SPLIT data ends \(count - (valueCount - position)) values early")
        }
        let target = output.assumingMemoryBound(to: UInt8.self)
        let source = base.assumingMemoryBound(to: UInt8.self) + position
        let streamLength = valueCount
        let width = self.width
        for stream in 0..<width {
            let from = source + stream &* streamLength
            var to = target + stream
            for index in 0..<count {
                to.pointee = from[index]
                to += width
            }
        }
        position += count
    }

    mutating func skip(_ count: Int) throws(ParquetError) {
        guard count <= valueCount - position else { throw ParquetError(.corrupt, "BYTE_STREAM_SPLIT data ends early") }
        position += count
    }
}
