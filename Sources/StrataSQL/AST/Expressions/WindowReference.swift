// What follows OVER: a window name or a window specification.

/// What follows OVER.
public enum WindowReference: Hashable, Sendable {
    /// `OVER w`, naming a window of the WINDOW clause.
    case named(Identifier)
    case specification(WindowSpecification)
}
