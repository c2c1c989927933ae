// Streaming zstd decompression of a whole file with zstd's streaming API; concatenated frames and
// skippable frames are read as zstd's own tools do.
import CZstd
import StrataCore

final class ZstdByteStream: TextByteStream {
    private let input: Buffer
    private let context: OpaquePointer
    private var inputPosition = 0
    private var finished = false
    /// Whether the last call ended a frame (zstd's hint 0): the file may end there.
    private var atFrameBoundary = false

    init(_ input: Buffer) throws(TextFormatError) {
        self.input = input
        guard let context = ZSTD_createDCtx() else {
            throw TextFormatError(.corrupt, "zstd: cannot create a decompression context")
        }
        self.context = context
        finished = input.count == 0
    }

    deinit {
        ZSTD_freeDCtx(context)
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TextFormatError) -> Int {
        guard !finished, let destination = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var output = ZSTD_outBuffer(dst: destination, size: buffer.count, pos: 0)
        var source = ZSTD_inBuffer(src: UnsafeRawPointer(input.baseAddress), size: input.count, pos: inputPosition)
        while output.pos < output.size {
            let outputBefore = output.pos
            let hint = ZSTD_decompressStream(context, &output, &source)
            if ZSTD_isError(hint) != 0 {
                inputPosition = source.pos
                throw TextFormatError(.corrupt, "zstd: invalid compressed data (\(String(cString: ZSTD_getErrorName(hint))))")
            }
            if source.pos == source.size && output.pos == outputBefore {
                // All input is in and nothing more comes out: either the last frame ended cleanly or
                // the file stops inside one.
                guard hint == 0 || atFrameBoundary else {
                    throw TextFormatError(.corrupt, "zstd: the data is truncated (the file ends inside a frame)")
                }
                finished = true
                break
            }
            atFrameBoundary = hint == 0
        }
        inputPosition = source.pos
        return output.pos
    }
}
