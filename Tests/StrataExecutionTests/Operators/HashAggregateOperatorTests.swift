import StrataTestSupport
import StrataCore
import StrataPlanner
import Testing

@testable import StrataExecution

@Suite struct HashAggregateOperatorTests {
    let table = Fixtures.mixed()

    func col(_ name: String) -> BoundExpression { Fixtures.column(table, name) }

    /// The aggregates under test, with the DuckDB SQL for each.
    var aggregates: [(BoundAggregate, String)] {
        let decimalSum = DataType.decimal(precision: 38, scale: 2)
        return [
            (BoundAggregate(.countStar, [], type: .bigint), "count(*)"),
            (BoundAggregate(.count, [col("v")], type: .bigint), "count(v)"),
            (BoundAggregate(.sum, [col("v")], type: .bigint), "sum(v)"),
            (BoundAggregate(.avg, [col("d")], type: .double), "avg(d)"),
            (BoundAggregate(.sum, [col("dec")], type: decimalSum), "sum(dec)"),
            (BoundAggregate(.avg, [col("dec")], type: .decimal(precision: 12, scale: 2)), "round(avg(dec), 2)"),
            (BoundAggregate(.min, [col("s")], type: .varchar), "min(s)"),
            (BoundAggregate(.max, [col("s")], type: .varchar), "max(s)"),
            (BoundAggregate(.min, [col("dec")], type: .decimal(precision: 12, scale: 2)), "min(dec)"),
            (BoundAggregate(.max, [col("d")], type: .double), "max(d)"),
            (BoundAggregate(.max, [col("k3")], type: .date), "max(k3)"),
            (BoundAggregate(.boolAnd, [col("b")], type: .boolean), "bool_and(b)"),
            (BoundAggregate(.boolOr, [col("b")], type: .boolean), "bool_or(b)"),
            (BoundAggregate(.countIf, [col("b")], type: .bigint), "count(*) FILTER (WHERE b)"),
            (BoundAggregate(.stddevSamp, [col("d")], type: .double), "stddev_samp(d)"),
            (BoundAggregate(.variancePop, [col("d")], type: .double), "var_pop(d)"),
            (BoundAggregate(.minBy, [col("s"), col("v")], type: .varchar), "arg_min_null(s, v)"),
            (BoundAggregate(.maxBy, [col("k3"), col("d")], type: .date), "arg_max_null(k3, d)"),
            (BoundAggregate(.count, [col("v")], isDistinct: true, type: .bigint), "count(DISTINCT v)"),
            (BoundAggregate(.count, [col("s")], isDistinct: true, type: .bigint), "count(DISTINCT s)"),
            (
                BoundAggregate(.sum, [col("v")], isDistinct: true, filter: col("b"), type: .bigint),
                "sum(DISTINCT v) FILTER (WHERE b)"
            ),
            (BoundAggregate(.countStar, [], filter: .not(col("b")), type: .bigint), "count(*) FILTER (WHERE NOT b)"),
        ]
    }

    func run(_ groupBy: [BoundExpression], _ aggregates: [BoundAggregate], batchSize: Int = 128) throws -> [[ResultCell]] {
        let context = Fixtures.context(batchSize: batchSize)
        let operator_ = try HashAggregateOperator(
            child: try table.source(batchSize: 97), groupBy: groupBy, aggregates: aggregates, context: context)
        return Results.rows(try operator_.drain(), types: operator_.outputTypes)
    }

