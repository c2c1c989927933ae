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
        guard let equals = folderName.firstIndex(of: "="), equals != folderName.startIndex else { return nil }
        key = HiveEscaping.unescape(folderName[..<equals])
        let rawValue = folderName[folderName.index(after: equals)...]
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
