// A window frame: `ROWS|RANGE|GROUPS start` or `... BETWEEN start AND end`.

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