    @Test func matchesDuckDBGroupedAndGlobal() throws {
        let list = aggregates
        let sqlList = list.map(\.1).joined(separator: ", ")
        let expected = try DuckDBOracle.query(
            [
                "SELECT k1, k2, \(sqlList) FROM t GROUP BY k1, k2",
                "SELECT k3, b, \(sqlList) FROM t GROUP BY k3, b",
                "SELECT \(sqlList) FROM t",
                "SELECT \(sqlList) FROM t WHERE false",
            ], tables: [table])
        let aggregates = list.map(\.0)
        let grouped = try run([col("k1"), col("k2")], aggregates)
        #expect(Results.difference(grouped, expected[0]) == nil, "\(Results.difference(grouped, expected[0]) ?? "")")
        let other = try run([col("k3"), col("b")], aggregates, batchSize: 7)
        #expect(Results.difference(other, expected[1]) == nil, "\(Results.difference(other, expected[1]) ?? "")")
        let global = try run([], aggregates)
        #expect(Results.difference(global, expected[2]) == nil, "\(Results.difference(global, expected[2]) ?? "")")

        let context = Fixtures.context()
        let empty = try HashAggregateOperator(
            child: try BatchSourceOperator(types: table.types, batches: []), groupBy: [], aggregates: aggregates,
            context: context)
        let emptyRows = Results.rows(try empty.drain(), types: empty.outputTypes)
        #expect(Results.difference(emptyRows, expected[3]) == nil, "\(Results.difference(emptyRows, expected[3]) ?? "")")
    }

    @Test(arguments: [DataType.boolean, .integer, .bigint])
    func nullKeyInTheFirstRowStaysNull(type: DataType) throws {
        // The NULL group created first, before any other: its NULL flag was once lost and it merged with 0.
        let zero: Value = type == .boolean ? .boolean(false) : .integer(0)
        let values: [Value] = [.null, zero, .null, zero, zero]
        let keys = TestTable(name: "k", columns: [(name: "k", type: type)], rows: values.map { [$0] })
        let key = BoundExpression.column(0, type)
        let operator_ = try HashAggregateOperator(
            child: try keys.source(batchSize: 5), groupBy: [key],
            aggregates: [BoundAggregate(.countStar, [], type: .bigint)], context: Fixtures.context())
        let rows = Results.sorted(Results.rows(try operator_.drain(), types: operator_.outputTypes))
        let expected = try DuckDBOracle.query(["SELECT k, count(*) FROM k GROUP BY k"], tables: [keys])[0]
        #expect(rows.count == 2)
        #expect(Results.difference(rows, expected) == nil, "\(Results.difference(rows, expected) ?? "")")
    }

    @Test func partialThenFinalMatchesComplete() throws {
        // Stateful aggregates whose partial state is more than one column, split over three partials.
        let aggregates = self.aggregates.map(\.0).filter { !$0.isDistinct }
        let groupBy = [col("k1"), col("k2")]
        let complete = try run(groupBy, aggregates)
        let context = Fixtures.context(batchSize: 50)
        let batches = table.batches(batchSize: 61)
        var partialBatches: [Batch] = []
        var partialTypes: [DataType] = []
        for part in 0..<3 {
            let slice = batches.enumerated().filter { $0.offset % 3 == part }.map(\.element)
            let partial = try HashAggregateOperator(
                child: try BatchSourceOperator(types: table.types, batches: slice), groupBy: groupBy,
                aggregates: aggregates, mode: .partial, context: context)
            partialTypes = partial.outputTypes
            partialBatches += try partial.drain()
        }
        let expectedPartialTypes = try groupBy.map(\.type) + aggregates.flatMap(HashAggregateOperator.intermediateTypes(of:))
        #expect(partialTypes == expectedPartialTypes)
        let final = try HashAggregateOperator(
            child: try BatchSourceOperator(types: partialTypes, batches: partialBatches),
            groupBy: [.column(0, .varchar), .column(1, .integer)], aggregates: aggregates, mode: .final,
            context: context)
        let finalRows = Results.rows(try final.drain(), types: final.outputTypes)
        #expect(Results.difference(finalRows, complete, tolerance: 1e-9) == nil, "\(Results.difference(finalRows, complete) ?? "")")
    }

