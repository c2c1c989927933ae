import StrataCore
import StrataPlanner
import Testing

@testable import StrataExecution

@Suite struct WindowOperatorTests {
    let table = TestTable.generate(
        "t",
        [
            ("id", .bigint), ("p1", .varchar), ("o1", .integer), ("v", .bigint), ("d", .double), ("dt", .date),
            ("ts", .timestamp), ("dec", .decimal(precision: 10, scale: 2)), ("s", .varchar),
        ], count: 1500, seed: 31
    ) { row, column, random in
        switch column {
        case 0: return .integer(Int64(row))
        case 1: return random.chance(0.05) ? .null : .varchar(["p", "q", "rr", "s"][random.int(0...3)])
        case 2: return random.chance(0.08) ? .null : .integer(Int64(random.int(0...60)))
        case 3: return random.chance(0.1) ? .null : .integer(Int64(random.int(-500...500)))
        case 4: return random.chance(0.1) ? .null : .double(Double(random.int(-1000...1000)) / 8)
        case 5: return random.chance(0.1) ? .null : .date(Int32(19_000 + random.int(0...90)))
        case 6: return random.chance(0.1) ? .null : .timestamp(1_700_000_000_000_000 + Int64(random.int(0...2000)) * 3_600_000_000)
        case 7: return random.chance(0.1) ? .null : .decimal(Int128(random.int(-100_000...100_000)))
        default: return random.chance(0.1) ? .null : .varchar("s\(random.int(0...300))")
        }
    }

    func col(_ name: String) -> BoundExpression { Fixtures.column(table, name) }

