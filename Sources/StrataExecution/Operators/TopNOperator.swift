// ORDER BY ... LIMIT n [OFFSET m]: keeps only the best n + m rows seen so far, so memory stays bounded by
// the limit rather than the input. Incoming batches are buffered and, when the buffer outgrows the kept
// rows, merged with them, sorted, and cut back to n + m.
import StrataCore
import StrataPlanner

public final class TopNOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let child: PhysicalOperator
    private let keys: SortKeyEvaluator
    private let limit: Int
    private let offset: Int
    private let context: ExecutionContext
    private let memory: MemoryReservation
    private var kept: Batch?
    private var buffered: [Batch] = []
    private var bufferedRows = 0
    private var result: Batch?
    private var position = 0

    public init(child: PhysicalOperator, keys: [SortKey], limit: Int, offset: Int = 0, context: ExecutionContext) throws {
        guard limit >= 0, offset >= 0 else { throw ExecutionError(.invalidArgument, "LIMIT and OFFSET must not be negative") }
        self.child = child
        self.limit = limit
        self.offset = offset
        self.context = context
        memory = context.reserveMemory(for: "ORDER BY ... LIMIT")
        outputTypes = child.outputTypes
        self.keys = SortKeyEvaluator(keys: keys, inputTypes: child.outputTypes, context: context)
    }

    public func next() throws -> Batch? {
        if result == nil {
            let keep = limit + offset
            if keep > 0 {
                let threshold = max(keep, context.batchSize) * 2
                while let batch = try child.next() {
                    try context.checkCancelled()
                    guard batch.count > 0 else { continue }
                    buffered.append(try keys.extend(batch))
                    bufferedRows += batch.count
                    if bufferedRows >= threshold { try compact(keep) }
                }
            }
            child.close()
            try compact(keep)
            let best = kept.map(keys.strip) ?? Batch(columns: outputTypes.map { Column.nulls($0, count: 0) }, count: 0)
            result = best
            position = min(offset, best.count)
        }
        guard let result, position < result.count else { return nil }
        let end = min(position + context.batchSize, result.count)
        defer { position = end }
        return result.slice(position..<end)
    }

    public func close() {
        child.close()
        buffered = []
        kept = nil
        memory.release()
    }

    /// Merges the buffered rows into the kept ones and keeps the best `keep`.
    private func compact(_ keep: Int) throws {
        guard !buffered.isEmpty else { return }
        let all = Batch.concatenate((kept.map { [$0] } ?? []) + buffered, types: keys.extendedTypes(outputTypes))
        buffered = []
        bufferedRows = 0
        try memory.resize(to: 2 * all.memoryBytes, advice: "ORDER BY ... LIMIT keeps LIMIT + OFFSET rows; ask for fewer")
        let order = keys.order(all)
        kept = all.gather(Array(order.prefix(keep)))
    }
}
