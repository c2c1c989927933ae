// One text file to read: its bytes as stored, the name to report it by, and how it is compressed. Readers
// open it more than once (sniffing, then reading), each time from the start.
import StrataCore
import StrataStorage

final class TextSource {
    /// The file as the user names it, for messages.
    let location: String
    /// The bytes as stored (compressed or not).
    let stored: Buffer
    let compression: TextCompression

    init(bytes: [UInt8], location: String, requested: TextCompression?) throws(TextFormatError) {
        self.location = location
        stored = bytes.withUnsafeBytes { Buffer(copying: $0) }
        do {
            compression = try TextCompression.resolve(requested: requested, fileName: location, bytes: stored.bytes)
        } catch {
            throw error.located(file: location)
        }
    }

    /// Reads the whole object: text files in the lake are small to medium, and one request is cheaper
    /// than many ranged ones.
    static func load(store: any ObjectStore, key: String, requested: TextCompression?) throws(TextFormatError)
        -> TextSource
    {
        let location = store.location(of: key)
        let bytes: [UInt8]
        do {
            bytes = try store.read(key, range: nil)
        } catch {
            throw TextFormatError(.io, error.message, file: error.location)
        }
        return try TextSource(bytes: bytes, location: location, requested: requested)
    }

    /// A fresh window at the start of the decompressed text. `chunkSize` forces the streaming path for
    /// uncompressed files too (tests use it to cut records at every possible place).
    func makeWindow(chunkSize: Int? = nil) throws(TextFormatError) -> TextWindow {
        do {
            switch compression {
            case .none:
                if let chunkSize {
                    return try TextWindow(stream: PlainByteStream(stored), chunkSize: chunkSize, location: location)
                }
                return TextWindow(whole: stored, location: location)
            case .gzip:
                return try TextWindow(
                    stream: GzipByteStream(stored), chunkSize: chunkSize ?? TextWindow.defaultChunkSize, location: location)
            case .zstd:
                return try TextWindow(
                    stream: ZstdByteStream(stored), chunkSize: chunkSize ?? TextWindow.defaultChunkSize, location: location)
            }
        } catch {
            throw error.located(file: location)
        }
    }
}
