// `SET [SESSION] name = value`. The name may be dotted (`SET SESSION hive.insert_existing_partitions_behavior
// = 'OVERWRITE'`); the value is an expression, usually a literal, for the session layer to check.

public struct SetSession: Hashable, Sendable {
    /// Written as `SET SESSION` (Trino) rather than plain `SET`.
    public var isSession: Bool
    public var name: QualifiedName
    public var value: Expression

    public init(isSession: Bool, name: QualifiedName, value: Expression) {
        self.isSession = isSession
        self.name = name
        self.value = value
    }
}
