// `x LIKE pattern [ESCAPE e]`.
import StrataCore

enum LikeKernel {
    static func like(
        _ value: Column, pattern: Column, escape: Column?, cache: inout PatternCache, context: KernelContext
    ) throws -> Column {
        throw ExecutionError(.notSupported, "LIKE is not supported yet")
    }
}
