// The rows of a batch an expression is being evaluated on. The evaluator starts with every row and narrows
// the scope for the lazy forms (CASE branches, COALESCE, AND/OR), so a branch only computes — and only
// fails — on the rows that reach it. Results are dense: one value per row of the scope.
import StrataCore

final class EvaluationScope {
    let batch: Batch
    /// Rows of the batch, ascending; nil means every row.
    let rows: [Int32]?
    let count: Int
    /// Input columns already narrowed to `rows`, so an input used twice is gathered once.
    private var narrowed: [Int: Column] = [:]

    init(batch: Batch) {
        self.batch = batch
        rows = nil
        count = batch.count
    }

    private init(batch: Batch, rows: [Int32]) {
        self.batch = batch
        self.rows = rows
        count = rows.count
    }

    /// Column `index` of the input, one value per row of the scope.
    func column(_ index: Int) throws -> Column {
        guard index >= 0 && index < batch.columns.count else {
            throw ExecutionError(.internal, "expression refers to input column \(index) of a batch with \(batch.columns.count) columns")
        }
        guard let rows else { return batch.columns[index] }
        if let cached = narrowed[index] { return cached }
        let column = batch.columns[index].gather(rows)
        narrowed[index] = column
        return column
    }

    /// The scope of some of this scope's rows, given by their positions in this scope (ascending).
    func narrowed(to positions: [Int32]) -> EvaluationScope {
        if positions.count == count { return self }
        guard let rows else { return EvaluationScope(batch: batch, rows: positions) }
        return EvaluationScope(batch: batch, rows: positions.map { rows[Int($0)] })
    }

    /// The batch row of position `position` of the scope.
    @inline(__always)
    func batchRow(_ position: Int) -> Int32 {
        rows.map { $0[position] } ?? Int32(truncatingIfNeeded: position)
    }
}