    var cases: [(BoundWindowCall, String)] {
        let byP1 = [col("p1")]
        let rows = { (start: WindowFrame.Bound, end: WindowFrame.Bound) in WindowFrame(mode: .rows, start: start, end: end) }
        let range = { (start: WindowFrame.Bound, end: WindowFrame.Bound) in WindowFrame(mode: .range, start: start, end: end) }
        let whole = WindowFrame.wholePartition
        let running = WindowFrame.defaultWithOrder
        let byID = [SortKey(col("id"))]
        let byO1 = [SortKey(col("o1"))]
        return [
            (BoundWindowCall(.rowNumber, [], partitionBy: byP1, orderBy: [SortKey(col("o1")), SortKey(col("id"))], frame: running, type: .bigint),
             "row_number() OVER (PARTITION BY p1 ORDER BY o1, id)"),
            (BoundWindowCall(.rank, [], partitionBy: byP1, orderBy: byO1, frame: running, type: .bigint),
             "rank() OVER (PARTITION BY p1 ORDER BY o1)"),
            (BoundWindowCall(.denseRank, [], partitionBy: byP1, orderBy: [SortKey(col("o1"), ascending: false, nullsFirst: true)], frame: running, type: .bigint),
             "dense_rank() OVER (PARTITION BY p1 ORDER BY o1 DESC NULLS FIRST)"),
            (BoundWindowCall(.percentRank, [], partitionBy: byP1, orderBy: byO1, frame: running, type: .double),
             "percent_rank() OVER (PARTITION BY p1 ORDER BY o1)"),
            (BoundWindowCall(.cumeDist, [], partitionBy: byP1, orderBy: byO1, frame: running, type: .double),
             "cume_dist() OVER (PARTITION BY p1 ORDER BY o1)"),
            (BoundWindowCall(.ntile, [.literal(.integer(7), .bigint)], partitionBy: byP1, orderBy: byID, frame: running, type: .bigint),
             "ntile(7) OVER (PARTITION BY p1 ORDER BY id)"),
            (BoundWindowCall(.lag, [col("v")], partitionBy: byP1, orderBy: byID, frame: running, type: .bigint),
             "lag(v) OVER (PARTITION BY p1 ORDER BY id)"),
            (BoundWindowCall(.lead, [col("v"), .literal(.integer(2), .bigint), .literal(.integer(-1), .bigint)], partitionBy: byP1, orderBy: byID, frame: running, type: .bigint),
             "lead(v, 2, -1) OVER (PARTITION BY p1 ORDER BY id)"),
            (BoundWindowCall(.firstValue, [col("s")], partitionBy: byP1, orderBy: [SortKey(col("o1")), SortKey(col("id"))], frame: rows(.preceding(.integer(2)), .following(.integer(1))), type: .varchar),
             "first_value(s) OVER (PARTITION BY p1 ORDER BY o1, id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING)"),
            (BoundWindowCall(.lastValue, [col("v")], partitionBy: byP1, orderBy: [SortKey(col("o1")), SortKey(col("id"))], frame: rows(.currentRow, .following(.integer(3))), type: .bigint),
             "last_value(v) OVER (PARTITION BY p1 ORDER BY o1, id ROWS BETWEEN CURRENT ROW AND 3 FOLLOWING)"),
            (BoundWindowCall(.lastValue, [col("o1")], partitionBy: byP1, orderBy: byO1, frame: running, type: .integer),
             "last_value(o1) OVER (PARTITION BY p1 ORDER BY o1)"),
            (BoundWindowCall(.nthValue, [col("v"), .literal(.integer(3), .bigint)], partitionBy: byP1, orderBy: byID, frame: running, type: .bigint),
             "nth_value(v, 3) OVER (PARTITION BY p1 ORDER BY id)"),
            (BoundWindowCall(.aggregate(.sum), [col("v")], partitionBy: byP1, orderBy: byO1, frame: running, type: .bigint),
             "sum(v) OVER (PARTITION BY p1 ORDER BY o1)"),
            (BoundWindowCall(.aggregate(.count), [col("v")], partitionBy: byP1, orderBy: [], frame: whole, type: .bigint),
             "count(v) OVER (PARTITION BY p1)"),
            (BoundWindowCall(.aggregate(.countStar), [], partitionBy: [], orderBy: [], frame: whole, type: .bigint),
             "count(*) OVER ()"),
            (BoundWindowCall(.aggregate(.avg), [col("d")], partitionBy: byP1, orderBy: byID, frame: rows(.preceding(.integer(3)), .currentRow), type: .double),
             "avg(d) OVER (PARTITION BY p1 ORDER BY id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)"),
            (BoundWindowCall(.aggregate(.min), [col("v")], partitionBy: [], orderBy: byID, frame: rows(.preceding(.integer(5)), .following(.integer(5))), type: .bigint),
             "min(v) OVER (ORDER BY id ROWS BETWEEN 5 PRECEDING AND 5 FOLLOWING)"),
            (BoundWindowCall(.aggregate(.max), [col("s")], partitionBy: byP1, orderBy: byID, frame: rows(.following(.integer(1)), .following(.integer(4))), type: .varchar),
             "max(s) OVER (PARTITION BY p1 ORDER BY id ROWS BETWEEN 1 FOLLOWING AND 4 FOLLOWING)"),
            (BoundWindowCall(.aggregate(.sum), [col("v")], partitionBy: byP1, orderBy: byO1, frame: range(.preceding(.integer(2)), .following(.integer(1))), type: .bigint),
             "sum(v) OVER (PARTITION BY p1 ORDER BY o1 RANGE BETWEEN 2 PRECEDING AND 1 FOLLOWING)"),
            (BoundWindowCall(.aggregate(.sum), [col("v")], partitionBy: byP1, orderBy: byO1, frame: range(.following(.integer(3)), .following(.integer(5))), type: .bigint),
             "sum(v) OVER (PARTITION BY p1 ORDER BY o1 RANGE BETWEEN 3 FOLLOWING AND 5 FOLLOWING)"),
            (BoundWindowCall(.aggregate(.sum), [col("v")], partitionBy: [], orderBy: [SortKey(col("o1"), ascending: false)], frame: range(.preceding(.integer(1)), .following(.integer(2))), type: .bigint),
             "sum(v) OVER (ORDER BY o1 DESC RANGE BETWEEN 1 PRECEDING AND 2 FOLLOWING)"),
            (BoundWindowCall(.aggregate(.countStar), [], partitionBy: [], orderBy: [SortKey(col("dt"))], frame: range(.preceding(.interval(Interval(days: 3))), .currentRow), type: .bigint),
             "count(*) OVER (ORDER BY dt RANGE BETWEEN INTERVAL 3 DAY PRECEDING AND CURRENT ROW)"),
            (BoundWindowCall(.aggregate(.sum), [col("v")], partitionBy: byP1, orderBy: [SortKey(col("ts"), ascending: false)], frame: range(.preceding(.interval(Interval(months: 1))), .following(.interval(Interval(microseconds: 7_200_000_000)))), type: .bigint),
             "sum(v) OVER (PARTITION BY p1 ORDER BY ts DESC RANGE BETWEEN INTERVAL 1 MONTH PRECEDING AND INTERVAL 2 HOUR FOLLOWING)"),
            (BoundWindowCall(.aggregate(.stddevSamp), [col("d")], partitionBy: byP1, orderBy: byID, frame: rows(.unboundedPreceding, .currentRow), type: .double),
             "stddev_samp(d) OVER (PARTITION BY p1 ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
            (BoundWindowCall(.aggregate(.sum), [col("dec")], partitionBy: byP1, orderBy: [SortKey(col("o1"), ascending: false, nullsFirst: true), SortKey(col("id"))], frame: rows(.currentRow, .unboundedFollowing), type: .decimal(precision: 38, scale: 2)),
             "sum(dec) OVER (PARTITION BY p1 ORDER BY o1 DESC NULLS FIRST, id ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)"),
            (BoundWindowCall(.aggregate(.sum), [col("v")], partitionBy: byP1, orderBy: byID, frame: rows(.unboundedPreceding, .preceding(.integer(2))), type: .bigint),
             "sum(v) OVER (PARTITION BY p1 ORDER BY id ROWS BETWEEN UNBOUNDED PRECEDING AND 2 PRECEDING)"),
            (BoundWindowCall(.aggregate(.minBy), [col("s"), col("d")], partitionBy: byP1, orderBy: byO1, frame: running, type: .varchar),
             "arg_min_null(s, d) OVER (PARTITION BY p1 ORDER BY o1)"),
        ]
    }

    @Test func windowFunctionsMatchDuckDB() throws {
        let cases = self.cases
        let expected = try DuckDBOracle.query(cases.map { "SELECT id, \($0.1) FROM t" }, tables: [table])
        // All calls in one operator: shared and separate specifications side by side.
        let window = try WindowOperator(
            child: try table.source(batchSize: 111), calls: cases.map(\.0), context: Fixtures.context(batchSize: 400))
        let batches = try window.drain()
        #expect(batches.reduce(0) { $0 + $1.count } == table.rows.count)
        let rows = Results.rows(batches, types: window.outputTypes)
        let width = table.columns.count
        for (index, (_, sql)) in cases.enumerated() {
            let actual = rows.map { [$0[0], $0[width + index]] }
            let difference = Results.difference(actual, expected[index], tolerance: 1e-9)
            #expect(difference == nil, "\(sql): \(difference ?? "")")
        }
    }

    @Test func emptyInputAndBadFrames() throws {
        let call = BoundWindowCall(.rowNumber, [], partitionBy: [], orderBy: [], frame: .wholePartition, type: .bigint)
        let empty = try WindowOperator(
            child: try BatchSourceOperator(types: table.types, batches: []), calls: [call], context: Fixtures.context())
        #expect(try empty.drain().isEmpty)
        let badOffset = BoundWindowCall(
            .aggregate(.sum), [col("v")], partitionBy: [], orderBy: [SortKey(col("id"))],
            frame: WindowFrame(mode: .rows, start: .preceding(.integer(-1)), end: .currentRow), type: .bigint)
        let window = try WindowOperator(child: try table.source(), calls: [badOffset], context: Fixtures.context())
        #expect(throws: ExecutionError.self) { try window.drain() }
        let rangeOnString = BoundWindowCall(
            .aggregate(.sum), [col("v")], partitionBy: [], orderBy: [SortKey(col("s"))],
            frame: WindowFrame(mode: .range, start: .preceding(.integer(1)), end: .currentRow), type: .bigint)
        let stringWindow = try WindowOperator(child: try table.source(), calls: [rangeOnString], context: Fixtures.context())
        #expect(throws: ExecutionError.self) { try stringWindow.drain() }
    }
}
