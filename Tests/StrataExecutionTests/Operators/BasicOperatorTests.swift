import StrataCore
import StrataPlanner
import Testing

@testable import StrataExecution

/// A source that counts batches pulled and remembers being closed.
final class TrackingSource: PhysicalOperator {
    let outputTypes: [DataType]
    private let batches: [Batch]
    private(set) var pulled = 0
    private(set) var closed = false

    init(_ batches: [Batch], types: [DataType]) {
        self.batches = batches
        outputTypes = types
    }

    func next() throws -> Batch? {
        guard pulled < batches.count, !closed else { return nil }
        defer { pulled += 1 }
        return batches[pulled]
    }

    func close() { closed = true }
}

@Suite struct BasicOperatorTests {
    let table = Fixtures.mixed(count: 1000, seed: 5)

    @Test func filterKeepsTrueRowsOfEveryStorage() throws {
        let predicate = BoundExpression.comparison(.greater, Fixtures.column(table, "v"), .literal(.integer(0), .bigint))
        let filter = FilterOperator(child: try table.source(batchSize: 64), predicate: predicate, context: Fixtures.context())
        let rows = Results.rows(try filter.drain(), types: filter.outputTypes)
        let expected = try DuckDBOracle.query(["SELECT * FROM t WHERE v > 0"], tables: [table])
        #expect(Results.difference(rows, expected[0]) == nil)
    }

    @Test func projectionComputesExpressions() throws {
        let v = Fixtures.column(table, "v")
        let projection = ProjectionOperator(
            child: try table.source(),
            expressions: [.arithmetic(.add, v, .literal(.integer(1), .bigint), .bigint), Fixtures.column(table, "k1")],
            context: Fixtures.context())
        #expect(projection.outputTypes == [.bigint, .varchar])
        let rows = Results.rows(try projection.drain(), types: projection.outputTypes)
        let expected = try DuckDBOracle.query(["SELECT v + 1, k1 FROM t"], tables: [table])
        #expect(Results.difference(rows, expected[0], ordered: true) == nil)
    }

    @Test func limitStopsPullingAndClosesItsChild() throws {
        let batches = table.batches(batchSize: 10)
        let source = TrackingSource(batches, types: table.types)
        let limit = try LimitOperator(child: source, limit: 25, offset: 12, context: Fixtures.context())
        let output = try limit.drain()
        let ids = output.flatMap { batch in (0..<batch.count).map { batch.columns[3].value(at: $0) } }
        #expect(ids == table.rows[12..<37].map { $0[3] })
        #expect(source.closed)
        #expect(source.pulled == 4)
        let none = try LimitOperator(child: try table.source(), limit: 0, context: Fixtures.context())
        #expect(try none.drain().isEmpty)
        let offsetOnly = try LimitOperator(child: try table.source(), limit: nil, offset: 990, context: Fixtures.context())
        #expect(try offsetOnly.drain().reduce(0) { $0 + $1.count } == 10)
        #expect(throws: ExecutionError.self) { try LimitOperator(child: try table.source(), limit: -1, context: Fixtures.context()) }
    }

    @Test func valuesEvaluatesRowsInBatches() throws {
        let rows: [[BoundExpression]] = (0..<5).map { index in
            [
                .arithmetic(.multiply, .literal(.integer(Int64(index)), .bigint), .literal(.integer(10), .bigint), .bigint),
                index == 2 ? .literal(.null, .varchar) : .literal(.varchar("row \(index)"), .varchar),
            ]
        }
        let values = try ValuesOperator(rows: rows, types: [.bigint, .varchar], context: Fixtures.context(batchSize: 2))
        let batches = try values.drain()
        #expect(batches.map(\.count) == [2, 2, 1])
        let cells = Results.rows(batches, types: values.outputTypes)
        #expect(cells.map { $0[0].description } == ["0", "10", "20", "30", "40"])
        #expect(cells.map { $0[1].description } == ["'row 0'", "'row 1'", "NULL", "'row 3'", "'row 4'"])
        #expect(throws: ExecutionError.self) {
            try ValuesOperator(rows: [[.literal(.integer(1), .bigint)]], types: [.varchar], context: Fixtures.context())
        }
    }

    @Test func enforceSingleRowPassesOneRowAndRejectsTwo() throws {
        let one = Batch(columns: [Column.build(.bigint, [.integer(7)])], count: 1)
        let empty = Batch(columns: [Column.build(.bigint, [])], count: 0)
        let passing = EnforceSingleRowOperator(
            child: try BatchSourceOperator(types: [.bigint], batches: [empty, one, empty]), context: Fixtures.context())
        #expect(try passing.drain().reduce(0) { $0 + $1.count } == 1)
        let none = EnforceSingleRowOperator(child: try BatchSourceOperator(types: [.bigint], batches: []), context: Fixtures.context())
        #expect(try none.drain().reduce(0) { $0 + $1.count } == 0)
        let two = EnforceSingleRowOperator(
            child: try BatchSourceOperator(types: [.bigint], batches: [one, one]), context: Fixtures.context())
        #expect(throws: ExecutionError.self) { try two.drain() }
    }

    @Test func cancellationStopsAtTheNextBatch() throws {
        let context = Fixtures.context()
        let filter = FilterOperator(child: try table.source(), predicate: .literal(.boolean(true), .boolean), context: context)
        _ = try filter.next()
        context.cancel()
        #expect(throws: ExecutionError.self) { try filter.next() }
    }
}
