// Errors raised while running a statement: the user's data or query met a rule of SQL at run time.

public struct ExecutionError: Error, Sendable, CustomStringConvertible {
    public enum Code: Sendable, Hashable {
        case divisionByZero
        case overflow
        case invalidCast
        case invalidArgument
        case cancelled
        case resourceExhausted
        case notSupported
        case `internal`
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
