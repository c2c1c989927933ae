// Recognizing a keyword from raw bytes without building a String: keywords are bucketed by length, and a
// candidate is compared ASCII-case-insensitively against the uppercase spelling.

extension Keyword {
    /// The uppercase spellings as bytes, bucketed by length (index = length).
    private static let spellingsByLength: [[(keyword: Keyword, bytes: [UInt8])]] = {
        var table = [[(keyword: Keyword, bytes: [UInt8])]](repeating: [], count: longestLength + 1)
        for keyword in Keyword.allCases {
            let bytes = Array(keyword.rawValue.utf8)
            table[bytes.count].append((keyword, bytes))
        }
        return table
    }()

    static let longestLength = Keyword.allCases.map(\.rawValue.utf8.count).max() ?? 0

    /// The keyword spelled by `word` in any letter case, or nil.
    static func lookup(_ word: UnsafeBufferPointer<UInt8>) -> Keyword? {
        guard word.count <= longestLength, !word.isEmpty else { return nil }
        let first = word[0] & 0xDF  // ASCII uppercase for letters; keywords start with a letter
        candidates: for candidate in spellingsByLength[word.count] where candidate.bytes[0] == first {
            for index in 1..<word.count {
                var byte = word[index]
                if byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") { byte &-= 32 }
                if byte != candidate.bytes[index] { continue candidates }
            }
            return candidate.keyword
        }
        return nil
    }

    /// The keyword spelled by `word` in any letter case, or nil.
    public init?(spelling word: String) {
        var word = word
        guard let keyword = word.withUTF8({ Keyword.lookup($0) }) else { return nil }
        self = keyword
    }
}
