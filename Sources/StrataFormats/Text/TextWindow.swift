// A window on the decompressed text: the bytes from the oldest one a reader still needs to the newest one
// read. Readers parse in place and, when a record runs past the end, slide the window (dropping what they
// are done with) and read more; the window grows only when a single batch needs more room than it has.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import StrataCore

final class TextWindow {
    static let defaultChunkSize = 1 << 20

    // Read per record by the readers (one thread per window): no runtime exclusivity checks.
    /// The bytes in the window; valid until the next `refill`.
    @exclusivity(unchecked) private(set) var bytes: UnsafePointer<UInt8>
    /// How many bytes of `bytes` are valid.
    @exclusivity(unchecked) private(set) var count: Int
    /// Whether the window holds the end of the text: no more bytes will come.
    @exclusivity(unchecked) private(set) var isComplete: Bool

    private var storage: Buffer
    private let stream: (any TextByteStream)?
    private let chunkSize: Int
    /// The file, for errors.
    let location: String

    /// A window holding a whole uncompressed file, which never slides.
    init(whole: Buffer, location: String) {
        self.location = location
        storage = whole
        bytes = UnsafePointer(whole.baseAddress.assumingMemoryBound(to: UInt8.self))
        count = whole.count
        isComplete = true
        stream = nil
        chunkSize = 0
    }

    /// A window over a stream, filled with its first bytes.
    init(stream: any TextByteStream, chunkSize: Int, location: String) throws(TextFormatError) {
        self.location = location
        self.stream = stream
        self.chunkSize = max(chunkSize, 1)
        storage = Buffer(capacity: max(chunkSize, 64))
        bytes = UnsafePointer(storage.baseAddress.assumingMemoryBound(to: UInt8.self))
        count = 0
        isComplete = false
        _ = try refill(keepingFrom: 0)
    }

    /// Drops the bytes before `keep`, moving the rest to the start, and reads more. Returns how far the
    /// kept bytes moved (`keep`): positions the caller holds must be lowered by it. When nothing more
    /// comes, `isComplete` becomes true.
    func refill(keepingFrom keep: Int) throws(TextFormatError) -> Int {
        guard let stream, !isComplete else { return 0 }
        let kept = count - keep
        if keep > 0 && kept > 0 {
            memmove(storage.baseAddress, storage.baseAddress + keep, kept)
        }
        count = kept
        storage.count = kept
        if storage.capacity - kept < chunkSize {
            storage.reserve(max(storage.capacity * 2, kept + chunkSize))
        }
        let free = UnsafeMutableRawBufferPointer(start: storage.baseAddress + kept, count: storage.capacity - kept)
        let read: Int
        do throws(TextFormatError) {
            read = try stream.read(into: free)
        } catch {
            throw error.located(file: location)
        }
        count += read
        storage.count = count
        if read == 0 { isComplete = true }
        bytes = UnsafePointer(storage.baseAddress.assumingMemoryBound(to: UInt8.self))
        return keep
    }

    /// Reads until at least `needed` bytes are in the window or the text ends.
    func fill(atLeast needed: Int) throws(TextFormatError) {
        while count < needed && !isComplete {
            _ = try refill(keepingFrom: 0)
        }
    }

    /// The length of the UTF-8 byte order mark at the start, if there is one. UTF-16 text (as Excel's
    /// "Unicode text" export writes it) is an error: read as UTF-8 it would be garbage, not an answer.
    func byteOrderMarkLength() throws(TextFormatError) -> Int {
        try fill(atLeast: 3)
        if count >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)) {
            throw TextFormatError(
                .malformed, "the file is UTF-16 text (it starts with a UTF-16 byte order mark); Strata reads UTF-8: convert it first",
                file: location, line: 1, column: 1)
        }
        guard count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return 0 }
        return 3
    }
}
