// The exchange that runs pipelines on several threads: each worker thread takes a child pipeline
// (per-file scans, partial aggregates), drains it and hands its batches through a bounded queue to the
// one consumer. At most `context.parallelism` children run at once; the queue bounds memory and makes
// fast producers wait. The first error stops every worker and is rethrown to the consumer; closing
// stops the workers, waits for them, and closes every child.
import Foundation
import StrataCore

public final class ParallelUnionOperator: PhysicalOperator {
    public let outputTypes: [DataType]
    private let exchange: Exchange
    private let workerCount: Int
    private var started = false

    /// `children` all produce `outputTypes`; `queueCapacity` batches may wait in the queue (default: two
    /// per worker).
    public init(children: [PhysicalOperator], context: ExecutionContext, queueCapacity: Int? = nil) throws {
        guard let first = children.first else {
            throw ExecutionError(.internal, "a parallel union needs at least one child")
        }
        for child in children where child.outputTypes != first.outputTypes {
            throw ExecutionError(
                .internal, "parallel union children produce \(child.outputTypes) and \(first.outputTypes)")
        }
        outputTypes = first.outputTypes
        workerCount = max(1, min(children.count, context.parallelism))
        exchange = Exchange(
            children: children, capacity: queueCapacity ?? 2 * workerCount, context: context)
    }

    public func next() throws -> Batch? {
        if !started {
            started = true
            exchange.start(workers: workerCount)
        }
        return try exchange.take()
    }

    public func close() {
        exchange.stop()
    }

    deinit { exchange.stop() }
}

/// The state the consumer and the workers share, guarded by one condition lock.
private final class Exchange: @unchecked Sendable {
    private let condition = NSCondition()
    private let children: [PhysicalOperator]
    private let capacity: Int
    private let context: ExecutionContext
    private var queue: [Batch] = []
    private var head = 0
    private var nextChild = 0
    private var running = 0
    private var failure: Error?
    private var stopped = false
    private var closedChildren: Set<Int> = []

    init(children: [PhysicalOperator], capacity: Int, context: ExecutionContext) {
        self.children = children
        self.capacity = max(1, capacity)
        self.context = context
    }

    func start(workers: Int) {
        condition.lock()
        running = workers
        condition.unlock()
        for _ in 0..<workers {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// The next batch from any child, waiting for one; nil once every child is done.
    func take() throws -> Batch? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let failure { throw failure }
            if head < queue.count {
                let batch = queue[head]
                head += 1
                if head > 64 && head * 2 > queue.count {
                    queue.removeFirst(head)
                    head = 0
                }
                condition.broadcast()
                return batch
            }
            if running == 0 || stopped { return nil }
            condition.wait()
        }
    }

    /// Stops the workers, waits for them to finish, and closes every child not closed yet.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        let unclosed = (0..<children.count).filter { !closedChildren.contains($0) }
        closedChildren.formUnion(unclosed)
        queue = []
        head = 0
        condition.unlock()
        for index in unclosed { children[index].close() }
    }

    private func work() {
        while let index = claimChild() {
            let child = children[index]
            do {
                while let batch = try child.next() {
                    try context.checkCancelled()
                    if batch.count == 0 { continue }
                    if !put(batch) { break }
                }
            } catch {
                fail(error)
            }
            child.close()
        }
        condition.lock()
        running -= 1
        condition.broadcast()
        condition.unlock()
    }

    private func claimChild() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard !stopped && failure == nil && nextChild < children.count else { return nil }
        let index = nextChild
        nextChild += 1
        closedChildren.insert(index)
        return index
    }

    /// Queues a batch, waiting while the queue is full; false when the exchange is stopping.
    private func put(_ batch: Batch) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count - head >= capacity && !stopped && failure == nil { condition.wait() }
        if stopped || failure != nil { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    private func fail(_ error: Error) {
        condition.lock()
        if failure == nil { failure = error }
        condition.broadcast()
        condition.unlock()
    }
}
