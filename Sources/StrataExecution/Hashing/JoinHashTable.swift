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
    /// For one integer key with a dense range (ids, dates): the group of key `minimum + i` at index i,
    /// -1 where none, so a probe is one array lookup (a "perfect hash" join).
    private let direct: [Int32]
    private let directMinimum: Int64

    /// Drains `source` and builds the table on `keys` (expressions over the source's columns).
    public static func build(
        from source: PhysicalOperator, keys: [BoundExpression], context: ExecutionContext
    ) throws -> JoinHashTable {
        let evaluator = ExpressionEvaluator(context: context)
        let memory = context.reserveMemory(for: "the hash join's build side")
        var batches: [Batch] = []
        var keyBatches: [Batch] = []
        var bytes = 0
        var rows = 0
        while let batch = try source.next() {
            try context.checkCancelled()
            guard batch.count > 0 else { continue }
            let keyBatch = Batch(columns: try keys.map { try evaluator.evaluate($0, on: batch) }, count: batch.count)
            batches.append(batch)
            keyBatches.append(keyBatch)
            // Rows and keys are held twice while they are concatenated, then hashed: about 16 bytes a row.
            bytes += batch.memoryBytes + keyBatch.memoryBytes
            rows += batch.count
            try memory.resize(
                to: 2 * bytes + 16 * rows,
                advice: "a hash join holds its smaller side in memory; filter the joined tables first")
        }
        source.close()
        let keyTypes = keys.map(\.type)
        let table = JoinHashTable(
            rows: Batch.concatenate(batches, types: source.outputTypes),
            keys: Batch.concatenate(keyBatches, types: keyTypes), keyTypes: keyTypes)
        _ = memory.tryResize(to: bytes + 16 * table.rowCount)
        table.memory = memory
        return table
    }

    /// The build side's share of the statement's memory budget, returned when the table goes.
    private var memory: MemoryReservation?

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
        (direct, directMinimum) = JoinHashTable.directLookup(keyTypes: keyTypes, keys: keys)
    }

    /// The direct lookup array for a single integer key spanning at most four slots per distinct key.
    private static func directLookup(keyTypes: [DataType], keys: GroupHashTable) -> ([Int32], Int64) {
        guard keyTypes.count == 1, keyTypes[0].isInteger || keyTypes[0] == .date, keys.groupCount > 0 else { return ([], 0) }
        let values = try? ColumnView(keys.keyColumns(0..<keys.groupCount)[0]).integersOrDays()
        guard let values, let minimum = values.min(), let maximum = values.max() else { return ([], 0) }
        let (span, overflow) = maximum.subtractingReportingOverflow(minimum)
        guard !overflow, span < Int64(max(4 * keys.groupCount, 1024)) else { return ([], 0) }
        var direct = [Int32](repeating: -1, count: Int(span) + 1)
        for (group, value) in values.enumerated() { direct[Int(value - minimum)] = Int32(group) }
        return (direct, minimum)
    }

    /// Number of distinct non-NULL keys.
    public var distinctKeyCount: Int { keys.groupCount }

    /// The distinct non-NULL keys, one column per key column.
    public func distinctKeys() -> [Column] { keys.keyColumns(0..<keys.groupCount) }

    /// The smallest and largest value of key column `index`, or nil when the build side has no keys.
    public func keyBounds(_ index: Int) -> (min: Value, max: Value)? {
        guard distinctKeyCount > 0 else { return nil }
        let column = keys.keyColumns(0..<keys.groupCount)[index]
        let order = RowSorter.sortedRows(NormalizedSortKeys(count: column.count, columns: [column], directions: [SortDirection()]))
        return (column.value(at: Int(order.first!)), column.value(at: Int(order.last!)))
    }

    /// The key group of each probe row (keys given as columns), or -1 where nothing matches (a NULL key
    /// never does). Safe to call from several threads at once.
    func probe(_ keyColumns: [Column], count: Int) -> [Int32] {
        if !direct.isEmpty, let values = try? ColumnView(keyColumns[0]).integersOrDays() {
            let view = ColumnView(keyColumns[0])
            var groups = [Int32](repeating: -1, count: count)
            let span = UInt64(direct.count)
            direct.withUnsafeBufferPointer { direct in
                for row in 0..<count {
                    let offset = UInt64(bitPattern: values[row] &- directMinimum)
                    if offset < span && !view.isNull(row) { groups[row] = direct[Int(offset)] }
                }
            }
            return groups
        }
        return keys.find(keyColumns, count: count)
    }
}
