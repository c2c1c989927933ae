// A dotted name such as `silver.events` or `e.event_date`, each part with its own quotedness and range so the
// binder can resolve and point at the part that did not match.

public struct QualifiedName: Hashable, Sendable, CustomStringConvertible {
    /// At least one part.
    public var parts: [Identifier]

    public init(_ parts: [Identifier]) {
        precondition(!parts.isEmpty, "a qualified name has at least one part")
        self.parts = parts
    }

    /// The last part: the column, table or function itself.
    public var name: Identifier { parts[parts.count - 1] }

    /// The parts before the last (schema, table or catalog qualifiers); empty for a bare name.
    public var qualifier: ArraySlice<Identifier> { parts.dropLast() }

    /// From the first part to the last.
    public var range: SourceRange { parts[0].range.union(parts[parts.count - 1].range) }

    /// The parts' values joined with `.`, as used for catalog lookups (`silver.events`).
    public var dottedName: String { parts.map(\.value).joined(separator: ".") }

    public var description: String { parts.map(\.description).joined(separator: ".") }
}
