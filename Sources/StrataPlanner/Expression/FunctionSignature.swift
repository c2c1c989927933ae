// What overload resolution decides for one call: the types the arguments are cast to and the result type.
import StrataCore

public struct FunctionSignature: Hashable, Sendable {
    /// One per argument; the binder casts an argument whose type differs (always an implicit cast).
    public var parameterTypes: [DataType]
    public var returnType: DataType

    public init(_ parameterTypes: [DataType], _ returnType: DataType) {
        self.parameterTypes = parameterTypes
        self.returnType = returnType
    }
}

/// Shared pieces of overload resolution.
enum Overload {
    /// `type` if an argument of `argument` type converts to it implicitly.
    static func accepts(_ argument: DataType, _ type: DataType) -> Bool {
        TypeCoercion.canImplicitlyCast(from: argument, to: type)
    }

    /// The error for a call no overload accepts, in Trino's words.
    static func mismatch(_ name: String, _ arguments: [DataType], expected: String) -> PlanError {
        let given = arguments.map(\.sqlName).joined(separator: ", ")
        return PlanError("Unexpected parameters (\(given)) for function \(name). Expected: \(expected)")
    }
}
