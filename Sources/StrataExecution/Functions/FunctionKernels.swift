// Scalar function calls: the kernel of each `ScalarFunction`.
import StrataCore
import StrataPlanner

enum FunctionKernels {
    static func call(
        _ function: ScalarFunction, _ arguments: [Column], resultType: DataType, evaluator: ExpressionEvaluator,
        context: KernelContext
    ) throws -> Column {
        throw ExecutionError(.notSupported, "function \(function.rawValue) is not supported yet")
    }
}
