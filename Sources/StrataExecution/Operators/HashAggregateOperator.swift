// GROUP BY (and aggregates without one): hashes the key columns of each batch into dense group numbers in
// an open-addressing table, then updates every aggregate's per-group state with one tight loop over the
// group numbers. Holds one entry per group, never the input rows.
//
// Output: the group-by columns, then one column per aggregate (`.complete`, `.final`) or the aggregate's
// partial-state columns (`.partial`). A `.final` aggregation reads its input laid out as a `.partial` one
// writes it: its `groupBy` refers to the leading columns, and the partial states of aggregate i follow,
// in order, after the group columns. Without GROUP BY the result is one row, even for empty input.
//
// When the groups outgrow the statement's memory budget: a `.partial` aggregation hands on the groups it
// has and starts again (the final one merges them); the others write the groups' partial states to disk,
// split by key hash into partitions, and start again; at the end each partition is merged by an
// aggregation of its own (which may split again, on other bits of the hash). A DISTINCT aggregate's
// state is the distinct values per group, spilled as rows of their own.
import StrataCore
import StrataPlanner

public final class HashAggregateOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let child: PhysicalOperator
    private let groupBy: [BoundExpression]
    private let aggregates: [BoundAggregate]
    private let mode: AggregationMode
    /// Whether the input is partial states: `.final`, and the merge of a spilled partition.
    private let readsStates: Bool
    /// How many times the groups above this aggregation were split into partitions: picks the hash bits.
    private let spillLevel: Int
    private let context: ExecutionContext
    private let evaluator: ExpressionEvaluator
    private var table: GroupHashTable?
    private var accumulators: [AggregateAccumulator]
    private var distinct: [DistinctRows?]
    private let hasDistinct: Bool
    /// The columns of each aggregate's state in a batch of partial states (`.final` input, spilled partitions).
    private let stateTypes: [[DataType]]
    /// Where each aggregate's state columns start in such a batch.
    private let stateOffsets: [Int]
    private let memory: MemoryReservation
    private var phase = Phase.consuming
    private var inputDone = false
    private var emitted = 0
    private var spill: SpillArea?
    private var nextPartition = 0
    private var merging: HashAggregateOperator?

    private enum Phase {
        case consuming
        case emitting
        case mergingPartitions
        case done
    }

    /// Partitions the groups are split into when they spill: four bits of the key hash per level.
    static let spillPartitions = 16
    static let hashBitsPerLevel = 4
    /// Levels of splitting before giving up: the 32 hash bits not used by the hash table's slot positions.
    static let maximumSpillLevel = 8

    /// Times the groups were written to disk so far (0 when they fit in memory).
    public private(set) var spillCount = 0

    /// The columns a `.partial` aggregation emits for `aggregate` (after the group columns).
    public static func intermediateTypes(of aggregate: BoundAggregate) throws -> [DataType] {
        try Accumulators.intermediateTypes(aggregate)
    }

    public convenience init(
        child: PhysicalOperator, groupBy: [BoundExpression], aggregates: [BoundAggregate],
        mode: AggregationMode = .complete, context: ExecutionContext
    ) throws {
        try self.init(
            child: child, groupBy: groupBy, aggregates: aggregates, mode: mode, readsStates: mode == .final,
            spillLevel: 0, context: context)
    }

    private init(
        child: PhysicalOperator, groupBy: [BoundExpression], aggregates: [BoundAggregate], mode: AggregationMode,
        readsStates: Bool, spillLevel: Int, context: ExecutionContext
    ) throws {
        self.child = child
        self.groupBy = groupBy
        self.aggregates = aggregates
        self.mode = mode
        self.readsStates = readsStates
        self.spillLevel = spillLevel
        self.context = context
        evaluator = ExpressionEvaluator(context: context)
        let accumulators = try aggregates.map(Accumulators.make)
        for (aggregate, accumulator) in zip(aggregates, accumulators) where accumulator.resultType != aggregate.type {
            throw ExecutionError(
                .internal,
                "\(aggregate.function.rawValue) computes \(accumulator.resultType), the plan expects \(aggregate.type)")
        }
        if mode != .complete, let aggregate = aggregates.first(where: \.isDistinct) {
            throw ExecutionError(
                .notSupported,
                "\(aggregate.function.rawValue)(DISTINCT ...) cannot be split into partial and final aggregation")
        }
        self.accumulators = accumulators
        distinct = HashAggregateOperator.distinctRows(aggregates)
        table = groupBy.isEmpty ? nil : GroupHashTable(keyTypes: groupBy.map(\.type))
        if groupBy.isEmpty { accumulators.forEach { $0.resize(to: 1) } }
        hasDistinct = aggregates.contains(where: \.isDistinct)
        // Spilled partitions hold a DISTINCT aggregate's arguments in place of its partial states, and a
        // column telling which aggregate each row is for (DISTINCT aggregates are never split otherwise).
        stateTypes = zip(aggregates, accumulators).map { aggregate, accumulator in
            aggregate.isDistinct ? aggregate.arguments.map(\.type) : accumulator.intermediateTypes
        }
        var offsets: [Int] = []
        var offset = groupBy.count + (hasDistinct ? 1 : 0)
        for types in stateTypes {
            offsets.append(offset)
            offset += types.count
        }
        stateOffsets = offsets
        let aggregateTypes =
            mode == .partial ? accumulators.flatMap(\.intermediateTypes) : aggregates.map(\.type)
        outputTypes = groupBy.map(\.type) + aggregateTypes
        memory = context.reserveMemory(for: groupBy.isEmpty ? "the aggregation" : "the GROUP BY hash table")
    }

    private static func distinctRows(_ aggregates: [BoundAggregate]) -> [DistinctRows?] {
        aggregates.map { $0.isDistinct ? DistinctRows(argumentTypes: $0.arguments.map(\.type)) : nil }
    }

    /// Number of groups so far.
    public var groupCount: Int { table?.groupCount ?? 1 }

    public func next() throws -> Batch? {
        while true {
            try context.checkCancelled()
            switch phase {
            case .consuming:
                try consumeInput()
            case .emitting:
                if let batch = try emitGroups() { return batch }
                if inputDone {
                    finish()
                } else {
                    try reset()
                    phase = .consuming
                }
            case .mergingPartitions:
                if let merging {
                    if let batch = try merging.next() { return batch }
                    merging.close()
                    self.merging = nil
                } else if !(try mergeNextPartition()) {
                    finish()
                }
            case .done:
                return nil
            }
        }
    }

    public func close() {
        child.close()
        merging?.close()
        finish()
    }

    /// Lets go of the groups, the spill files and the memory, once every group was emitted: an exchange
    /// may keep a finished aggregation around until its siblings are done too.
    private func finish() {
        phase = .done
        merging = nil
        spill?.remove()
        spill = nil
        releaseGroups()
    }

    private func releaseGroups() {
        table = nil
        accumulators = []
        distinct = []
        memory.release()
    }

    /// Folds input in until it ends, or (`.partial`) until the groups outgrow the budget and are handed on.
    private func consumeInput() throws {
        while let batch = try child.next() {
            try context.checkCancelled()
            try consume(batch)
            let bytes = heldBytes
            if memory.tryResize(to: bytes) { continue }
            if table == nil {
                // One group: only DISTINCT aggregates grow, and there is nothing to split by.
                throw memory.exceeded(
                    needing: bytes, advice: "DISTINCT aggregates without GROUP BY keep every distinct value in memory; use approx_distinct")
            }
            if spillLevel >= HashAggregateOperator.maximumSpillLevel {
                throw memory.exceeded(needing: bytes, advice: "the groups cannot be split further")
            }
            if mode == .partial {
                phase = .emitting
                return
            }
            try spillGroups()
        }
        child.close()
        inputDone = true
        if spill != nil {
            try spillGroups()
            // Every group is on disk now: hold nothing while the partitions are merged one by one.
            releaseGroups()
            phase = .mergingPartitions
        } else {
            phase = .emitting
        }
    }

    /// Bytes the groups and their states hold.
    private var heldBytes: Int {
        (table?.byteCount ?? 0) + accumulators.reduce(0) { $0 + $1.byteCount }
            + distinct.reduce(0) { $0 + ($1?.byteCount ?? 0) }
    }

    /// The next batch of the groups in memory, or nil when all were emitted.
    private func emitGroups() throws -> Batch? {
        let total = groupCount
        guard emitted < total else { return nil }
        let range = emitted..<min(emitted + context.batchSize, total)
        emitted = range.upperBound
        var columns = table?.keyColumns(range) ?? []
        for accumulator in accumulators {
            if mode == .partial {
                columns += accumulator.intermediates(range)
            } else {
                columns.append(try accumulator.results(range))
            }
        }
        return Batch(columns: columns, count: range.count)
    }

    /// Starts again with no groups.
    private func reset() throws {
        table = GroupHashTable(keyTypes: groupBy.map(\.type))
        accumulators = try aggregates.map(Accumulators.make)
        distinct = HashAggregateOperator.distinctRows(aggregates)
        emitted = 0
        _ = memory.tryResize(to: heldBytes)
    }

    /// Writes every group's key and partial states to its spill partition, then starts again. A DISTINCT
    /// aggregate's state is the distinct argument values of each group: they are written as rows of their
    /// own, tagged with the aggregate, and fed to it again when the partition is merged.
    private func spillGroups() throws {
        guard let table, table.groupCount > 0 else { return }
        let area = try spillArea()
        let groupCount = table.groupCount
        for range in chunks(groupCount) {
            try context.checkCancelled()
            var columns = table.keyColumns(range)
            if hasDistinct { columns.append(Column.constant(.integer(0), .tinyint, count: range.count)) }
            for (index, accumulator) in accumulators.enumerated() {
                columns +=
                    aggregates[index].isDistinct
                    ? stateTypes[index].map { Column.nulls($0, count: range.count) } : accumulator.intermediates(range)
            }
            try write(Batch(columns: columns, count: range.count), groups: range.map { Int32($0) }, to: area, table: table)
        }
        if hasDistinct {
            let keys = table.keyColumns(0..<groupCount)
            for (index, seen) in distinct.enumerated() {
                guard let seen else { continue }
                for range in chunks(seen.count) {
                    let combinations = seen.combinations(range)
                    let groupNumbers = ColumnView(combinations[0]).typed(Int32.self)
                    let groups = (0..<range.count).map { groupNumbers[$0] }
                    var columns = keys.map { $0.gather(groups) }
                    columns.append(Column.constant(.integer(Int64(index + 1)), .tinyint, count: range.count))
                    for (other, types) in stateTypes.enumerated() {
                        columns += other == index ? Array(combinations.dropFirst()) : types.map { Column.nulls($0, count: range.count) }
                    }
                    try write(Batch(columns: columns, count: range.count), groups: groups, to: area, table: table)
                }
            }
        }
        spillCount += 1
        try reset()
    }

    /// Sends each row of `batch` (row i for group `groups[i]`) to the spill partition of its group's hash.
    private func write(_ batch: Batch, groups: [Int32], to area: SpillArea, table: GroupHashTable) throws {
        let shift = UInt64(64 - HashAggregateOperator.hashBitsPerLevel * (spillLevel + 1))
        let mask = UInt64(HashAggregateOperator.spillPartitions - 1)
        var rows = [[Int32]](repeating: [], count: HashAggregateOperator.spillPartitions)
        for (row, group) in groups.enumerated() {
            rows[Int((table.groupHash(Int(group)) >> shift) & mask)].append(Int32(row))
        }
        for (partition, partitionRows) in rows.enumerated() where !partitionRows.isEmpty {
            try area.write(partitionRows.count == batch.count ? batch : batch.gather(partitionRows), file: partition)
        }
    }

    /// `0..<count` in ranges of a batch.
    private func chunks(_ count: Int) -> [Range<Int>] {
        stride(from: 0, to: count, by: context.batchSize).map { $0..<min($0 + context.batchSize, count) }
    }

    /// Starts merging the next spilled partition; false when none is left.
    private func mergeNextPartition() throws -> Bool {
        while nextPartition < HashAggregateOperator.spillPartitions {
            defer { nextPartition += 1 }
            guard let reader = try spill?.reader(nextPartition) else { continue }
            let keys = groupBy.enumerated().map { BoundExpression.column($0, $1.type) }
            merging = try HashAggregateOperator(
                child: reader, groupBy: keys, aggregates: aggregates, mode: mode, readsStates: true,
                spillLevel: spillLevel + 1, context: context)
            return true
        }
        return false
    }

    private func spillArea() throws -> SpillArea {
        if let spill { return spill }
        let types = groupBy.map(\.type) + (hasDistinct ? [.tinyint] : []) + stateTypes.flatMap { $0 }
        let fields = types.enumerated().map { Field("c\($0.offset)", $0.element) }
        let rowGroupBytes = SpillArea.rowGroupBytes(budget: context.memory.limit, openFiles: HashAggregateOperator.spillPartitions)
        let area = try SpillArea(schema: Schema(fields), rowGroupBytes: rowGroupBytes, directory: context.spillDirectory)
        spill = area
        return area
    }

    private func consume(_ batch: Batch) throws {
        let count = batch.count
        let groups: [Int32]
        if let table {
            let keys = try groupBy.map { try evaluator.evaluate($0, on: batch) }
            groups = table.findOrInsert(keys, count: count)
        } else {
            groups = [Int32](repeating: 0, count: count)
        }
        let groupCount = self.groupCount
        accumulators.forEach { $0.resize(to: groupCount) }
        if readsStates {
            try mergeStates(batch, groups: groups)
            return
        }
        // Aggregates often share arguments (sum(x), avg(x)); evaluate each distinct one once per batch.
        var evaluated: [BoundExpression: Column] = [:]
        for (index, aggregate) in aggregates.enumerated() {
            var arguments = try aggregate.arguments.map { expression -> Column in
                if let column = evaluated[expression] { return column }
                let column = try evaluator.evaluate(expression, on: batch)
                evaluated[expression] = column
                return column
            }
            var rowGroups = groups
            if let filter = aggregate.filter {
                let rows = try evaluator.selectRows(where: filter, in: batch)
                if rows.count < count {
                    arguments = arguments.map { $0.gather(rows) }
                    rowGroups = rows.map { groups[Int($0)] }
                }
            }
            try update(index, arguments: arguments, groups: rowGroups)
        }
    }

    /// Feeds argument rows to aggregate `index` (each distinct combination once, for DISTINCT).
    private func update(_ index: Int, arguments: [Column], groups: [Int32]) throws {
        var arguments = arguments
        var groups = groups
        if let distinct = distinct[index] {
            let rows = distinct.firstOccurrences(groups: groups, arguments: arguments)
            if rows.count < groups.count {
                arguments = arguments.map { $0.gather(rows) }
                groups = rows.map { groups[Int($0)] }
            }
        }
        let views = accumulators[index].views(of: arguments)
        try groups.withUnsafeBufferPointer { try accumulators[index].update(groups: $0, arguments: views) }
    }

    /// Folds in a batch laid out as `stateTypes`: partial states are merged; in a spilled partition with
    /// DISTINCT aggregates, the rows tagged for a DISTINCT aggregate hold its argument values, fed again.
    private func mergeStates(_ batch: Batch, groups: [Int32]) throws {
        guard batch.columns.count >= groupBy.count + (hasDistinct ? 1 : 0) + stateTypes.joined().count else {
            throw ExecutionError(.internal, "final aggregation input has too few columns for its partial states")
        }
        var rowsByTag: [[Int32]]?
        if hasDistinct {
            let tags = ColumnView(batch.columns[groupBy.count]).typed(Int8.self)
            var rows = [[Int32]](repeating: [], count: aggregates.count + 1)
            for row in 0..<batch.count { rows[Int(tags[row])].append(Int32(row)) }
            rowsByTag = rows
        }
        for (index, aggregate) in aggregates.enumerated() {
            let offset = stateOffsets[index]
            var columns = Array(batch.columns[offset..<(offset + stateTypes[index].count)])
            var rowGroups = groups
            if let rowsByTag {
                let rows = rowsByTag[aggregate.isDistinct ? index + 1 : 0]
                if rows.isEmpty { continue }
                if rows.count < batch.count {
                    columns = columns.map { $0.gather(rows) }
                    rowGroups = rows.map { groups[Int($0)] }
                }
            }
            if aggregate.isDistinct {
                try update(index, arguments: columns, groups: rowGroups)
            } else {
                let states = columns.map(ColumnView.init)
                try rowGroups.withUnsafeBufferPointer { try accumulators[index].merge(groups: $0, states: states) }
            }
        }
    }
}
