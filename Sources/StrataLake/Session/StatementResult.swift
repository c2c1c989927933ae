// What running a statement gives: rows to read (a query, SHOW, DESCRIBE), text (EXPLAIN), or a message.
import StrataCore
import StrataExecution

public enum StatementResult {
    case rows(QueryResult)
    case text(String)
    case message(String)
}

/// The rows of a statement, produced as they are read, and its statistics once they are all read.
public final class QueryResult {
    public let schema: [Field]
    private let root: PhysicalOperator
    private let finish: () -> QueryStatistics
    private var finishedStatistics: QueryStatistics?
    /// The scans' funnels, for EXPLAIN ANALYZE (nil for results that read no table).
    var scanMetrics: ScanMetrics?

    init(schema: [Field], root: PhysicalOperator, finish: @escaping () -> QueryStatistics) {
        self.schema = schema
        self.root = root
        self.finish = finish
    }

    /// The next batch of rows, or nil at the end.
    public func next() throws -> Batch? {
        if let batch = try root.next() { return batch }
        root.close()
        return nil
    }

    /// Stops early (the reader has what it wants).
    public func close() {
        root.close()
    }

    /// Counters and time of the statement; call after the last batch was read.
    public var statistics: QueryStatistics {
        if let finishedStatistics { return finishedStatistics }
        let statistics = finish()
        finishedStatistics = statistics
        return statistics
    }

    /// Every remaining row, for tests and small results.
    public func drain() throws -> [Batch] {
        var batches: [Batch] = []
        while let batch = try next() { batches.append(batch) }
        return batches
    }
}
