// The scan's conjuncts that read partition columns only — comparisons, IN, BETWEEN, LIKE, OR, and any
// deterministic expression such as `EXTRACT(MONTH FROM event_date) = 3` — evaluated by the ordinary
// evaluator over a batch with one row per candidate folder (or file). Each conjunct is applied at the
// first partition level where every key it reads is known, so pruned folders are never listed.
import StrataCore
import StrataExecution
import StrataPlanner

struct PartitionFilter {
    /// The table's columns; the partition columns are the last `levels` of them.
    let tableFields: [Field]
    let levels: Int
    /// The conjuncts to apply after listing each level (index: the deepest level a conjunct reads).
    let byLevel: [[BoundExpression]]

    /// The partition-only conjuncts among `filters` (over table column positions).
    init(filters: [BoundExpression], tableFields: [Field], levels: Int) {
        self.tableFields = tableFields
        self.levels = levels
        let start = tableFields.count - levels
        var byLevel = [[BoundExpression]](repeating: [], count: levels)
        for filter in filters where filter.isDeterministic {
            let reads = filter.referencedColumns
            guard !reads.isEmpty, reads.allSatisfy({ $0 >= start }) else { continue }
            byLevel[reads.max()! - start].append(filter)
        }
        self.byLevel = byLevel
    }

    var isEmpty: Bool { byLevel.allSatisfy(\.isEmpty) }

    /// All the partition conjuncts.
    var conjuncts: [BoundExpression] { byLevel.flatMap { $0 } }

    /// The candidates (each with the values of the first `known` partition keys) that pass the
    /// conjuncts of levels `from..<known`.
    func select(_ candidates: [[Value]], known: Int, from: Int = 0, evaluator: ExpressionEvaluator) throws -> [Int] {
        let conjuncts = byLevel[from..<known].flatMap { $0 }
        guard !conjuncts.isEmpty, !candidates.isEmpty else { return Array(candidates.indices) }
        let count = candidates.count
        let start = tableFields.count - levels
        var columns: [Column] = []
        columns.reserveCapacity(tableFields.count)
        for (index, field) in tableFields.enumerated() {
            let level = index - start
            if level >= 0 && level < known {
                columns.append(Column.build(field.type, candidates.map { $0[level] }))
            } else {
                columns.append(Column.nulls(field.type, count: count))
            }
        }
        let batch = Batch(columns: columns, count: count)
        return try evaluator.selectRows(where: BoundExpression.conjunction(conjuncts), in: batch).map(Int.init)
    }
}
