// LZ4 (deprecated): LZ4 blocks in Hadoop's framing, each preceded by big-endian 32-bit decompressed and
// compressed sizes. Some writers put a bare LZ4 block under this codec instead; like Arrow, the reader
// falls back to that when the framing does not fit.

public final class LZ4HadoopCodec: Codec {
    public let codec = CompressionCodec.lz4

    public init() {}

    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        if let produced = try? decompressHadoop(input, into: output), produced == output.count { return }
        let produced = try LZ4RawCodec.decompressBlock(input, into: output, codec: codec)
        guard produced == output.count else { throw sizeMismatch(expected: output.count, actual: produced) }
    }

    private func decompressHadoop(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) -> Int {
        var consumed = 0
        var produced = 0
        while consumed < input.count {
            guard input.count - consumed >= 8 else { throw failure("truncated Hadoop frame header") }
            let expanded = Int(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: consumed, as: UInt32.self)))
            let compressed = Int(UInt32(bigEndian: input.loadUnaligned(fromByteOffset: consumed + 4, as: UInt32.self)))
            consumed += 8
            guard compressed <= input.count - consumed, expanded <= output.count - produced else {
                throw failure("Hadoop frame larger than the page")
            }
            let block = UnsafeRawBufferPointer(rebasing: input[consumed..<(consumed + compressed)])
            let target = UnsafeMutableRawBufferPointer(rebasing: output[produced..<(produced + expanded)])
            let count = try LZ4RawCodec.decompressBlock(block, into: target, codec: codec)
            guard count == expanded else { throw failure("Hadoop frame size mismatch") }
            consumed += compressed
            produced += expanded
        }
        return produced
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        let block = try LZ4RawCodec.compressBlock(input, codec: codec)
        var output: [UInt8] = []
        output.reserveCapacity(block.count + 8)
        withUnsafeBytes(of: UInt32(input.count).bigEndian) { output.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt32(block.count).bigEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: block)
        return output
    }
}
