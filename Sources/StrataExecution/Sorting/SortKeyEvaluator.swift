// Evaluates ORDER BY keys over a batch and appends them to it as extra columns (a key that is a plain
// column reference reuses that column), so sorting operators keep keys and rows together.
import StrataCore
import StrataPlanner

struct SortKeyEvaluator {
    let keys: [SortKey]
    let inputWidth: Int
    let evaluator: ExpressionEvaluator
    /// Where each key's column is in an extended batch.
    let keyPositions: [Int]
    /// The keys that are not plain column references and are appended.
    private let appended: [BoundExpression]

    init(keys: [SortKey], inputTypes: [DataType], context: ExecutionContext) {
        self.keys = keys
        inputWidth = inputTypes.count
        evaluator = ExpressionEvaluator(context: context)
        var positions: [Int] = []
        var appended: [BoundExpression] = []
        for key in keys {
            if case .column(let index, let type) = key.expression, index < inputTypes.count, inputTypes[index] == type {
                positions.append(index)
            } else {
                positions.append(inputTypes.count + appended.count)
                appended.append(key.expression)
            }
        }
        keyPositions = positions
        self.appended = appended
    }

    var directions: [SortDirection] { keys.map { SortDirection(ascending: $0.ascending, nullsFirst: $0.nullsFirst) } }

    /// Types of an extended batch.
    func extendedTypes(_ inputTypes: [DataType]) -> [DataType] { inputTypes + appended.map(\.type) }

    /// `batch` with the computed keys appended.
    func extend(_ batch: Batch) throws -> Batch {
        if appended.isEmpty { return batch }
        let extra = try appended.map { try evaluator.evaluate($0, on: batch) }
        return Batch(columns: batch.columns + extra, count: batch.count)
    }

    /// The stable sort order of the rows of an extended batch.
    func order(_ extended: Batch) -> [Int32] {
        let normalized = NormalizedSortKeys(
            count: extended.count, columns: keyPositions.map { extended.columns[$0] }, directions: directions)
        return RowSorter.sortedRows(normalized)
    }

    /// The original columns of an extended batch.
    func strip(_ extended: Batch) -> Batch {
        if appended.isEmpty { return extended }
        return Batch(columns: Array(extended.columns.prefix(inputWidth)), count: extended.count)
    }
}
