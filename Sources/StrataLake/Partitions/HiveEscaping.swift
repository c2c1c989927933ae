// Partition values in folder names, escaped exactly as Hive, Spark, Trino and Athena escape them:
// `%XX` (uppercase hex) for control characters and `"#%'*/:=?\{[]^` and DEL, so any value survives a
// trip through a path. Unescaping accepts any `%XX` and leaves a malformed `%` as it is, as Hive does.

public enum HiveEscaping {
    /// The name Hive writes for a NULL (or empty) partition value.
    public static let defaultPartitionName = "__HIVE_DEFAULT_PARTITION__"

    /// Bytes Hive's `FileUtils.escapePathName` escapes.
    static let escapedBytes: Set<UInt8> = {
        var set = Set<UInt8>(0x01...0x1F)
        for character in "\"#%'*/:=?\\{[]^" { set.insert(character.asciiValue!) }
        set.insert(0x7F)
        return set
    }()

    /// `value` as a folder-name component.
    public static func escape(_ value: String) -> String {
        guard value.utf8.contains(where: { escapedBytes.contains($0) }) else { return value }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count + 8)
        for byte in value.utf8 {
            if escapedBytes.contains(byte) {
                bytes += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The value a folder-name component stands for.
    public static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        let source = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(source.count)
        var index = 0
        while index < source.count {
            if source[index] == UInt8(ascii: "%"), index + 2 < source.count,
                let high = hexValue(source[index + 1]), let low = hexValue(source[index + 2])
            {
                bytes.append(high << 4 | low)
                index += 3
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
