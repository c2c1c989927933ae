// One statement of a script. Its range runs from its first token to its last (the `;` excluded), so the CLI
// can name the statement's line and the catalog can keep a view's text as written.

public struct Statement: Hashable, Sendable {
    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        /// SELECT, WITH, VALUES, TABLE and set operations.
        case query(Query)
        case createExternalTable(CreateExternalTable)
        case createTableAs(CreateTableAs)
        case createView(CreateView)
        case insert(Insert)
        case drop(Drop)
        /// `MSCK REPAIR TABLE name`.
        case repairTable(QualifiedName)
        case alterTablePartitions(AlterTablePartitions)
        case show(Show)
        case describe(Describe)
        case explain(Explain)
        case set(SetSession)
        /// `USE schema` or `USE catalog.schema`.
        case use(QualifiedName)
        case copy(Copy)
    }
}
