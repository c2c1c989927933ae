// A window specification: `([name] [PARTITION BY ...] [ORDER BY ...] [frame])` after OVER or in WINDOW.

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
