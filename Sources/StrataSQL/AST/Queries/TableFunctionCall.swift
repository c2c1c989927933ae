// A table function in FROM, with positional and named arguments: `read_csv('bronze/orders/*.csv.gz',
// header = true, delimiter => ';')`. Both `name = value` and `name => value` name an argument.

public struct TableFunctionCall: Hashable, Sendable {
    public var name: QualifiedName
    public var arguments: [Argument]

    public init(name: QualifiedName, arguments: [Argument]) {
        self.name = name
        self.arguments = arguments
    }

    public struct Argument: Hashable, Sendable {
        /// Nil for a positional argument.
        public var name: Identifier?
        public var value: Expression
        @IgnoredByEquality public var range: SourceRange

        public init(name: Identifier? = nil, value: Expression, range: SourceRange = SourceRange(at: 0)) {
            self.name = name
            self.value = value
            self.range = range
        }
    }
}
