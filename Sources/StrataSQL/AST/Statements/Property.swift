// Properties of the Trino kind, `name = expression`, as in CTAS `WITH (format = 'PARQUET',
// partitioned_by = ARRAY['dt'])` and `COPY ... WITH (...)`. Hive's string pairs are `HiveProperty`.

public struct Property: Hashable, Sendable {
    public var name: Identifier
    public var value: Expression
    @IgnoredByEquality public var range: SourceRange

    public init(name: Identifier, value: Expression, range: SourceRange = SourceRange(at: 0)) {
        self.name = name
        self.value = value
        self.range = range
    }
}
