// COUNT(*), COUNT(c), MIN(c) and MAX(c) over a whole (partition-pruned) Parquet table from the footers
// alone: row counts, null counts and min/max statistics, where they are exact. A bound is exact when the
// footer's order can be trusted and it was not cut (strings are only when the writer says so); a float's
// maximum needs a NaN count of zero (NaN sorts above every number) and a zero bound might be either
// signed zero. An aggregate some footer cannot answer is left to a scan of its column.
import Dispatch
import StrataCore
import StrataExecution
import StrataFormats
import StrataPlanner
import Synchronization

enum MetadataAggregates {
    /// One value per aggregate (nil where metadata cannot say exactly), or nil when none can be answered.
    static func compute(_ aggregates: [BoundAggregate], plan: LakeScanPlan, evaluator: ExpressionEvaluator) throws -> [Value?]? {
        let files = plan.files.count
        let next = Atomic<Int>(0)
        let partials = Locked<[[Partial]]>([])
        let failure = Locked<Error?>(nil)
        let opened = Locked<[ParquetFile]>([])
        let workers = max(1, min(2, files))
        let context = evaluator.context
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let evaluator = ExpressionEvaluator(context: context)
            var mine = aggregates.map { Partial(function: $0.function) }
            while failure.withLock({ $0 == nil }) {
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < files else { break }
                do {
                    let file = try add(file: index, aggregates: aggregates, plan: plan, evaluator: evaluator, into: &mine)
                    opened.withLock { $0.append(file) }
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
            partials.withLock { $0.append(mine) }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var totals = aggregates.map { Partial(function: $0.function) }
        for partial in partials.withLock({ $0 }) {
            for index in totals.indices { totals[index].merge(partial[index]) }
        }
        let values = totals.map(\.result)
        // The aggregates footers could not answer are left to a scan of the same files: it need not read
        // their footers again.
        if values.contains(where: { $0 == nil }) { plan.source.keep(opened.withLock { $0 }) }
        return values.allSatisfy({ $0 == nil }) ? nil : values
    }

    /// What the footers of some files say about one aggregate.
    struct Partial {
        let function: AggregateFunction
        var count: Int64 = 0
        /// The least (or greatest) value so far, in the table's type of the column.
        var best: Value?
        var failed = false

        init(function: AggregateFunction) {
            self.function = function
        }

        var result: Value? {
            if failed { return nil }
            switch function {
            case .countStar, .count: return .integer(count)
            default: return best ?? .null
            }
        }

        mutating func offer(_ value: Value) {
            guard !failed else { return }
            guard let current = best else {
                best = value
                return
            }
            guard let less = ValueOrder.less(value, current) else {
                failed = true
                return
            }
            if less ? function == .min : (function == .max && value != current) { best = value }
        }

        mutating func merge(_ other: Partial) {
            if other.failed { failed = true }
            guard !failed else { return }
            count += other.count
            if let value = other.best { offer(value) }
        }
    }

    private static func add(
        file index: Int, aggregates: [BoundAggregate], plan: LakeScanPlan, evaluator: ExpressionEvaluator, into partials: inout [Partial]
    ) throws -> ParquetFile {
        let source = plan.source
        let file = plan.files[index]
        let counters = plan.counters
        let (parquet, opened) = try counters.timed(.footerNanoseconds) {
            try source.openParquet(file, options: ParquetReadOptions()) { try plan.footers?.tail(of: index, plan: plan) }
        }
        counters.usedFooter(of: file.key, rowGroups: parquet.rowGroups.count)
        if opened {
            counters.add(.bytesRead, parquet.openBytesRead)
            counters.add(.requests, parquet.openRequests)
        }
        counters.add(.filesAnsweredFromMetadata)
        let location = source.store.location(of: file.key)
        let columns = try plan.columnSources(
            fileSchema: parquet.schema.engineSchema, leaves: parquet.schema.readableColumnIndices, location: location)
        for (position, aggregate) in aggregates.enumerated() {
            var partial = partials[position]
            defer { partials[position] = partial }
            for rowGroup in parquet.rowGroups.indices {
                let rows = parquet.rowGroups[rowGroup].numRows
                guard rows > 0 else { continue }
                if aggregate.function == .countStar {
                    partial.count += rows
                    continue
                }
                guard case .column(let column, _) = aggregate.arguments.first else {
                    partial.failed = true
                    continue
                }
                if column >= plan.partitionStart {
                    let value = plan.partitionValues[index][column - plan.partitionStart]
                    if aggregate.function == .count {
                        partial.count += value.isNull ? 0 : rows
                    } else if !value.isNull {
                        partial.offer(value)
                    }
                    continue
                }
                guard let slot = plan.slot(of: column), let fileColumn = columns[slot], fileColumn.type != .unknown else {
                    // The file lacks the column: all NULL here.
                    continue
                }
                let descriptor = parquet.schema.columns[fileColumn.leaf]
                let order = ParquetFileOpener.columnOrder(parquet, fileColumn.leaf)
                let (bounds, nulls) = ParquetFileOpener.chunkStatistics(parquet, rowGroup: rowGroup, descriptor: descriptor, order: order)
                if aggregate.function == .count {
                    guard let nulls else {
                        partial.failed = true
                        continue
                    }
                    partial.count += rows - nulls
                    continue
                }
                if nulls == rows { continue }
                let isMin = aggregate.function == .min
                guard let bound = isMin ? bounds.min : bounds.max, isMin ? bounds.minIsExact : bounds.maxIsExact else {
                    partial.failed = true
                    continue
                }
                if fileColumn.type.isFloatingPoint {
                    let statistics = parquet.rowGroups[rowGroup].columns[fileColumn.leaf].metaData?.statistics
                    let isZero = bound == .double(0) || bound == .real(0)
                    if isZero || (!isMin && statistics?.nanCount != 0) {
                        partial.failed = true
                        continue
                    }
                }
                partial.offer(try widen(bound, from: fileColumn.type, to: plan.tableFields[column].type, evaluator: evaluator))
            }
        }
        return parquet
    }

    private static func widen(_ value: Value, from type: DataType, to target: DataType, evaluator: ExpressionEvaluator) throws -> Value {
        guard type != target, type != .unknown else { return value }
        let column = Column.build(type, [value])
        return try evaluator.evaluate(.cast(.column(0, type), to: target, isTry: false), on: Batch(columns: [column], count: 1)).value(at: 0)
    }
}

/// The order of two values of one type, for the few places that compare single values (metadata
/// aggregates); nil for values of different kinds.
enum ValueOrder {
    static func less(_ a: Value, _ b: Value) -> Bool? {
        switch (a, b) {
        case (.boolean(let x), .boolean(let y)): return !x && y
        case (.integer(let x), .integer(let y)): return x < y
        case (.real(let x), .real(let y)): return x < y
        case (.double(let x), .double(let y)): return x < y
        case (.real(let x), .double(let y)): return Double(x) < y
        case (.double(let x), .real(let y)): return x < Double(y)
        case (.date(let x), .date(let y)): return x < y
        case (.decimal(let x), .decimal(let y)): return x < y
        case (.time(let x), .time(let y)), (.timestamp(let x), .timestamp(let y)): return x < y
        case (.varchar(let x), .varchar(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.varbinary(let x), .varbinary(let y)): return x.lexicographicallyPrecedes(y)
        default: return nil
        }
    }
}
