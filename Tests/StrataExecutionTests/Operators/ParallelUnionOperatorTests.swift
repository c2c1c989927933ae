import Foundation
import StrataCore
import StrataPlanner
import Synchronization
import Testing

@testable import StrataExecution

/// A child that produces batches forever (or fails after `failAfter` batches) and records being closed.
final class EndlessSource: PhysicalOperator, @unchecked Sendable {
    let outputTypes: [DataType] = [.bigint]
    let failAfter: Int?
    private let produced = Atomic<Int>(0)
    private let closedFlag = Atomic<Bool>(false)

    init(failAfter: Int? = nil) { self.failAfter = failAfter }

    var closed: Bool { closedFlag.load(ordering: .relaxed) }

    func next() throws -> Batch? {
        let count = produced.add(1, ordering: .relaxed).newValue
        if let failAfter, count > failAfter { throw ExecutionError(.invalidArgument, "broken child") }
        return Batch(columns: [Column.build(.bigint, [.integer(Int64(count))])], count: 1)
    }

    func close() { closedFlag.store(true, ordering: .relaxed) }
}

@Suite struct ParallelUnionOperatorTests {
    let table = Fixtures.mixed(count: 4000, seed: 17)

    func parts(_ count: Int, batchSize: Int = 50) throws -> [PhysicalOperator] {
        let batches = table.batches(batchSize: batchSize)
        return try (0..<count).map { part in
            try BatchSourceOperator(
                types: table.types, batches: batches.enumerated().filter { $0.offset % count == part }.map(\.element))
        }
    }

    @Test func deliversEveryRowOfEveryChild() throws {
        let union = try ParallelUnionOperator(children: try parts(7), context: Fixtures.context(), queueCapacity: 2)
        let rows = Results.rows(try union.drain(), types: union.outputTypes)
        let expected = Results.rows(table.batches(batchSize: 1000), types: table.types)
        #expect(Results.difference(rows, expected) == nil)
    }

    @Test func partialAggregatesOnThreadsThenFinal() throws {
        let context = Fixtures.context()
        let groupBy: [BoundExpression] = [Fixtures.column(table, "k1"), Fixtures.column(table, "k3")]
        let aggregates = [
            BoundAggregate(.countStar, [], type: .bigint),
            BoundAggregate(.sum, [Fixtures.column(table, "v")], type: .bigint),
            BoundAggregate(.avg, [Fixtures.column(table, "d")], type: .double),
            BoundAggregate(.max, [Fixtures.column(table, "s")], type: .varchar),
            BoundAggregate(.stddevPop, [Fixtures.column(table, "d")], type: .double),
        ]
        let partials = try parts(4).map {
            try HashAggregateOperator(child: $0, groupBy: groupBy, aggregates: aggregates, mode: .partial, context: context)
        }
        let union = try ParallelUnionOperator(children: partials, context: context)
        let final = try HashAggregateOperator(
            child: union, groupBy: [.column(0, .varchar), .column(1, .date)], aggregates: aggregates, mode: .final,
            context: context)
        let rows = Results.rows(try final.drain(), types: final.outputTypes)
        let expected = try DuckDBOracle.query(
            ["SELECT k1, k3, count(*), sum(v), avg(d), max(s), stddev_pop(d) FROM t GROUP BY k1, k3"], tables: [table])
        let difference = Results.difference(rows, expected[0])
        #expect(difference == nil, "\(difference ?? "")")
    }

    @Test func probePipelinesOnThreadsShareOneBuildTable() throws {
        let context = Fixtures.context(batchSize: 64)
        let build = Fixtures.mixed("r", count: 3000, seed: 18)
        let keys: [BoundExpression] = [Fixtures.column(table, "k1"), Fixtures.column(table, "k2")]
        let shared = try JoinHashTable.build(from: try build.source(), keys: keys, context: context)
        let probes = try parts(3, batchSize: 40).map {
            try HashJoinOperator(
                probe: $0, table: shared, kind: .inner, probeKeys: keys,
                residual: .comparison(.less, Fixtures.column(table, "v"), .column(11, .bigint)), context: context)
        }
        let union = try ParallelUnionOperator(children: probes, context: context)
        let counted = try HashAggregateOperator(
            child: union, groupBy: [], aggregates: [BoundAggregate(.countStar, [], type: .bigint)], context: context)
        let count = try counted.drain()[0].columns[0].value(at: 0)
        let expected = try DuckDBOracle.query(
            ["SELECT count(*) FROM t JOIN r ON t.k1 = r.k1 AND t.k2 = r.k2 AND t.v < r.v"], tables: [table, build])
        #expect(Results.difference([[ResultCell(count, type: .bigint)]], expected[0]) == nil, "\(count) vs \(expected[0])")
    }

    @Test func firstErrorReachesTheConsumerAndStopsTheOthers() throws {
        let endless = EndlessSource()
        let broken = EndlessSource(failAfter: 20)
        let union = try ParallelUnionOperator(children: [endless, broken], context: Fixtures.context(), queueCapacity: 4)
        #expect(throws: ExecutionError.self) {
            while try union.next() != nil {}
        }
        union.close()
        #expect(endless.closed && broken.closed)
    }

    @Test func limitAboveClosesRunningAndUnstartedChildren() throws {
        let children = (0..<5).map { _ in EndlessSource() }
        let union = try ParallelUnionOperator(children: children, context: Fixtures.context(), queueCapacity: 3)
        let limit = try LimitOperator(child: union, limit: 100, context: Fixtures.context())
        #expect(try limit.drain().reduce(0) { $0 + $1.count } == 100)
        #expect(children.allSatisfy { $0.closed })
    }

    @Test func cancellationStopsTheWorkers() throws {
        let context = Fixtures.context()
        let children = (0..<3).map { _ in EndlessSource() }
        let union = try ParallelUnionOperator(children: children, context: context)
        _ = try union.next()
        context.cancel()
        #expect(throws: ExecutionError.self) {
            while try union.next() != nil {}
        }
        union.close()
        #expect(children.allSatisfy { $0.closed })
    }
}
