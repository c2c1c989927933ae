// ZSTD: one or more Zstandard frames. The decompression context is kept between pages, and between column
// chunks: creating one costs more than decompressing a small page, and a scan opens a codec per chunk, so
// released contexts wait in a pool for the next chunk.
import CZstd
import StrataCore

public final class ZstdCodec: Codec {
    public let codec = CompressionCodec.zstd
    public let level: Int32
    private let context: OpaquePointer

    public init(level: Int32 = 1) {
        self.level = level
        context = Self.idleContexts.withLock { $0.popLast() } ?? ZSTD_createDCtx()
    }

    deinit {
        let kept = Self.idleContexts.withLock { idle in
            guard idle.count < Self.maximumIdleContexts else { return false }
            idle.append(context)
            return true
        }
        if !kept { ZSTD_freeDCtx(context) }
    }

    /// Decompression contexts no codec holds. A context carries no state from one frame to the next that
    /// `ZSTD_decompressDCtx` does not reset, so any codec may take any of them.
    private nonisolated(unsafe) static let idleContexts = Locked<[OpaquePointer]>([])
    /// Enough for every column of a few concurrent scans; more are freed.
    private static let maximumIdleContexts = 64

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
