// A compression codec for pages. Instances may hold library contexts (zstd, zlib), so each column reader
// makes its own; they are not shared between threads.

public protocol Codec: AnyObject {
    var codec: CompressionCodec { get }

    /// Decompresses `input` into exactly `output.count` bytes; anything else is a corrupt page.
    func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError)

    /// The compressed form of `input`.
    func compress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8]
}

extension Codec {
    /// A decompression failure of this codec.
    func failure(_ detail: String) -> ParquetError {
        ParquetError(.corrupt, "\(codec.name) decompression failed: \(detail)")
    }

    /// The error for a page that decompressed to another size than its header says.
    func sizeMismatch(expected: Int, actual: Int) -> ParquetError {
        ParquetError(
            .corrupt, "\(codec.name) page decompressed to \(actual) bytes where its header says \(expected)")
    }
}

extension CompressionCodec {
    /// A codec for pages compressed with this; nil for UNCOMPRESSED, which needs none.
    public func makeCodec(level: Int32? = nil) throws(ParquetError) -> (any Codec)? {
        switch self {
        case .uncompressed: return nil
        case .snappy: return SnappyCodec()
        case .gzip: return GzipCodec(level: level ?? 6)
        case .zstd: return ZstdCodec(level: level ?? 1)
        case .lz4Raw: return LZ4RawCodec()
        case .lz4: return LZ4HadoopCodec()
        case .brotli: return BrotliCodec(quality: level ?? 1)
        case .lzo: throw ParquetError(.unsupported, "the LZO codec is not supported")
        }
    }
}
