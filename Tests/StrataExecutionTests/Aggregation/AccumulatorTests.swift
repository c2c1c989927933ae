import StrataCore
import StrataPlanner
import Testing

@testable import StrataExecution

@Suite struct AccumulatorTests {
    /// Runs `aggregate` over `values` (one column) split into two groups by row parity, returning the
    /// result values of groups 0 and 1.
    func aggregate(_ aggregate: BoundAggregate, _ columns: [Column]) throws -> [Value] {
        let accumulator = try Accumulators.make(aggregate)
        accumulator.resize(to: 2)
        let groups = (0..<Int32(columns.first?.count ?? 0)).map { $0 % 2 }
        try groups.withUnsafeBufferPointer { try accumulator.update(groups: $0, arguments: columns.map(ColumnView.init)) }
        return try accumulator.results(0..<2).values
    }

    @Test func minAndMaxOverEveryType() throws {
        let cases: [(DataType, [Value], min: [Value], max: [Value])] = [
            (.boolean, [.boolean(true), .boolean(false), .boolean(true), .null], [.boolean(true), .boolean(false)], [.boolean(true), .boolean(false)]),
            (.tinyint, [.integer(-5), .integer(7), .integer(3), .integer(-8)], [.integer(-5), .integer(-8)], [.integer(3), .integer(7)]),
            (.smallint, [.integer(300), .null, .integer(-300), .null], [.integer(-300), .null], [.integer(300), .null]),
            (.real, [.real(1.5), .real(.infinity), .real(-2), .real(4)], [.real(-2), .real(4)], [.real(1.5), .real(.infinity)]),
            (.time, [.time(5), .time(1), .time(3), .time(9)], [.time(3), .time(1)], [.time(5), .time(9)]),
            (.interval, [.interval(Interval(days: 1)), .interval(Interval(months: 1)), .interval(Interval(microseconds: 90_000_000_000)), .interval(Interval(days: 40))],
             [.interval(Interval(days: 1)), .interval(Interval(days: 40))], [.interval(Interval(microseconds: 90_000_000_000)), .interval(Interval(months: 1))]),
            (.varbinary, [.varbinary([1, 2]), .varbinary([1]), .varbinary([0xFF]), .varbinary([])], [.varbinary([1, 2]), .varbinary([])], [.varbinary([0xFF]), .varbinary([1])]),
            (.varchar, [.varchar("b"), .varchar("é"), .varchar("ab"), .varchar("z")], [.varchar("ab"), .varchar("z")], [.varchar("b"), .varchar("é")]),
        ]
        // NaN orders above every number (and NaN != NaN as a Value, so check it apart).
        let withNaN = Column.build(.double, [.double(1), .double(.nan), .double(-1), .null])
        let maxima = try aggregate(BoundAggregate(.max, [.column(0, .double)], type: .double), [withNaN])
        #expect(maxima[0] == .double(1))
        if case .double(let value) = maxima[1] { #expect(value.isNaN) } else { Issue.record("max with NaN: \(maxima[1])") }
        let minima = try aggregate(BoundAggregate(.min, [.column(0, .double)], type: .double), [withNaN])
        #expect(minima[0] == .double(-1))
        for (type, values, minimum, maximum) in cases {
            let column = Column.build(type, values)
            #expect(try aggregate(BoundAggregate(.min, [.column(0, type)], type: type), [column]) == minimum, "min \(type)")
            #expect(try aggregate(BoundAggregate(.max, [.column(0, type)], type: type), [column]) == maximum, "max \(type)")
        }
    }

    @Test func sumsAndAveragesOfRealAndInterval() throws {
        let reals = Column.build(.real, [.real(1.5), .real(2), .real(2.5), .null])
        #expect(try aggregate(BoundAggregate(.sum, [.column(0, .real)], type: .real), [reals]) == [.real(4), .real(2)])
        #expect(try aggregate(BoundAggregate(.avg, [.column(0, .real)], type: .real), [reals]) == [.real(2), .real(2)])
        let intervals = Column.build(
            .interval,
            [.interval(Interval(months: 1, days: 2)), .interval(Interval(days: 1)), .interval(Interval(months: 2, microseconds: 10)), .null])
        #expect(
            try aggregate(BoundAggregate(.sum, [.column(0, .interval)], type: .interval), [intervals])
                == [.interval(Interval(months: 3, days: 2, microseconds: 10)), .interval(Interval(days: 1))])
        #expect(
            try aggregate(BoundAggregate(.avg, [.column(0, .interval)], type: .interval), [intervals])
                == [.interval(Interval(months: 1, days: 1, microseconds: 5)), .interval(Interval(days: 1))])
        let decimals = Column.build(.decimal(precision: 5, scale: 2), [.decimal(100), .decimal(1), .decimal(201), .decimal(2)])
        // avg keeps the scale and rounds half away from zero: (1.00 + 2.01) / 2 = 1.505 -> 1.51.
        #expect(
            try aggregate(BoundAggregate(.avg, [.column(0, .decimal(precision: 5, scale: 2))], type: .decimal(precision: 5, scale: 2)), [decimals])
                == [.decimal(151), .decimal(2)])
    }

    @Test func arbitraryPicksAValueOfItsGroup() throws {
        let column = Column.build(.varchar, [.null, .varchar("x"), .varchar("a"), .varchar("y"), .varchar("b"), .null])
        let result = try aggregate(BoundAggregate(.arbitrary, [.column(0, .varchar)], type: .varchar), [column])
        #expect([Value.varchar("a"), .varchar("b")].contains(result[0]))
        #expect([Value.varchar("x"), .varchar("y")].contains(result[1]))
    }

    @Test func sketchesMergeThroughPartialStates() throws {
        // Two partial aggregations over halves, merged by a final one, against one complete aggregation.
        let values = (0..<40_000).map { Value.integer(Int64($0 % 30_000)) }
        let column = Column.build(.bigint, values)
        let distinct = BoundAggregate(.approxDistinct, [.column(0, .bigint), .literal(.double(0.01), .double)], type: .bigint)
        let percentile = BoundAggregate(.approxPercentile, [.column(0, .bigint), .literal(.double(0.5), .double)], type: .bigint)
        let context = Fixtures.context()
        var partials: [Batch] = []
        var partialTypes: [DataType] = []
        for half in [0..<20_000, 20_000..<40_000] {
            let slice = column.gather(half.map { Int32($0) })
            let source = try BatchSourceOperator(types: [.bigint], batches: [Batch(columns: [slice], count: slice.count)])
            let partial = try HashAggregateOperator(
                child: source, groupBy: [], aggregates: [distinct, percentile], mode: .partial, context: context)
            partialTypes = partial.outputTypes
            partials += try partial.drain()
        }
        #expect(partialTypes == [.varbinary, .double, .varbinary])
        let final = try HashAggregateOperator(
            child: try BatchSourceOperator(types: partialTypes, batches: partials), groupBy: [],
            aggregates: [distinct, percentile], mode: .final, context: context)
        let row = try final.drain()[0]
        guard case .integer(let estimate) = row.columns[0].value(at: 0), case .integer(let median) = row.columns[1].value(at: 0) else {
            Issue.record("no results")
            return
        }
        #expect(abs(Double(estimate) - 30_000) / 30_000 < 0.03)
        // 0..<10000 appear twice and 10000..<30000 once: the median is 10000; allow 1.5% in rank.
        #expect(abs(Double(median) - 10_000) < 600, "median \(median)")
    }

    @Test func windowCombineMatchesUpdates() throws {
        // Combining leaf states pairwise must give what one update over all rows gives.
        for function in [AggregateFunction.approxDistinct, .stddevPop, .max, .minBy, .avg] {
            let arguments: [Column] =
                switch function {
                case .minBy: [Column.build(.varchar, (0..<100).map { .varchar("v\($0)") }), Column.build(.double, (0..<100).map { .double(Double(($0 * 37) % 100)) })]
                default: [Column.build(.double, (0..<100).map { .double(Double(($0 * 37) % 100)) })]
                }
            let type: DataType = function == .approxDistinct ? .bigint : (function == .minBy ? .varchar : .double)
            let bound = BoundAggregate(function, arguments.enumerated().map { .column($0.offset, $0.element.type) }, type: type)
            let whole = try Accumulators.make(bound)
            whole.resize(to: 1)
            try [Int32](repeating: 0, count: 100).withUnsafeBufferPointer { try whole.update(groups: $0, arguments: arguments.map(ColumnView.init)) }
            let leaves = try Accumulators.make(bound)
            leaves.resize(to: 101)
            try (0..<Int32(100)).map { $0 }.withUnsafeBufferPointer { try leaves.update(groups: $0, arguments: arguments.map(ColumnView.init)) }
            let sources = (0..<Int32(100)).map { $0 }
            let targets = [Int32](repeating: 100, count: 100)
            try sources.withUnsafeBufferPointer { s in try targets.withUnsafeBufferPointer { try leaves.combine(sources: s, targets: $0) } }
            let expected = try whole.results(0..<1).value(at: 0)
            let actual = try leaves.results(100..<101).value(at: 0)
            if case .double(let a) = actual, case .double(let b) = expected {
                #expect(abs(a - b) < 1e-9, "\(function)")
            } else {
                #expect(actual == expected, "\(function)")
            }
        }
    }

    @Test func distinctWithFilterAndPartialRefusal() throws {
        let table = Fixtures.mixed(count: 500, seed: 2)
        let aggregate = BoundAggregate(.count, [Fixtures.column(table, "k2")], isDistinct: true, type: .bigint)
        #expect(throws: ExecutionError.self) {
            try HashAggregateOperator(
                child: try table.source(), groupBy: [], aggregates: [aggregate], mode: .partial, context: Fixtures.context())
        }
        #expect(throws: ExecutionError.self) {
            // The plan's result type must be the one the function computes.
            try HashAggregateOperator(
                child: try table.source(), groupBy: [],
                aggregates: [BoundAggregate(.min, [Fixtures.column(table, "v")], type: .varchar)], context: Fixtures.context())
        }
    }
}
