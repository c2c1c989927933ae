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

/// `AS name (column, ...)`.
public struct TableAlias: Hashable, Sendable {
    public var name: Identifier
    public var columns: [Identifier]
    @IgnoredByEquality public var range: SourceRange

    public init(name: Identifier, columns: [Identifier] = [], range: SourceRange = SourceRange(at: 0)) {
        self.name = name
        self.columns = columns
        self.range = range
    }
}

public struct Join: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case inner = "JOIN"
        case left = "LEFT JOIN"
        case right = "RIGHT JOIN"
        case full = "FULL JOIN"
        case cross = "CROSS JOIN"
    }

    public enum Condition: Hashable, Sendable {
        case on(Expression)
        case using([Identifier])
    }

    public var kind: Kind
    public var left: Relation
    public var right: Relation
    /// Nil exactly for CROSS JOIN.
    public var condition: Condition?

    public init(kind: Kind, left: Relation, right: Relation, condition: Condition?) {
        self.kind = kind
        self.left = left
        self.right = right
        self.condition = condition
    }
}
