// One `key=value` folder name of a Hive-partitioned path.

public struct PartitionSegment: Hashable, Sendable {
    public var key: String
    /// The unescaped value; nil for `__HIVE_DEFAULT_PARTITION__` and for an empty value.
    public var value: String?

    public init(key: String, value: String?) {
        self.key = key
        self.value = value
    }

    /// Parses a folder name; nil when it is not `key=value` with a non-empty key.
    public init?(folderName: Substring) {
        // The first `=` scalar, not Character: a value that starts with a combining mark (`=\u{301}`)
        // makes the `=` part of a larger Character, which `firstIndex(of: "=")` would pass over.
        let scalars = folderName.unicodeScalars
        guard let equals = scalars.firstIndex(of: "="), equals != scalars.startIndex else { return nil }
        key = HiveEscaping.unescape(Substring(scalars[..<equals]))
        let rawValue = Substring(scalars[scalars.index(after: equals)...])
        // Hive never writes an empty value (it writes the default partition instead), so an empty one
        // is read as missing too.
        if rawValue.isEmpty || rawValue == HiveEscaping.defaultPartitionName {
            value = nil
        } else {
            value = HiveEscaping.unescape(rawValue)
        }
    }

    /// The folder name, escaped as Hive writes it.
    public var folderName: String {
        HiveEscaping.escape(key) + "=" + (value.map(HiveEscaping.escape) ?? HiveEscaping.defaultPartitionName)
    }
}
