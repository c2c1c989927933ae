// What FROM reads: tables, derived tables, table functions and joins of them, each optionally aliased
// (`AS t (a, b)`).

public struct Relation: Hashable, Sendable {
    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        /// A table or view by name.
        case table(QualifiedName, alias: TableAlias?)
        /// `(query) [AS] alias [(columns)]`, including `(VALUES ...)`.
        case subquery(Query, alias: TableAlias?)
        /// `read_parquet('s3://b/t/**/*.parquet', hive_partitioning => true) [AS] alias`.
        case tableFunction(TableFunctionCall, alias: TableAlias?)
        case join(Join)
    }
}
