// LZ4_RAW: one bare LZ4 block, no framing (the LZ4 codec of Parquet 2.9 and later).
import CLZ4

public final class LZ4RawCodec: Codec {
    public let codec = CompressionCodec.lz4Raw

    public init() {}

    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        let produced = try LZ4RawCodec.decompressBlock(input, into: output)
        guard produced == output.count else { throw sizeMismatch(expected: output.count, actual: produced) }
    }

    /// Decompresses one LZ4 block into `output`; returns the bytes produced. Also used by the Hadoop framing,
    /// so errors name the codec the file declared (`codec`).
    static func decompressBlock(
        _ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer, codec: CompressionCodec = .lz4Raw
    ) throws(ParquetError) -> Int {
        guard input.count > 0, input.count <= Int(Int32.max), output.count <= Int(Int32.max) else {
            if input.count == 0 && output.count == 0 { return 0 }
            throw ParquetError(.corrupt, "\(codec.name) decompression failed: block of \(input.count) bytes")
        }
        let produced = LZ4_decompress_safe(
            input.nonNullBase.assumingMemoryBound(to: CChar.self), output.nonNullBase.assumingMemoryBound(to: CChar.self),
            Int32(input.count), Int32(output.count))
        guard produced >= 0 else { throw ParquetError(.corrupt, "\(codec.name) decompression failed: invalid LZ4 block") }
        return Int(produced)
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        try LZ4RawCodec.compressBlock(input)
    }

    static func compressBlock(_ input: UnsafeRawBufferPointer, codec: CompressionCodec = .lz4Raw) throws(ParquetError) -> [UInt8] {
        guard input.count <= Int(LZ4_MAX_INPUT_SIZE) else {
            throw ParquetError(.unsupported, "\(codec.name) cannot compress \(input.count) bytes in one block")
        }
        let bound = Int(LZ4_compressBound(Int32(input.count)))
        var output = [UInt8](repeating: 0, count: max(bound, 1))
        let written = output.withUnsafeMutableBytes { raw in
            LZ4_compress_default(
                input.nonNullBase.assumingMemoryBound(to: CChar.self), raw.baseAddress!.assumingMemoryBound(to: CChar.self),
                Int32(input.count), Int32(raw.count))
        }
        guard written > 0 else { throw ParquetError(.corrupt, "\(codec.name) compression failed") }
        output.removeSubrange(Int(written)...)
        return output
    }
}
