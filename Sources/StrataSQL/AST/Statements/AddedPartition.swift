// One partition of ALTER TABLE ... ADD PARTITION, with its optional LOCATION.

/// One partition of `ADD PARTITION`, with its optional LOCATION.
public struct AddedPartition: Hashable, Sendable {
    public var spec: PartitionSpec
    public var location: StringLiteral?

    public init(spec: PartitionSpec, location: StringLiteral? = nil) {
        self.spec = spec
        self.location = location
    }
}