    @Test func groupsOnExpressionsAndNullKeys() throws {
        let keyExpression = BoundExpression.arithmetic(.modulo, col("v"), .literal(.integer(7), .bigint), .bigint)
        let rows = try run([keyExpression], [BoundAggregate(.countStar, [], type: .bigint)])
        let expected = try DuckDBOracle.query(["SELECT v % 7, count(*) FROM t GROUP BY v % 7"], tables: [table])
        #expect(Results.difference(rows, expected[0]) == nil, "\(Results.difference(rows, expected[0]) ?? "")")
        #expect(rows.contains { if case .null = $0[0] { return true } else { return false } })
    }

    @Test func integerSumOverflowIsAnError() throws {
        let column = Column.build(.bigint, [.integer(.max), .integer(1)])
        let source = try BatchSourceOperator(types: [.bigint], batches: [Batch(columns: [column], count: 2)])
        let operator_ = try HashAggregateOperator(
            child: source, groupBy: [], aggregates: [BoundAggregate(.sum, [.column(0, .bigint)], type: .bigint)],
            context: Fixtures.context())
        #expect(throws: ExecutionError.self) { try operator_.drain() }
    }

    @Test func decimalSumsAreExact() throws {
        let type = DataType.decimal(precision: 38, scale: 10)
        let values: [Value] = (0..<1000).map { _ in .decimal(DecimalMath.powerOfTen(30) + 1) }
        let source = try BatchSourceOperator(
            types: [type], batches: [Batch(columns: [Column.build(type, values)], count: values.count)])
        let operator_ = try HashAggregateOperator(
            child: source, groupBy: [], aggregates: [BoundAggregate(.sum, [.column(0, type)], type: type)],
            context: Fixtures.context())
        let result = try operator_.drain()[0].columns[0].value(at: 0)
        #expect(result == .decimal(DecimalMath.powerOfTen(33) + 1000))

        // Two values of 6 * 10^37 sum past DECIMAL(38).
        let big = Column.build(type, [.decimal(DecimalMath.powerOfTen(37) * 6), .decimal(DecimalMath.powerOfTen(37) * 6)])
        let overflow = try HashAggregateOperator(
            child: try BatchSourceOperator(types: [type], batches: [Batch(columns: [big], count: 2)]), groupBy: [],
            aggregates: [BoundAggregate(.sum, [.column(0, type)], type: type)], context: Fixtures.context())
        #expect(throws: ExecutionError.self) { try overflow.drain() }
    }

    @Test func welfordStaysAccurateForLargeOffsets() throws {
        // Values 1e9 + {0, 1, 2, 3}: the naive sum-of-squares formula loses every digit here.
        let values: [Value] = (0..<4000).map { .double(1e9 + Double($0 % 4)) }
        let source = try BatchSourceOperator(
            types: [.double], batches: [Batch(columns: [Column.build(.double, values)], count: values.count)])
        let operator_ = try HashAggregateOperator(
            child: source, groupBy: [],
            aggregates: [BoundAggregate(.variancePop, [.column(0, .double)], type: .double)], context: Fixtures.context())
        guard case .double(let variance) = try operator_.drain()[0].columns[0].value(at: 0) else {
            Issue.record("no variance")
            return
        }
        #expect(abs(variance - 1.25) < 1e-6)
    }

    @Test func approxDistinctIsWithinItsErrorBound() throws {
        // Groups of 10, 1000, 20000 and 60000 distinct values (each repeated twice).
        let sizes = [10, 1000, 20000, 60000]
        var keys: [Value] = []
        var values: [Value] = []
        for (group, size) in sizes.enumerated() {
            for repeat_ in 0..<2 {
                for value in 0..<size {
                    keys.append(.integer(Int64(group)))
                    values.append(repeat_ == 0 ? .integer(Int64(value * 7919 + group)) : .integer(Int64(value * 7919 + group)))
                }
            }
        }
        var batches: [Batch] = []
        var start = 0
        while start < keys.count {
            let end = min(start + 4096, keys.count)
            batches.append(
                Batch(
                    columns: [Column.build(.bigint, Array(keys[start..<end])), Column.build(.bigint, Array(values[start..<end]))],
                    count: end - start))
            start = end
        }
        let operator_ = try HashAggregateOperator(
            child: try BatchSourceOperator(types: [.bigint, .bigint], batches: batches), groupBy: [.column(0, .bigint)],
            aggregates: [BoundAggregate(.approxDistinct, [.column(1, .bigint)], type: .bigint)], context: Fixtures.context())
        let rows = Results.rows(try operator_.drain(), types: operator_.outputTypes)
        for row in rows {
            guard case .integer(let group) = row[0], case .integer(let estimate) = row[1] else { continue }
            let truth = Double(sizes[Int(group)])
            let error = abs(Double(estimate) - truth) / truth
            // Three standard errors of 2.3%; small sets are exact.
            #expect(error <= (truth <= 256 ? 0 : 0.069), "group of \(truth): estimate \(estimate)")
        }
    }

