// Where a failing row goes. Outside `try(...)` the first failure is thrown; inside, the batch rows that
// failed are collected and `try` turns its result into NULL there, whatever the failure was nested in.
import StrataCore

final class RowFailures {
    private(set) var batchRows: Set<Int32> = []

    func record(_ batchRow: Int32) { batchRows.insert(batchRow) }

    var isEmpty: Bool { batchRows.isEmpty }
}

extension ExecutionError {
    /// The errors `try(...)` turns into NULL (Trino: division by zero, invalid cast or function argument,
    /// numeric value out of range).
    var isCaughtByTry: Bool {
        switch code {
        case .divisionByZero, .overflow, .invalidCast, .invalidArgument: return true
        default: return false
        }
    }
}
