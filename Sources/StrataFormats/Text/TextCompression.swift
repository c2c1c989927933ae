// How a text file is compressed, judged from its name and its first bytes.

public enum TextCompression: String, Sendable, Hashable, CaseIterable {
    case none
    case gzip
    case zstd

    static let gzipMagic: [UInt8] = [0x1F, 0x8B]
    static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

    /// The compression a file name announces (`.gz`, `.gzip`, `.zst`, `.zstd`), or nil when it announces none.
    public static func of(fileName name: String) -> TextCompression? {
        let lowered = name.lowercased()
        if lowered.hasSuffix(".gz") || lowered.hasSuffix(".gzip") { return .gzip }
        if lowered.hasSuffix(".zst") || lowered.hasSuffix(".zstd") { return .zstd }
        return nil
    }

    /// The compression the first bytes of a file show, or `.none`.
    public static func of(magic bytes: UnsafeRawBufferPointer) -> TextCompression {
        if bytes.starts(with: gzipMagic) { return .gzip }
        if bytes.starts(with: zstdMagic) { return .zstd }
        return .none
    }

    /// The option spelling DuckDB uses: `none`, `gzip`, `zstd`, or `auto` (nil).
    public init?(optionName: String) {
        switch optionName.lowercased() {
        case "none", "uncompressed": self = .none
        case "gzip", "gz": self = .gzip
        case "zstd", "zst": self = .zstd
        default: return nil
        }
    }

    /// The compression of a file: `requested` when given, else what the name says, else what the magic
    /// bytes say. A name or request that the bytes contradict is an error: a `.gz` file that is not gzip
    /// is a broken file, and reading it as text would only produce garbage rows.
    static func resolve(
        requested: TextCompression?, fileName: String, bytes: UnsafeRawBufferPointer
    ) throws(TextFormatError) -> TextCompression {
        let magic = of(magic: bytes)
        guard let expected = requested ?? of(fileName: fileName) else { return magic }
        if expected != .none, magic != expected, !bytes.isEmpty {
            throw TextFormatError(.corrupt, "not \(expected.rawValue) data (the file does not start with the \(expected.rawValue) magic bytes)")
        }
        return expected
    }
}
