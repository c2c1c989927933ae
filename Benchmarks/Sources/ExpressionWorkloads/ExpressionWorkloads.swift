// Expression workloads over generated columns, evaluated batch by batch as a filter or projection would:
// arithmetic, comparisons, LIKE, a regular expression, date_trunc, a cast from text and a CASE.
import StrataCore
import StrataExecution
import StrataPlanner

public struct ExpressionWorkload: Sendable {
    public let name: String
    public let rows: Int
    /// The same expression in DuckDB's SQL over the table `compare/expressions.py` builds.
    public let duckdb: String
    let batches: [Batch]
    let expression: BoundExpression
    let isPredicate: Bool

    /// Evaluates over every batch; returns the number of selected rows (predicates) or of results.
    public func run() throws -> Int {
        let evaluator = ExpressionEvaluator(context: ExecutionContext(statementTimestamp: 0))
        var total = 0
        for batch in batches {
            if isPredicate {
                total += try evaluator.selectRows(where: expression, in: batch).count
            } else {
                total += try evaluator.evaluate(expression, on: batch).count
            }
        }
        return total
    }
}

public enum ExpressionWorkloads {
    /// Columns: 0 `a` BIGINT (0..<1M, shuffled), 1 `b` DOUBLE, 2 `s` VARCHAR ('item-<n>-<word>'),
    /// 3 `ts` TIMESTAMP (one per 37 seconds from 2024-01-01), 4 `n` VARCHAR (decimal digits of `a`).
    public static func all(rows: Int, batchSize: Int = 8192) -> [ExpressionWorkload] {
        let batches = makeBatches(rows: rows, batchSize: batchSize)
        let a = BoundExpression.column(0, .bigint)
        let b = BoundExpression.column(1, .double)
        let s = BoundExpression.column(2, .varchar)
        let ts = BoundExpression.column(3, .timestamp)
        let n = BoundExpression.column(4, .varchar)
        func int(_ value: Int64) -> BoundExpression { .literal(.integer(value), .bigint) }
        func text(_ value: String) -> BoundExpression { .literal(.varchar(value), .varchar) }
        func workload(_ name: String, _ duckdb: String, _ expression: BoundExpression, predicate: Bool) -> ExpressionWorkload {
            ExpressionWorkload(name: name, rows: rows, duckdb: duckdb, batches: batches, expression: expression, isPredicate: predicate)
        }
        return [
            workload("arithmetic a * 3 + a % 7", "a * 3 + a % 7",
                     .arithmetic(.add, .arithmetic(.multiply, a, int(3), .bigint), .arithmetic(.modulo, a, int(7), .bigint), .bigint),
                     predicate: false),
            workload("double arithmetic b * 1.5 - b / 3", "b * 1.5 - b / 3",
                     .arithmetic(.subtract, .arithmetic(.multiply, b, .literal(.double(1.5), .double), .double),
                                 .arithmetic(.divide, b, .literal(.double(3), .double), .double), .double),
                     predicate: false),
            workload("filter a < 500000 AND b > 0.25", "a < 500000 AND b > 0.25",
                     .and([.comparison(.less, a, int(500_000)), .comparison(.greater, b, .literal(.double(0.25), .double))]),
                     predicate: true),
            workload("filter s = 'item-4242-gamma'", "s = 'item-4242-gamma'",
                     .comparison(.equal, s, text("item-4242-gamma")), predicate: true),
            workload("LIKE s '%42%'", "s LIKE '%42%'",
                     .like(s, pattern: text("%42%"), escape: nil, negated: false), predicate: true),
            workload("LIKE s 'item-1%'", "s LIKE 'item-1%'",
                     .like(s, pattern: text("item-1%"), escape: nil, negated: false), predicate: true),
            workload("regexp_like s '-[0-9]{3}-(alpha|beta)$'", "regexp_matches(s, '-[0-9]{3}-(alpha|beta)$')",
                     .call(.regexpLike, [s, text("-[0-9]{3}-(alpha|beta)$")], .boolean), predicate: true),
            workload("date_trunc('day', ts)", "date_trunc('day', ts)",
                     .call(.dateTrunc, [text("day"), ts], .timestamp), predicate: false),
            workload("date_trunc('month', ts)", "date_trunc('month', ts)",
                     .call(.dateTrunc, [text("month"), ts], .timestamp), predicate: false),
            workload("CAST(n AS BIGINT)", "CAST(n AS BIGINT)", .cast(n, to: .bigint, isTry: false), predicate: false),
            workload("CASE WHEN a % 3 = 0 THEN b ELSE -b END", "CASE WHEN a % 3 = 0 THEN b ELSE -b END",
                     .caseWhen([CaseBranch(condition: .comparison(.equal, .arithmetic(.modulo, a, int(3), .bigint), int(0)), result: b)],
                               otherwise: .negate(b), .double),
                     predicate: false),
            workload("upper(s)", "upper(s)", .call(.upper, [s], .varchar), predicate: false),
        ]
    }

    static func makeBatches(rows: Int, batchSize: Int) -> [Batch] {
        var generator = SplitMix(seed: 42)
        let words = ["alpha", "beta", "gamma", "delta"]
        var batches: [Batch] = []
        var start = 0
        let base = Int64(1_704_067_200_000_000)
        while start < rows {
            let count = min(batchSize, rows - start)
            var a: [Int64] = []
            var b: [Double] = []
            var s = ColumnBuilder(type: .varchar, capacity: count)
            var ts: [Int64] = []
            var n = ColumnBuilder(type: .varchar, capacity: count)
            for row in start..<(start + count) {
                let value = Int64(generator.next() % UInt64(rows))
                a.append(value)
                b.append(Double(generator.next() % 1_000_000) / 1_000_000)
                s.append(.varchar("item-\(value)-\(words[Int(value) % words.count])"))
                ts.append(base + Int64(row) * 37_000_000)
                n.append(.varchar(String(value)))
            }
            let columns = [
                Column(type: .bigint, count: count, values: Buffer(a)),
                Column(type: .double, count: count, values: Buffer(b)),
                s.finish(),
                Column(type: .timestamp, count: count, values: Buffer(ts)),
                n.finish(),
            ]
            batches.append(Batch(columns: columns, count: count))
            start += count
        }
        return batches
    }
}

/// A small deterministic generator, so every run sees the same data.
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
