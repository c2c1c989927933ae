// Hive bucketing: `CLUSTERED BY (...) [SORTED BY (...)] INTO n BUCKETS`.

/// `CLUSTERED BY (columns) [SORTED BY (column [ASC|DESC], ...)] INTO n BUCKETS`.
public struct Bucketing: Hashable, Sendable {
    public struct SortColumn: Hashable, Sendable {
        public var name: Identifier
        public var direction: OrderItem.Direction?

        public init(name: Identifier, direction: OrderItem.Direction? = nil) {
            self.name = name
            self.direction = direction
        }
    }

    public var columns: [Identifier]
    public var sortedBy: [SortColumn]
    public var bucketCount: Int

    public init(columns: [Identifier], sortedBy: [SortColumn] = [], bucketCount: Int) {
        self.columns = columns
        self.sortedBy = sortedBy
        self.bucketCount = bucketCount
    }
}
