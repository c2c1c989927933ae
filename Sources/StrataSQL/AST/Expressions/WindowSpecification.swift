// Windows: `OVER name` or `OVER ([name] [PARTITION BY ...] [ORDER BY ...] [frame])`, and the frames
// `ROWS|RANGE|GROUPS start` or `... BETWEEN start AND end`.

/// What follows OVER.
public enum WindowReference: Hashable, Sendable {
    /// `OVER w`, naming a window of the WINDOW clause.
    case named(Identifier)
    case specification(WindowSpecification)
}

public struct WindowSpecification: Hashable, Sendable {
    /// `OVER (w ORDER BY x)`: a WINDOW-clause window this one refines.
    public var existingWindow: Identifier?
    public var partitionBy: [Expression]
    public var orderBy: [OrderItem]
    public var frame: WindowFrame?
    @IgnoredByEquality public var range: SourceRange

    public init(
        existingWindow: Identifier? = nil, partitionBy: [Expression] = [], orderBy: [OrderItem] = [],
        frame: WindowFrame? = nil, range: SourceRange = SourceRange(at: 0)
    ) {
        self.existingWindow = existingWindow
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
        self.range = range
    }
}

public struct WindowFrame: Hashable, Sendable {
    public enum Unit: String, Hashable, Sendable {
        case rows = "ROWS"
        case range = "RANGE"
        case groups = "GROUPS"
    }

    public var unit: Unit
    public var start: FrameBound
    /// Nil for the short form `ROWS start`, which ends at the current row.
    public var end: FrameBound?
    @IgnoredByEquality public var range: SourceRange

    public init(unit: Unit, start: FrameBound, end: FrameBound?, range: SourceRange = SourceRange(at: 0)) {
        self.unit = unit
        self.start = start
        self.end = end
        self.range = range
    }
}

public struct FrameBound: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case unboundedPreceding
        case preceding(Expression)
        case currentRow
        case following(Expression)
        case unboundedFollowing
    }

    public var kind: Kind
    @IgnoredByEquality public var range: SourceRange

    public init(_ kind: Kind, range: SourceRange = SourceRange(at: 0)) {
        self.kind = kind
        self.range = range
    }
}

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
