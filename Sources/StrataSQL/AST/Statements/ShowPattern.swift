// The pattern of SHOW TABLES / SCHEMAS / VIEWS.

public struct ShowPattern: Hashable, Sendable {
    public var pattern: StringLiteral
    /// Written with LIKE (Trino); false for Athena's bare pattern.
    public var isLike: Bool
    public var escape: StringLiteral?

    public init(pattern: StringLiteral, isLike: Bool, escape: StringLiteral? = nil) {
        self.pattern = pattern
        self.isLike = isLike
        self.escape = escape
    }
}
