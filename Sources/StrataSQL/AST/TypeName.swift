// A type as written. The spelling is kept (INT and INTEGER, REAL and FLOAT, DECIMAL and NUMERIC are separate
// cases) so printing gives back what the user wrote; the binder maps each to an engine `DataType` and rejects
// what the engine lacks. ARRAY/MAP/ROW (Trino) and array<>/map<>/struct<> (Hive) parse to the same nodes.

public struct TypeName: Hashable, Sendable {
    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }

    public indirect enum Kind: Hashable, Sendable {
        case boolean
        case tinyint
        case smallint
        case int
        case integer
        case bigint
        case real
        case float
        case double
        case doublePrecision
        case decimal(precision: Int?, scale: Int?)
        case numeric(precision: Int?, scale: Int?)
        case varchar(length: Int?)
        case char(length: Int?)
        case string
        case varbinary
        case binary
        case date
        case time(precision: Int?, withTimeZone: Bool)
        case timestamp(precision: Int?, withTimeZone: Bool)
        /// `INTERVAL`, `INTERVAL DAY TO SECOND`, `INTERVAL YEAR TO MONTH`.
        case interval(from: IntervalField?, to: IntervalField?)
        /// `ARRAY(T)`, `ARRAY<T>`.
        case array(TypeName)
        /// `MAP(K, V)`, `MAP<K, V>`.
        case map(key: TypeName, value: TypeName)
        /// `ROW(name T, ...)`, `STRUCT<name: T, ...>`.
        case row([Field])
    }

    /// A named field of a ROW/STRUCT type.
    public struct Field: Hashable, Sendable {
        public var name: Identifier
        public var type: TypeName

        public init(name: Identifier, type: TypeName) {
            self.name = name
            self.type = type
        }
    }
}