    @Test func approxPercentileIsCloseInRank() throws {
        var random = SeededRandom(seed: 9)
        let values = (0..<50_000).map { _ in Double.random(in: 0..<1, using: &random) * Double.random(in: 0..<1, using: &random) }
        let sorted = values.sorted()
        for percentile in [0.01, 0.25, 0.5, 0.9, 0.999] {
            let batches = stride(from: 0, to: values.count, by: 5000).map { start in
                let slice = values[start..<min(start + 5000, values.count)].map { Value.double($0) }
                return Batch(columns: [Column.build(.double, slice)], count: slice.count)
            }
            let operator_ = try HashAggregateOperator(
                child: try BatchSourceOperator(types: [.double], batches: batches), groupBy: [],
                aggregates: [
                    BoundAggregate(
                        .approxPercentile, [.column(0, .double), .literal(.double(percentile), .double)], type: .double)
                ], context: Fixtures.context())
            guard case .double(let estimate) = try operator_.drain()[0].columns[0].value(at: 0) else {
                Issue.record("no estimate")
                continue
            }
            let rank = Double(sorted.firstIndex { $0 >= estimate } ?? sorted.count) / Double(sorted.count)
            #expect(abs(rank - percentile) < 0.01, "p\(percentile): estimate \(estimate) has rank \(rank)")
        }
    }
    /// Aggregates whose states merge exactly whatever the order (so spilled and in-memory runs agree).
    var mergeableAggregates: [BoundAggregate] {
        aggregates.map(\.0).filter { !$0.isDistinct }
            + [BoundAggregate(.approxDistinct, [col("s")], type: .bigint)]
    }

    func tightContext(limit: Int) -> ExecutionContext {
        ExecutionContext(batchSize: 128, parallelism: 2, statementTimestamp: 0, memory: MemoryBudget(limit: limit))
    }

    @Test(arguments: [200_000, 60_000])
    func groupsThatOutgrowTheBudgetSpillAndGiveTheSameResult(limit: Int) throws {
        // Grouped by v (about 2700 groups): the smaller budget makes the spilled partitions split again.
        // DISTINCT aggregates (one with a FILTER) spill their distinct values alongside the others' states.
        let groupBy = [col("v"), col("k1")]
        let aggregates = mergeableAggregates + self.aggregates.map(\.0).filter(\.isDistinct)
        let expected = Results.sorted(try run(groupBy, aggregates))
        let context = tightContext(limit: limit)
        let aggregate = try HashAggregateOperator(
            child: try table.source(batchSize: 97), groupBy: groupBy, aggregates: aggregates, context: context)
        let rows = Results.sorted(Results.rows(try aggregate.drain(), types: aggregate.outputTypes))
        #expect(aggregate.spillCount > 1)
        #expect(rows.count == expected.count)
        #expect(Results.difference(rows, expected, tolerance: 1e-9) == nil, "\(Results.difference(rows, expected, tolerance: 1e-9) ?? "")")
        aggregate.close()
        #expect(context.memory.heldBytes == 0)
    }

