// `WINDOW name AS (specification)` in a SELECT.

/// `WINDOW name AS (specification)` in a SELECT.
public struct WindowDefinition: Hashable, Sendable {
    public var name: Identifier
    public var specification: WindowSpecification
    @IgnoredByEquality public var range: SourceRange

    public init(name: Identifier, specification: WindowSpecification, range: SourceRange = SourceRange(at: 0)) {
        self.name = name
        self.specification = specification
        self.range = range
    }
}
