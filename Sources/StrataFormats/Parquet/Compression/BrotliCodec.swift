// BROTLI: one Brotli stream.
import CBrotli

public final class BrotliCodec: Codec {
    public let codec = CompressionCodec.brotli
    public let quality: Int32

    public init(quality: Int32 = 1) {
        self.quality = quality
    }

    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        var produced = output.count
        let result = BrotliDecoderDecompress(
            input.count, input.nonNullBase.assumingMemoryBound(to: UInt8.self), &produced,
            output.nonNullBase.assumingMemoryBound(to: UInt8.self))
        guard result == BROTLI_DECODER_RESULT_SUCCESS else {
            throw failure(result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT
                ? "data decompresses to more than the \(output.count) bytes the page header says" : "invalid Brotli data")
        }
        guard produced == output.count else { throw sizeMismatch(expected: output.count, actual: produced) }
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        var length = BrotliEncoderMaxCompressedSize(input.count)
        if length == 0 { length = input.count + 1024 }
        var output = [UInt8](repeating: 0, count: length)
        let ok = output.withUnsafeMutableBytes { raw in
            BrotliEncoderCompress(
                quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.count,
                input.nonNullBase.assumingMemoryBound(to: UInt8.self), &length, raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        guard ok == BROTLI_TRUE else { throw ParquetError(.corrupt, "BROTLI compression failed") }
        output.removeSubrange(length...)
        return output
    }
}
