// Streaming gzip decompression of a whole file with zlib's inflate. Files made by `cat a.gz b.gz` (and by
// tools that write in independent blocks) hold several gzip members one after the other: all are read.
import CZlib
import StrataCore

final class GzipByteStream: TextByteStream {
    private let input: Buffer
    private let stream: UnsafeMutablePointer<z_stream>
    private var finished = false

    init(_ input: Buffer) throws(TextFormatError) {
        self.input = input
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 16 + 15: a gzip wrapper (not zlib or raw deflate) with the largest window.
        let status = inflateInit2_(stream, 16 + 15, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            stream.deallocate()
            throw TextFormatError(.corrupt, "gzip: cannot start inflating (zlib status \(status))")
        }
        stream.pointee.next_in = input.baseAddress.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_in = 0
        finished = input.count == 0
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    /// Input bytes zlib has consumed so far.
    private var consumed: Int {
        stream.pointee.next_in - input.baseAddress.assumingMemoryBound(to: UInt8.self)
    }

    private func feedInput() {
        guard stream.pointee.avail_in == 0 else { return }
        let remaining = input.count - consumed
        stream.pointee.avail_in = UInt32(min(remaining, Int(UInt32.max)))
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TextFormatError) -> Int {
        guard !finished, let destination = buffer.baseAddress, buffer.count > 0 else { return 0 }
        stream.pointee.next_out = destination.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        let capacity = Int(stream.pointee.avail_out)
        while stream.pointee.avail_out > 0 && !finished {
            feedInput()
            let status = inflate(stream, Z_NO_FLUSH)
            switch status {
            case Z_STREAM_END:
                try startNextMember()
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                // No progress was possible: zlib wants input and there is none left.
                throw TextFormatError(.corrupt, consumed == input.count
                    ? "gzip: the data is truncated (the file ends inside a compressed member)"
                    : "gzip: invalid compressed data (no progress possible)")
            default:
                let detail = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                throw TextFormatError(.corrupt, "gzip: invalid compressed data (\(detail))")
            }
        }
        return capacity - Int(stream.pointee.avail_out)
    }

    /// After a member ends: another member follows, or the file ends (zero padding, as some tape and
    /// block writers leave, is allowed); anything else is an error rather than silently dropped data.
    private func startNextMember() throws(TextFormatError) {
        let rest = UnsafeRawBufferPointer(start: input.baseAddress + consumed, count: input.count - consumed)
        if rest.isEmpty || rest.allSatisfy({ $0 == 0 }) {
            finished = true
            return
        }
        guard rest.starts(with: TextCompression.gzipMagic) else {
            throw TextFormatError(.corrupt, "gzip: \(rest.count) bytes of garbage after the end of the compressed data")
        }
        let status = inflateReset(stream)
        guard status == Z_OK else {
            throw TextFormatError(.corrupt, "gzip: cannot start the next member (zlib status \(status))")
        }
    }
}
