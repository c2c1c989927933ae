// The bytes of a text file after decompression, produced piece by piece so a large compressed file never
// has to be inflated into memory at once.
import StrataCore

/// A source of decompressed bytes, read front to back once.
protocol TextByteStream: AnyObject {
    /// Fills `buffer` from its start with the next bytes and returns how many; 0 only at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TextFormatError) -> Int
}

/// The bytes of an uncompressed file, handed out in pieces (used when a test wants the streaming path).
final class PlainByteStream: TextByteStream {
    private let source: Buffer
    private var offset = 0

    init(_ source: Buffer) {
        self.source = source
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(TextFormatError) -> Int {
        let count = min(buffer.count, source.count - offset)
        guard count > 0, let destination = buffer.baseAddress else { return 0 }
        destination.copyMemory(from: source.baseAddress + offset, byteCount: count)
        offset += count
        return count
    }
}
