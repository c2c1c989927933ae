// The clauses of `ROW FORMAT DELIMITED`.

/// The clauses of `ROW FORMAT DELIMITED`, each a one-character string in practice.
public struct DelimitedRowFormat: Hashable, Sendable {
    public var fieldsTerminatedBy: StringLiteral?
    public var escapedBy: StringLiteral?
    public var collectionItemsTerminatedBy: StringLiteral?
    public var mapKeysTerminatedBy: StringLiteral?
    public var linesTerminatedBy: StringLiteral?
    public var nullDefinedAs: StringLiteral?

    public init(
        fieldsTerminatedBy: StringLiteral? = nil, escapedBy: StringLiteral? = nil,
        collectionItemsTerminatedBy: StringLiteral? = nil, mapKeysTerminatedBy: StringLiteral? = nil,
        linesTerminatedBy: StringLiteral? = nil, nullDefinedAs: StringLiteral? = nil
    ) {
        self.fieldsTerminatedBy = fieldsTerminatedBy
        self.escapedBy = escapedBy
        self.collectionItemsTerminatedBy = collectionItemsTerminatedBy
        self.mapKeysTerminatedBy = mapKeysTerminatedBy
        self.linesTerminatedBy = linesTerminatedBy
        self.nullDefinedAs = nullDefinedAs
    }
}
