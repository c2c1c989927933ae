// The SHOW statements. `SHOW TABLES` takes Trino's `[FROM|IN schema] [LIKE 'pattern' [ESCAPE 'c']]` and
// Athena's bare `'pattern'`; the pattern keeps which form was written (`isLike`), since Trino reads it as a
// LIKE pattern and Athena as a regular expression with `*`.

public enum Show: Hashable, Sendable {
    case tables(schema: QualifiedName?, pattern: ShowPattern?)
    /// `SHOW SCHEMAS` or `SHOW DATABASES`.
    case schemas(pattern: ShowPattern?)
    case views(schema: QualifiedName?, pattern: ShowPattern?)
    case partitions(QualifiedName)
    /// `SHOW COLUMNS FROM|IN t`.
    case columns(QualifiedName)
    case createTable(QualifiedName)
    case createView(QualifiedName)
}

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
