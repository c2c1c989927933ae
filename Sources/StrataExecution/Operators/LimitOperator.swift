// LIMIT and OFFSET: skips `offset` rows, passes on at most `limit`, and stops pulling (closing its
// child, so scans and threads below stop) as soon as the limit is reached.
import StrataCore

public final class LimitOperator: PhysicalOperator {
    private let child: PhysicalOperator
    private let context: ExecutionContext
    private var remainingOffset: Int
    /// Rows still to pass on; nil for no limit.
    private var remaining: Int?
    private var finished = false

    public init(child: PhysicalOperator, limit: Int?, offset: Int = 0, context: ExecutionContext) throws {
        guard limit.map({ $0 >= 0 }) ?? true, offset >= 0 else {
            throw ExecutionError(.invalidArgument, "LIMIT and OFFSET must not be negative")
        }
        self.child = child
        self.context = context
        remaining = limit
        remainingOffset = offset
    }

    public var outputTypes: [DataType] { child.outputTypes }

    public func next() throws -> Batch? {
        while !finished {
            if remaining == 0 {
                finish()
                return nil
            }
            try context.checkCancelled()
            guard var batch = try child.next() else {
                finish()
                return nil
            }
            if remainingOffset > 0 {
                if batch.count <= remainingOffset {
                    remainingOffset -= batch.count
                    continue
                }
                batch = batch.slice(remainingOffset..<batch.count)
                remainingOffset = 0
            }
            if let limit = remaining {
                if batch.count > limit { batch = batch.slice(0..<limit) }
                remaining = limit - batch.count
            }
            return batch
        }
        return nil
    }

    public func close() { finish() }

    private func finish() {
        if !finished {
            finished = true
            child.close()
        }
    }
}
