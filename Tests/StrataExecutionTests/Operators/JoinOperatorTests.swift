import StrataCore
import StrataPlanner
import Testing

@testable import StrataExecution

@Suite struct JoinOperatorTests {
    static func side(_ name: String, count: Int, seed: UInt64) -> TestTable {
        TestTable.generate(
            name, [("k1", .varchar), ("k2", .integer), ("v", .bigint), ("s", .varchar)], count: count, seed: seed
        ) { row, column, random in
            switch column {
            case 0: return random.chance(0.05) ? .null : .varchar(["a", "bb", "c", "dddddddddd"][random.int(0...3)])
            case 1: return random.chance(0.05) ? .null : .integer(Int64(random.int(0...5)))
            case 2: return random.chance(0.1) ? .null : .integer(Int64(random.int(0...1000)))
            default: return .varchar("\(name)\(row)")
            }
        }
    }

    let left = side("l", count: 600, seed: 3)
    let right = side("r", count: 400, seed: 4)

    // Combined row: l.k1 l.k2 l.v l.s r.k1 r.k2 r.v r.s
    var leftKeys: [BoundExpression] { [.column(0, .varchar), .column(1, .integer)] }
    var rightKeys: [BoundExpression] { [.column(0, .varchar), .column(1, .integer)] }
    var residual: BoundExpression { .comparison(.less, .column(2, .bigint), .column(6, .bigint)) }

    func hashJoin(_ kind: JoinKind, residual: BoundExpression? = nil, batchSize: Int = 128) throws -> [[ResultCell]] {
        let context = Fixtures.context(batchSize: batchSize)
        let join = try HashJoinOperator(
            probe: try left.source(batchSize: 50), build: try right.source(batchSize: 33), kind: kind,
            probeKeys: leftKeys, buildKeys: rightKeys, residual: residual, context: context)
        return Results.rows(try join.drain(), types: join.outputTypes)
    }

    func check(_ actual: [[ResultCell]], _ expected: [[ResultCell]], _ label: String) {
        let difference = Results.difference(actual, expected)
        #expect(difference == nil, "\(label): \(difference ?? "")")
    }

    @Test func hashJoinsMatchDuckDB() throws {
        let on = "l.k1 = r.k1 AND l.k2 = r.k2"
        let onResidual = on + " AND l.v < r.v"
        let expected = try DuckDBOracle.query(
            [
                "SELECT * FROM l JOIN r ON \(on)",
                "SELECT * FROM l LEFT JOIN r ON \(on)",
                "SELECT * FROM l RIGHT JOIN r ON \(on)",
                "SELECT * FROM l FULL JOIN r ON \(on)",
                "SELECT * FROM l WHERE EXISTS (SELECT 1 FROM r WHERE \(on))",
                "SELECT * FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE \(on))",
                "SELECT * FROM l JOIN r ON \(onResidual)",
                "SELECT * FROM l LEFT JOIN r ON \(onResidual)",
                "SELECT * FROM l RIGHT JOIN r ON \(onResidual)",
                "SELECT * FROM l FULL JOIN r ON \(onResidual)",
                "SELECT * FROM l WHERE EXISTS (SELECT 1 FROM r WHERE \(onResidual))",
                "SELECT * FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE \(onResidual))",
            ], tables: [left, right])
        let kinds: [JoinKind] = [.inner, .left, .right, .full, .semi, .anti]
        for (index, kind) in kinds.enumerated() {
            check(try hashJoin(kind), expected[index], "\(kind)")
            check(try hashJoin(kind, residual: residual, batchSize: 77), expected[index + 6], "\(kind) with residual")
        }
    }

    @Test func notInFollowsNullRules() throws {
        let expected = try DuckDBOracle.query(
            [
                "SELECT * FROM l WHERE k2 NOT IN (SELECT k2 FROM r)",
                "SELECT * FROM l WHERE k2 NOT IN (SELECT k2 FROM r WHERE k2 IS NOT NULL AND k2 < 3)",
                "SELECT * FROM l WHERE k2 NOT IN (SELECT k2 FROM r WHERE false)",
            ], tables: [left, right])
        #expect(expected[0].isEmpty)
        let context = Fixtures.context()
        func notIn(_ build: PhysicalOperator) throws -> [[ResultCell]] {
            let join = try HashJoinOperator(
                probe: try left.source(), build: build, kind: .nullAwareAnti, probeKeys: [.column(1, .integer)],
                buildKeys: [.column(1, .integer)], context: context)
            return Results.rows(try join.drain(), types: join.outputTypes)
        }
        check(try notIn(try right.source()), expected[0], "NOT IN with a NULL")
        let filtered = try FilterOperator(
            child: try right.source(),
            predicate: .and([
                .isNull(.column(1, .integer), negated: true),
                .comparison(.less, .column(1, .integer), .literal(.integer(3), .integer)),
            ]), context: context)
        check(try notIn(filtered), expected[1], "NOT IN without NULLs")
        let empty = try BatchSourceOperator(types: right.types, batches: [])
        check(try notIn(empty), expected[2], "NOT IN over nothing")
    }

