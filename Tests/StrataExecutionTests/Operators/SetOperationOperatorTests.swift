import StrataCore
import StrataPlanner
import Testing

@testable import StrataExecution

@Suite struct SetOperationOperatorTests {
    static func table(_ name: String, count: Int, seed: UInt64) -> TestTable {
        TestTable.generate(name, [("k1", .varchar), ("k2", .integer), ("d", .date)], count: count, seed: seed) { _, column, random in
            switch column {
            case 0: return random.chance(0.1) ? .null : .varchar(["x", "y", "zz"][random.int(0...2)])
            case 1: return random.chance(0.1) ? .null : .integer(Int64(random.int(0...4)))
            default: return random.chance(0.3) ? .null : .date(Int32(random.int(0...1)))
            }
        }
    }

    @Test func setOperationsMatchDuckDB() throws {
        let a = Self.table("a", count: 700, seed: 21)
        let b = Self.table("b", count: 500, seed: 22)
        let cases: [(SetOperationKind, Bool, String)] = [
            (.union, true, "UNION ALL"), (.union, false, "UNION"), (.intersect, false, "INTERSECT"),
            (.intersect, true, "INTERSECT ALL"), (.except, false, "EXCEPT"), (.except, true, "EXCEPT ALL"),
        ]
        let expected = try DuckDBOracle.query(
            cases.map { "SELECT * FROM a \($0.2) SELECT * FROM b" } + cases.map { "SELECT * FROM b \($0.2) SELECT * FROM a" },
            tables: [a, b])
        for (index, (kind, all, sql)) in cases.enumerated() {
            for (offset, (first, second)) in [(a, b), (b, a)].enumerated() {
                let operator_ = try SetOperationOperator(
                    left: try first.source(batchSize: 64), right: try second.source(batchSize: 45), kind: kind, all: all,
                    context: Fixtures.context())
                let rows = Results.rows(try operator_.drain(), types: operator_.outputTypes)
                let difference = Results.difference(rows, expected[index + offset * cases.count])
                #expect(difference == nil, "\(first.name) \(sql) \(second.name): \(difference ?? "")")
            }
        }
    }

    @Test func emptyInputs() throws {
        let a = Self.table("a", count: 50, seed: 1)
        let empty = { try BatchSourceOperator(types: a.types, batches: []) }
        let intersect = try SetOperationOperator(left: try a.source(), right: try empty(), kind: .intersect, all: false, context: Fixtures.context())
        #expect(try intersect.drain().isEmpty)
        let except = try SetOperationOperator(left: try a.source(), right: try empty(), kind: .except, all: true, context: Fixtures.context())
        #expect(try except.drain().reduce(0) { $0 + $1.count } == 50)
    }
}
