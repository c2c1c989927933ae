// The statistics of some containers — the row groups of a file, or stretches of a row group's pages —
// converted once into the engine's own terms: for each column a pruning predicate reads, minimum,
// maximum and null count per container, in the table's type (a narrower file column is widened with the
// scan's own cast; a column the file lacks is all NULL; a partition column is its constant value).
// `keep` evaluates the predicate over them with the ordinary evaluator, one row per container.
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner

struct PruningStatistics {
    /// Rows in each container.
    var rowCounts: [Int64]
    /// Per predicate column: the values' type in `minimums`/`maximums`, and per container the bounds
    /// (NULL where unknown) and the null count (NULL where unknown).
    var types: [DataType]
    var minimums: [[Value]]
    var maximums: [[Value]]
    var nullCounts: [[Value]]

    init(predicate: PruningPredicate, rowCounts: [Int64]) {
        self.rowCounts = rowCounts
        let count = rowCounts.count
        types = predicate.types
        minimums = Array(repeating: Array(repeating: .null, count: count), count: predicate.columns.count)
        maximums = minimums
        nullCounts = minimums
    }

    var containerCount: Int { rowCounts.count }

    /// Column `k` of the predicate in `container`: bounds in `type` (the file's type of the column).
    mutating func set(_ k: Int, container: Int, bounds: StatisticsBounds, nullCount: Int64?, type: DataType) {
        types[k] = type
        minimums[k][container] = bounds.min ?? .null
        maximums[k][container] = bounds.max ?? .null
        nullCounts[k][container] = nullCount.map { .integer($0) } ?? .null
    }

    /// Column `k` is the constant `value` in every container (a partition column).
    mutating func setConstant(_ k: Int, _ value: Value, type: DataType) {
        types[k] = type
        for container in rowCounts.indices {
            minimums[k][container] = value
            maximums[k][container] = value
            nullCounts[k][container] = .integer(value.isNull ? rowCounts[container] : 0)
        }
    }

    /// Column `k` is NULL in every container (the file lacks it).
    mutating func setAllNull(_ k: Int) {
        for container in rowCounts.indices {
            minimums[k][container] = .null
            maximums[k][container] = .null
            nullCounts[k][container] = .integer(rowCounts[container])
        }
    }

    /// Whether each container may hold a row the predicate's filters accept.
    func keep(_ predicate: PruningPredicate, evaluator: ExpressionEvaluator) throws -> [Bool] {
        let count = containerCount
        guard count > 0 else { return [] }
        var columns: [Column] = [Column.build(.bigint, rowCounts.map { .integer($0) })]
        for (k, tableType) in predicate.types.enumerated() {
            let type = types[k]
            for values in [minimums[k], maximums[k]] {
                if type == .unknown || values.allSatisfy(\.isNull) {
                    columns.append(Column.nulls(tableType, count: count))
                    continue
                }
                let column = Column.build(type, values)
                if type == tableType {
                    columns.append(column)
                } else {
                    let widen = BoundExpression.cast(.column(0, type), to: tableType, isTry: true)
                    columns.append(try evaluator.evaluate(widen, on: Batch(columns: [column], count: count)))
                }
            }
            columns.append(Column.build(.bigint, nullCounts[k]))
        }
        let kept = try evaluator.selectRows(where: predicate.expression, in: Batch(columns: columns, count: count))
        var result = [Bool](repeating: false, count: count)
        for row in kept { result[Int(row)] = true }
        return result
    }
}