    @Test func sharedTableServesSeveralProbes() throws {
        let context = Fixtures.context()
        let table = try JoinHashTable.build(from: try right.source(), keys: rightKeys, context: context)
        #expect(table.rowCount == 400)
        let keys = table.distinctKeys()
        #expect(keys.count == 2 && keys[0].count == table.distinctKeyCount)
        #expect(table.distinctKeyCount <= 24 && table.distinctKeyCount > 10)
        #expect(table.keyBounds(1)?.min == .integer(0) && table.keyBounds(1)?.max == .integer(5))
        let batches = left.batches(batchSize: 40)
        var rows: [[ResultCell]] = []
        for part in 0..<2 {
            let probe = try BatchSourceOperator(
                types: left.types, batches: batches.enumerated().filter { $0.offset % 2 == part }.map(\.element))
            let join = try HashJoinOperator(probe: probe, table: table, kind: .inner, probeKeys: leftKeys, context: context)
            rows += Results.rows(try join.drain(), types: join.outputTypes)
        }
        check(rows, try hashJoin(.inner), "shared table")
    }

    @Test func nestedLoopJoinsMatchDuckDB() throws {
        let small = TestTable(name: "l", columns: left.columns, rows: Array(left.rows.prefix(120)))
        let smallRight = TestTable(name: "r", columns: right.columns, rows: Array(right.rows.prefix(90)))
        let one = TestTable(name: "one", columns: right.columns, rows: [right.rows[5]])
        let on = "l.v < r.v AND l.k2 <> r.k2"
        let expected = try DuckDBOracle.query(
            [
                "SELECT * FROM l JOIN r ON \(on)",
                "SELECT * FROM l LEFT JOIN r ON \(on)",
                "SELECT * FROM l RIGHT JOIN r ON \(on)",
                "SELECT * FROM l FULL JOIN r ON \(on)",
                "SELECT * FROM l WHERE EXISTS (SELECT 1 FROM r WHERE \(on))",
                "SELECT * FROM l WHERE NOT EXISTS (SELECT 1 FROM r WHERE \(on))",
                "SELECT * FROM l CROSS JOIN r",
                "SELECT * FROM l CROSS JOIN one",
                "SELECT * FROM l JOIN one r ON \(on)",
            ], tables: [small, smallRight, one])
        let condition = BoundExpression.and([
            .comparison(.less, .column(2, .bigint), .column(6, .bigint)),
            .comparison(.notEqual, .column(1, .integer), .column(5, .integer)),
        ])
        let context = Fixtures.context(batchSize: 100)
        func run(_ kind: JoinKind, _ condition: BoundExpression?, right: TestTable = smallRight) throws -> [[ResultCell]] {
            let join = try NestedLoopJoinOperator(
                left: try small.source(batchSize: 37), right: try right.source(batchSize: 23), kind: kind,
                condition: condition, context: context)
            return Results.rows(try join.drain(), types: join.outputTypes)
        }
        for (index, kind) in [JoinKind.inner, .left, .right, .full, .semi, .anti].enumerated() {
            check(try run(kind, condition), expected[index], "nested loop \(kind)")
        }
        check(try run(.cross, nil), expected[6], "cross join")
        check(try run(.cross, nil, right: one), expected[7], "cross join with one row")
        check(try run(.inner, condition, right: one), expected[8], "join with one row")
    }

    @Test func emptySides() throws {
        let context = Fixtures.context()
        let empty = try BatchSourceOperator(types: right.types, batches: [])
        let leftJoin = try HashJoinOperator(
            probe: try left.source(), build: empty, kind: .left, probeKeys: leftKeys, buildKeys: rightKeys, context: context)
        let rows = try leftJoin.drain().reduce(0) { $0 + $1.count }
        #expect(rows == 600)
        let inner = try HashJoinOperator(
            probe: try left.source(), build: try BatchSourceOperator(types: right.types, batches: []), kind: .inner,
            probeKeys: leftKeys, buildKeys: rightKeys, context: context)
        #expect(try inner.drain().isEmpty)
        let rightJoin = try HashJoinOperator(
            probe: try BatchSourceOperator(types: left.types, batches: []), build: try right.source(), kind: .right,
            probeKeys: leftKeys, buildKeys: rightKeys, context: context)
        #expect(try rightJoin.drain().reduce(0) { $0 + $1.count } == 400)
    }
}
