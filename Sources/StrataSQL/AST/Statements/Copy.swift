// `COPY (query) TO 'path' [WITH (format = 'parquet', partitioned_by = ARRAY['k'], ...)]` and
// `COPY table TO 'path' [WITH (...)]`: writes a result to files.

public struct Copy: Hashable, Sendable {
    public enum Source: Hashable, Sendable {
        case query(Query)
        case table(QualifiedName)
    }

    public var source: Source
    public var target: StringLiteral
    public var options: [Property]

    public init(source: Source, target: StringLiteral, options: [Property] = []) {
        self.source = source
        self.target = target
        self.options = options
    }
}
