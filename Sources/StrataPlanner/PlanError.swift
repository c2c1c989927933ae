// Errors found while planning a statement: names that do not resolve, types that do not fit, functions
// called with arguments they do not take. The binder fills in where in the SQL text the error is.

public struct PlanError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// UTF-8 offset of the offending part of the SQL text, when known.
    public var offset: Int?
    /// Its length in UTF-8 bytes.
    public var length: Int?

    public init(_ message: String, offset: Int? = nil, length: Int? = nil) {
        self.message = message
        self.offset = offset
        self.length = length
    }

    /// The same error, located at `offset` (kept if it already has a location).
    public func located(offset: Int, length: Int) -> PlanError {
        var copy = self
        if copy.offset == nil {
            copy.offset = offset
            copy.length = length
        }
        return copy
    }

    public var description: String { message }
}
