// The build side of a hash join: every build row (as plain columns), and a hash table from each distinct
// non-NULL key to the rows holding it (grouped contiguously, CSR style). Immutable once built, so several
// probe pipelines on different threads can share one. Its distinct keys are exposed for dynamic
// filtering (pruning the probe side's partitions and row groups).
import StrataCore
import StrataPlanner

public final class JoinHashTable: @unchecked Sendable {
    /// Types of the build rows' columns.
    public let types: [DataType]
    public let keyTypes: [DataType]
    public let rowCount: Int
    /// Whether some build row has a NULL in a key column (such rows never match).
    public let hasNullKey: Bool
    let columns: [Column]
    private let keys: GroupHashTable
    /// Rows of key group g are `groupRows[groupStarts[g]..<groupStarts[g + 1]]`.
    let groupStarts: [Int32]
    let groupRows: [Int32]

    /// Drains `source` and builds the table on `keys` (expressions over the source's columns).
    public static func build(
        from source: PhysicalOperator, keys: [BoundExpression], context: ExecutionContext
    ) throws -> JoinHashTable {
        let evaluator = ExpressionEvaluator(context: context)
        var batches: [Batch] = []
        var keyBatches: [Batch] = []
        while let batch = try source.next() {
            try context.checkCancelled()
            guard batch.count > 0 else { continue }
            batches.append(batch)
            keyBatches.append(Batch(columns: try keys.map { try evaluator.evaluate($0, on: batch) }, count: batch.count))
        }
        source.close()
        let keyTypes = keys.map(\.type)
        return JoinHashTable(
            rows: Batch.concatenate(batches, types: source.outputTypes),
            keys: Batch.concatenate(keyBatches, types: keyTypes), keyTypes: keyTypes)
    }

    /// A table over `rows`, keyed by `keys` (one column per key, one row per build row).
    init(rows: Batch, keys keyBatch: Batch, keyTypes: [DataType]) {
        types = rows.columns.map(\.type)
        self.keyTypes = keyTypes
        rowCount = rows.count
        columns = rows.columns
        keys = GroupHashTable(keyTypes: keyTypes, expectedGroups: rows.count)
        var withKeys: [Int32] = []
        withKeys.reserveCapacity(rows.count)
        if keyBatch.columns.allSatisfy({ $0.nullCount == 0 }) {
            withKeys = (0..<Int32(rows.count)).map { $0 }
        } else {
            for row in 0..<rows.count where !keyBatch.columns.contains(where: { $0.isNull(row) }) {
                withKeys.append(Int32(row))
            }
        }
        hasNullKey = withKeys.count < rows.count
        let keyColumns = hasNullKey ? keyBatch.columns.map { $0.gather(withKeys) } : keyBatch.columns
        let groups = keys.findOrInsert(keyColumns, count: withKeys.count)
        var starts = [Int32](repeating: 0, count: keys.groupCount + 1)
        for group in groups { starts[Int(group) + 1] += 1 }
        for group in 0..<keys.groupCount { starts[group + 1] += starts[group] }
        var next = starts
        var grouped = [Int32](repeating: 0, count: withKeys.count)
        for (index, group) in groups.enumerated() {
            grouped[Int(next[Int(group)])] = withKeys[index]
            next[Int(group)] += 1
        }
        groupStarts = starts
        groupRows = grouped
    }

    /// Number of distinct non-NULL keys.
    public var distinctKeyCount: Int { keys.groupCount }

    /// The distinct non-NULL keys, one column per key column.
    public func distinctKeys() -> [Column] { keys.keyColumns(0..<keys.groupCount) }

    /// The smallest and largest value of key column `index`, or nil when the build side has no keys.
    public func keyBounds(_ index: Int) -> (min: Value, max: Value)? {
        guard distinctKeyCount > 0 else { return nil }
        let column = keys.keyColumns(0..<keys.groupCount)[index]
        let order = RowSorter.sortedRows(NormalizedSortKeys(columns: [column], directions: [SortDirection()]))
        return (column.value(at: Int(order.first!)), column.value(at: Int(order.last!)))
    }

    /// The key group of each probe row (keys given as columns), or -1 where nothing matches (a NULL key
    /// never does). Safe to call from several threads at once.
    func probe(_ keyColumns: [Column], count: Int) -> [Int32] {
        keys.find(keyColumns, count: count)
    }
}
