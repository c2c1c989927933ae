// GZIP: deflate with a gzip header (zlib headers are accepted too, as Arrow and parquet-mr do).
import CZlib

public final class GzipCodec: Codec {
    public let codec = CompressionCodec.gzip
    public let level: Int32

    public init(level: Int32 = 6) {
        self.level = level
    }

    public func decompress(_ input: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(ParquetError) {
        var stream = z_stream()
        // 15 window bits + 32: detect gzip or zlib headers automatically.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw failure("cannot start zlib")
        }
        defer { inflateEnd(&stream) }
        var produced = 0
        var consumed = 0
        // Concatenated gzip members are legal; inflate each until the input is used up.
        while consumed < input.count {
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self) + consumed)
            stream.avail_in = UInt32(input.count - consumed)
            stream.next_out = output.baseAddress.map { $0.assumingMemoryBound(to: Bytef.self) + produced }
            stream.avail_out = UInt32(output.count - produced)
            let status = inflate(&stream, Z_FINISH)
            consumed = input.count - Int(stream.avail_in)
            produced = output.count - Int(stream.avail_out)
            if status == Z_STREAM_END {
                if consumed < input.count {
                    guard inflateReset(&stream) == Z_OK else { throw failure("cannot restart zlib") }
                }
                continue
            }
            if status == Z_BUF_ERROR && stream.avail_out == 0 {
                throw failure("data decompresses to more than the \(output.count) bytes the page header says")
            }
            let message = stream.msg.map { String(cString: $0) } ?? "zlib status \(status)"
            throw failure(message)
        }
        guard produced == output.count else { throw sizeMismatch(expected: output.count, actual: produced) }
    }

    public func compress(_ input: UnsafeRawBufferPointer) throws(ParquetError) -> [UInt8] {
        var stream = z_stream()
        // 15 window bits + 16: write a gzip header.
        guard deflateInit2_(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { throw ParquetError(.corrupt, "GZIP compression failed to start") }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, UInt(input.count))) + 32
        var output = [UInt8](repeating: 0, count: bound)
        let status: Int32 = output.withUnsafeMutableBytes { raw in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.avail_in = UInt32(input.count)
            stream.next_out = raw.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = UInt32(raw.count)
            return deflate(&stream, Z_FINISH)
        }
        guard status == Z_STREAM_END else { throw ParquetError(.corrupt, "GZIP compression failed (\(status))") }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
