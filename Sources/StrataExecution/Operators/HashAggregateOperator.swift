// GROUP BY (and aggregates without one): hashes the key columns of each batch into dense group numbers in
// an open-addressing table, then updates every aggregate's per-group state with one tight loop over the
// group numbers. Holds one entry per group, never the input rows.
//
// Output: the group-by columns, then one column per aggregate (`.complete`, `.final`) or the aggregate's
// partial-state columns (`.partial`). A `.final` aggregation reads its input laid out as a `.partial` one
// writes it: its `groupBy` refers to the leading columns, and the partial states of aggregate i follow,
// in order, after the group columns. Without GROUP BY the result is one row, even for empty input.
import StrataCore
import StrataPlanner

public final class HashAggregateOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let child: PhysicalOperator
    private let groupBy: [BoundExpression]
    private let aggregates: [BoundAggregate]
    private let mode: AggregationMode
    private let context: ExecutionContext
    private let evaluator: ExpressionEvaluator
    private let table: GroupHashTable?
    private let accumulators: [AggregateAccumulator]
    private let distinct: [DistinctRows?]
    /// For `.final`: where each aggregate's partial states start in the input.
    private let stateOffsets: [Int]
    private var consumed = false
    private var emitted = 0

    /// The columns a `.partial` aggregation emits for `aggregate` (after the group columns).
    public static func intermediateTypes(of aggregate: BoundAggregate) throws -> [DataType] {
        try Accumulators.intermediateTypes(aggregate)
    }

    public init(
        child: PhysicalOperator, groupBy: [BoundExpression], aggregates: [BoundAggregate],
        mode: AggregationMode = .complete, context: ExecutionContext
    ) throws {
        self.child = child
        self.groupBy = groupBy
        self.aggregates = aggregates
        self.mode = mode
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
        distinct = aggregates.map { $0.isDistinct ? DistinctRows(argumentTypes: $0.arguments.map(\.type)) : nil }
        table = groupBy.isEmpty ? nil : GroupHashTable(keyTypes: groupBy.map(\.type))
        if groupBy.isEmpty { accumulators.forEach { $0.resize(to: 1) } }
        var offsets: [Int] = []
        var offset = groupBy.count
        for accumulator in accumulators {
            offsets.append(offset)
            offset += accumulator.intermediateTypes.count
        }
        stateOffsets = offsets
        let aggregateTypes =
            mode == .partial ? accumulators.flatMap(\.intermediateTypes) : aggregates.map(\.type)
        outputTypes = groupBy.map(\.type) + aggregateTypes
    }

    /// Number of groups so far.
    public var groupCount: Int { table?.groupCount ?? 1 }

    public func next() throws -> Batch? {
        if !consumed {
            while let batch = try child.next() {
                try context.checkCancelled()
                try consume(batch)
            }
            consumed = true
            child.close()
        }
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

    public func close() { child.close() }

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
        if mode == .final {
            for (index, accumulator) in accumulators.enumerated() {
                accumulator.resize(to: groupCount)
                let width = accumulator.intermediateTypes.count
                let offset = stateOffsets[index]
                guard offset + width <= batch.columns.count else {
                    throw ExecutionError(.internal, "final aggregation input has too few columns for its partial states")
                }
                let states = batch.columns[offset..<(offset + width)].map(ColumnView.init)
                try groups.withUnsafeBufferPointer { try accumulator.merge(groups: $0, states: states) }
            }
            return
        }
        // Aggregates often share arguments (sum(x), avg(x)); evaluate each distinct one once per batch.
        var evaluated: [BoundExpression: Column] = [:]
        for (index, (aggregate, accumulator)) in zip(aggregates, accumulators).enumerated() {
            accumulator.resize(to: groupCount)
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
            if let distinct = distinct[index] {
                let rows = distinct.firstOccurrences(groups: rowGroups, arguments: arguments)
                if rows.count < rowGroups.count {
                    arguments = arguments.map { $0.gather(rows) }
                    rowGroups = rows.map { rowGroups[Int($0)] }
                }
            }
            let views = arguments.map(ColumnView.init)
            try rowGroups.withUnsafeBufferPointer { try accumulator.update(groups: $0, arguments: views) }
        }
    }
}
