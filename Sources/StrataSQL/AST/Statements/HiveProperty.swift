// A `'key' = 'value'` pair of Hive DDL: TBLPROPERTIES and WITH SERDEPROPERTIES. Both sides are strings;
// Hive also writes them in double quotes, which mean a string there.

public struct HiveProperty: Hashable, Sendable {
    public var key: StringLiteral
    public var value: StringLiteral

    public init(key: StringLiteral, value: StringLiteral) {
        self.key = key
        self.value = value
    }

    @inlinable
    public var range: SourceRange { key.range.union(value.range) }
}
