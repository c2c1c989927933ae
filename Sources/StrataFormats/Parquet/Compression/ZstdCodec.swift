// ZSTD: one or more Zstandard frames. The decompression context is kept between pages.
import CZstd

public final class ZstdCodec: Codec {
    public let codec = CompressionCodec.zstd
    public let level: Int32
    private let context: OpaquePointer

    public init(level: Int32 = 1) {
        self.level = level
        context = ZSTD_createDCtx()
    }

    deinit {
        ZSTD_freeDCtx(context)
    }

    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        guard let source = input.baseAddress, input.count > 0 else {
            guard output.count == 0 else { throw sizeMismatch(expected: output.count, actual: 0) }
            return
        }
        let result = ZSTD_decompressDCtx(context, output.nonNullBase, output.count, source, input.count)
        if ZSTD_isError(result) != 0 {
            throw failure(String(cString: ZSTD_getErrorName(result)))
        }
        guard result == output.count else { throw sizeMismatch(expected: output.count, actual: result) }
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        let bound = ZSTD_compressBound(input.count)
        var output = [UInt8](repeating: 0, count: bound)
        let result = output.withUnsafeMutableBytes { raw in
            ZSTD_compress(raw.baseAddress!, raw.count, input.nonNullBase, input.count, level)
        }
        if ZSTD_isError(result) != 0 {
            throw ParquetError(.corrupt, "ZSTD compression failed: \(String(cString: ZSTD_getErrorName(result)))")
        }
        output.removeSubrange(result...)
        return output
    }
}
