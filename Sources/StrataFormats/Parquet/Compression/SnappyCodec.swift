// SNAPPY: raw Snappy blocks (no framing), the default codec of Spark and pyarrow.
import CSnappy

public final class SnappyCodec: Codec {
    public let codec = CompressionCodec.snappy

    public init() {}

    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        guard let source = input.baseAddress?.assumingMemoryBound(to: CChar.self) else {
            guard output.count == 0 else { throw sizeMismatch(expected: output.count, actual: 0) }
            return
        }
        var length = 0
        guard snappy_uncompressed_length(source, input.count, &length) == SNAPPY_OK else {
            throw failure("invalid Snappy header")
        }
        guard length == output.count else { throw sizeMismatch(expected: output.count, actual: length) }
        guard length > 0 else { return }
        var outputLength = output.count
        let status = snappy_uncompress(
            source, input.count, output.baseAddress!.assumingMemoryBound(to: CChar.self), &outputLength)
        guard status == SNAPPY_OK else { throw failure("invalid Snappy data") }
        guard outputLength == output.count else { throw sizeMismatch(expected: output.count, actual: outputLength) }
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        var length = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: length)
        let status = output.withUnsafeMutableBytes { raw in
            snappy_compress(
                input.nonNullBase.assumingMemoryBound(to: CChar.self), input.count,
                raw.baseAddress!.assumingMemoryBound(to: CChar.self), &length)
        }
        guard status == SNAPPY_OK else { throw ParquetError(.corrupt, "SNAPPY compression failed") }
        output.removeSubrange(length...)
        return output
    }
}
