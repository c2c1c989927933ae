// A name as written: unquoted names are case-insensitive and kept lowercased (as Trino does); quoted names
// (`"Name"`, or `` `Name` `` in Hive DDL) keep their case and may hold any character.

public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    /// The name: lowercased when unquoted, exactly as written (quotes removed, doubled quotes undone) when quoted.
    public var value: String
    /// Whether the name was quoted, so it must be printed quoted to mean the same.
    public var isQuoted: Bool
    @IgnoredByEquality public var range: SourceRange

    public init(_ value: String, isQuoted: Bool = false, range: SourceRange = SourceRange(at: 0)) {
        self.value = value
        self.isQuoted = isQuoted
        self.range = range
    }

    public var description: String { isQuoted ? SQLQuoting.quote(value, with: "\"") : value }
}
