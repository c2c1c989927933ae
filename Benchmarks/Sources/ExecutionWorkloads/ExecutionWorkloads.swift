// The operator workloads Strata's execution benchmarks time. Data is computed from the row number with
// the same formulas `compare/operators.py` gives DuckDB, so both engines see identical rows.
import StrataCore
import StrataExecution
import StrataPlanner

public struct ExecutionWorkload: Sendable {
    public let name: String
    /// Rows read by the operator (both sides for a join), for throughput.
    public let rows: Int
    /// The DuckDB statement doing the same work over tables created by `duckDBSetup`.
    public let duckDB: String
    /// Builds the operator tree over prepared batches and drains it; returns the rows produced.
    public let run: @Sendable () throws -> Int
}

public enum ExecutionWorkloads {
    public static let batchSize = 8192

    /// DuckDB statements creating the tables the workloads read, for `rows` fact rows.
    public static func duckDBSetup(rows: Int) -> [String] {
        [
            "CREATE TABLE facts AS SELECT i::BIGINT AS i, (i * 7919) % 10000 AS key, i % 1000 AS value, i * 0.5 AS d, "
                + "'k' || ((i * 7919) % 10000)::VARCHAR AS name, ((i * 2654435761) % 4294967296)::BIGINT AS scrambled, "
                + "'user-' || ((i * 7919) % 1000003)::VARCHAR AS user_name, (i * 7919) % \(rows / 10) AS fk FROM range(\(rows)) t(i)",
            "CREATE TABLE dims AS SELECT i::BIGINT AS id, i * 2 AS payload FROM range(\(rows / 20)) t(i)",
        ]
    }

    public static func all(rows: Int) -> [ExecutionWorkload] {
        let facts = FactBatches(rows: rows)
        let dims = DimensionBatches(rows: rows / 20)
        let key = BoundExpression.column(1, .bigint)
        let value = BoundExpression.column(2, .bigint)
        let double = BoundExpression.column(3, .double)
        let aggregates = [
            BoundAggregate(.countStar, [], type: .bigint), BoundAggregate(.sum, [value], type: .bigint),
            BoundAggregate(.avg, [double], type: .double),
        ]
        return [
            ExecutionWorkload(
                name: "hash aggregate, 10K bigint groups, count/sum/avg", rows: rows,
                duckDB: "SELECT key, count(*), sum(value), avg(d) FROM facts GROUP BY key",
                run: {
                    let aggregate = try HashAggregateOperator(
                        child: try facts.source(), groupBy: [key], aggregates: aggregates, context: context())
                    return try drain(aggregate)
                }),
            ExecutionWorkload(
                name: "hash aggregate, 10K varchar groups, count/sum/avg", rows: rows,
                duckDB: "SELECT name, count(*), sum(value), avg(d) FROM facts GROUP BY name",
                run: {
                    let aggregate = try HashAggregateOperator(
                        child: try facts.source(), groupBy: [.column(4, .varchar)], aggregates: aggregates,
                        context: context())
                    return try drain(aggregate)
                }),
            ExecutionWorkload(
                name: "hash join, \(rows / 20) build rows, \(rows) probe rows", rows: rows + rows / 20,
                duckDB: "SELECT sum(payload), sum(value) FROM facts JOIN dims ON facts.fk = dims.id",
                run: {
                    // Only the columns the statement uses reach the join, as DuckDB's projection pushdown does.
                    let probe = ProjectionOperator(
                        child: try facts.source(), expressions: [.column(7, .bigint), value], context: context())
                    let join = try HashJoinOperator(
                        probe: probe, build: try dims.source(), kind: .inner,
                        probeKeys: [.column(0, .bigint)], buildKeys: [.column(0, .bigint)], context: context())
                    return try drain(join)
                }),
            ExecutionWorkload(
                name: "sort by a bigint key", rows: rows,
                duckDB: "CREATE OR REPLACE TEMP TABLE sorted AS SELECT i, scrambled FROM facts ORDER BY scrambled",
                run: {
                    let project = ProjectionOperator(
                        child: try facts.source(), expressions: [.column(0, .bigint), .column(5, .bigint)], context: context())
                    return try drain(SortOperator(child: project, keys: [SortKey(.column(1, .bigint))], context: context()))
                }),
            ExecutionWorkload(
                name: "sort by a varchar key", rows: rows,
                duckDB: "CREATE OR REPLACE TEMP TABLE sorted AS SELECT i, user_name FROM facts ORDER BY user_name",
                run: {
                    let project = ProjectionOperator(
                        child: try facts.source(), expressions: [.column(0, .bigint), .column(6, .varchar)], context: context())
                    return try drain(SortOperator(child: project, keys: [SortKey(.column(1, .varchar))], context: context()))
                }),
        ]
    }

    private static func context() -> ExecutionContext {
        ExecutionContext(batchSize: batchSize, parallelism: 1, statementTimestamp: 0)
    }

    private static func drain(_ operator_: PhysicalOperator) throws -> Int {
        var rows = 0
        while let batch = try operator_.next() { rows += batch.count }
        return rows
    }
}

/// `facts`: i, key, value, d, name, scrambled, user_name, fk — as in `duckDBSetup`.
struct FactBatches: @unchecked Sendable {
    static let types: [DataType] = [.bigint, .bigint, .bigint, .double, .varchar, .bigint, .varchar, .bigint]
    let batches: [Batch]

    init(rows: Int) {
        var batches: [Batch] = []
        var start = 0
        while start < rows {
            let end = min(start + ExecutionWorkloads.batchSize, rows)
            let range = start..<end
            func int64(_ value: (Int64) -> Int64) -> Column {
                Column(type: .bigint, count: range.count, values: Buffer(range.map { value(Int64($0)) }))
            }
            func text(_ value: (Int64) -> String) -> Column {
                var builder = ColumnBuilder(type: .varchar, capacity: range.count)
                for row in range { builder.append(.varchar(value(Int64(row)))) }
                return builder.finish()
            }
            let columns = [
                int64 { $0 }, int64 { ($0 * 7919) % 10000 }, int64 { $0 % 1000 },
                Column(type: .double, count: range.count, values: Buffer(range.map { Double($0) * 0.5 })),
                text { "k\(($0 * 7919) % 10000)" }, int64 { ($0 * 2_654_435_761) % 4_294_967_296 },
                text { "user-\(($0 * 7919) % 1_000_003)" }, int64 { ($0 * 7919) % Int64(rows / 10) },
            ]
            batches.append(Batch(columns: columns, count: range.count))
            start = end
        }
        self.batches = batches
    }

    func source() throws -> BatchSourceOperator { try BatchSourceOperator(types: FactBatches.types, batches: batches) }
}

/// `dims`: id, payload.
struct DimensionBatches: @unchecked Sendable {
    let batches: [Batch]

    init(rows: Int) {
        var batches: [Batch] = []
        var start = 0
        while start < rows {
            let end = min(start + ExecutionWorkloads.batchSize, rows)
            let range = start..<end
            batches.append(
                Batch(
                    columns: [
                        Column(type: .bigint, count: range.count, values: Buffer(range.map { Int64($0) })),
                        Column(type: .bigint, count: range.count, values: Buffer(range.map { Int64($0) * 2 })),
                    ], count: range.count))
            start = end
        }
        self.batches = batches
    }

    func source() throws -> BatchSourceOperator { try BatchSourceOperator(types: [.bigint, .bigint], batches: batches) }
}