    @Test func aPartialAggregationHandsOnItsGroupsEarlyAndTheFinalOneSpills() throws {
        let groupBy = [col("v")]
        let aggregates = mergeableAggregates
        let expected = Results.sorted(try run(groupBy, aggregates))
        let context = tightContext(limit: 40_000)
        let partial = try HashAggregateOperator(
            child: try table.source(batchSize: 97), groupBy: groupBy, aggregates: aggregates, mode: .partial, context: context)
        let final = try HashAggregateOperator(
            child: partial, groupBy: [.column(0, .bigint)], aggregates: aggregates, mode: .final, context: context)
        let rows = Results.sorted(Results.rows(try final.drain(), types: final.outputTypes))
        #expect(final.spillCount > 0)
        #expect(Results.difference(rows, expected, tolerance: 1e-9) == nil, "\(Results.difference(rows, expected, tolerance: 1e-9) ?? "")")
    }

    @Test func distinctAggregatesWithoutGroupByThatOutgrowTheBudgetFailClearly() throws {
        let aggregate = try HashAggregateOperator(
            child: try table.source(batchSize: 97), groupBy: [],
            aggregates: [BoundAggregate(.count, [col("v")], isDistinct: true, type: .bigint)], context: tightContext(limit: 20_000))
        let error = try #require(throws: ExecutionError.self) { try aggregate.drain() }
        #expect(error.code == .resourceExhausted)
        #expect(error.message.hasPrefix("out of memory: the aggregation needs "))
        #expect(error.message.contains("DISTINCT aggregates without GROUP BY keep every distinct value in memory; use approx_distinct"))
    }

    /// Batches as a Hive lake's scan produces them: one partition per batch, its day a constant; the code
    /// column absent (a constant NULL) in early partitions and dictionary-encoded with NULLs after.
    static func partitionedBatches() -> (TestTable, [Batch]) {
        var rows: [[Value]] = []
        var batches: [Batch] = []
        var random = SeededRandom(seed: 7)
        for day in 0..<300 {
            let count = 40
            let dayColumn = Column.constant(.date(Int32(20_000 + day)), .date, count: count)
            let codes: [Value] = (0..<count).map { _ in
                day < 100 || random.chance(0.2) ? .null : .varchar("code-\(random.int(0...30))")
            }
            let codeColumn = day < 100 ? Column.nulls(.varchar, count: count) : TestTable.column(.varchar, codes, storage: 1)
            batches.append(Batch(columns: [dayColumn, codeColumn], count: count))
            rows += codes.map { [.date(Int32(20_000 + day)), $0] }
        }
        let table = TestTable(name: "p", columns: [(name: "day", type: .date), (name: "code", type: .varchar)], rows: rows)
        return (table, batches)
    }

    @Test(arguments: [nil, 60_000])
    func constantKeysAndDictionaryArgumentsAggregateLikeTheirValues(limit: Int?) throws {
        let (table, batches) = HashAggregateOperatorTests.partitionedBatches()
        let day = BoundExpression.column(0, .date)
        let code = BoundExpression.column(1, .varchar)
        let aggregates = [
            BoundAggregate(.countStar, [], type: .bigint),
            BoundAggregate(.count, [code], type: .bigint),
            BoundAggregate(.count, [code], isDistinct: true, type: .bigint),
            BoundAggregate(.min, [code], type: .varchar),
        ]
        let expected = try DuckDBOracle.query(
            ["SELECT day, count(*), count(code), count(DISTINCT code), min(code) FROM p GROUP BY day"], tables: [table])[0]
        let context = limit.map(tightContext(limit:)) ?? Fixtures.context()
        let aggregate = try HashAggregateOperator(
            child: try BatchSourceOperator(types: table.types, batches: batches), groupBy: [day], aggregates: aggregates,
            context: context)
        let rows = Results.rows(try aggregate.drain(), types: aggregate.outputTypes)
        #expect(Results.difference(rows, expected) == nil, "\(Results.difference(rows, expected) ?? "")")
        #expect((aggregate.spillCount > 0) == (limit != nil))
    }
}
