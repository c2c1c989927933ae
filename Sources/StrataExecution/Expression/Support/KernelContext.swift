// What a kernel needs besides its arguments: the scope's rows and where failing rows go.
import StrataCore

/// What a kernel needs besides its arguments: how to report a row that fails.
struct KernelContext {
    let scope: EvaluationScope
    /// nil: throw at the first failure.
    let failures: RowFailures?

    /// Reports that `position` of the scope failed with `error`: throws, or records the row (the kernel then
    /// makes the row NULL and goes on).
    @inline(__always)
    func fail(_ position: Int, _ error: @autoclosure () -> ExecutionError) throws {
        guard let failures else { throw error() }
        failures.record(scope.batchRow(position))
    }

    /// Reports that every row of the scope failed (a failure of a value shared by all rows).
    func failAll(_ error: ExecutionError) throws {
        guard let failures else { throw error }
        for position in 0..<scope.count { failures.record(scope.batchRow(position)) }
    }

    /// The same context, throwing instead of collecting: for speculative work (a dictionary evaluated
    /// once for all rows) that falls back to the row-by-row path on error.
    var throwing: KernelContext { KernelContext(scope: scope, failures: nil) }

    var collectsFailures: Bool { failures != nil }
}
