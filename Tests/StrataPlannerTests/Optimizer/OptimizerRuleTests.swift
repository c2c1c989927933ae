import StrataCore
import Testing
@testable import StrataPlanner

final class FakeSource: TableSource {
    let identity: String
    init(_ identity: String) { self.identity = identity }
}

func table(_ name: String, _ columns: [(String, DataType)], partitions: [Int] = []) -> TableHandle {
    TableHandle(name: name, columns: columns.map { Field($0.0, $0.1) }, partitionColumns: partitions, source: FakeSource(name))
}

func scanOf(_ handle: TableHandle) -> LogicalPlan {
    .scan(TableScan(table: handle, columns: Array(handle.columns.indices)))
}

func int(_ value: Int64) -> BoundExpression { .literal(.integer(value), .bigint) }
func col(_ index: Int, _ type: DataType = .bigint) -> BoundExpression { .column(index, type) }

@Suite struct OptimizerRuleTests {
    let events = table("silver.events", [("user_id", .bigint), ("amount", .double), ("event_date", .date)], partitions: [2])
    let users = table("silver.users", [("user_id", .bigint), ("country", .varchar)])

    @Test func filtersReachTheScanThroughProjections() throws {
        let plan = LogicalPlan.filter(
            .project(scanOf(events), expressions: [col(2, .date), col(0)], names: ["d", "u"]),
            predicate: .and([.comparison(.greater, col(1), int(10)), .isNull(col(0, .date), negated: true)]))
        let optimized = try #require(try PushDownFilters().rewrite(plan))
        guard case .project(.scan(let scan), _, _) = optimized else {
            Issue.record("expected project over scan, got \(optimized)")
            return
        }
        #expect(scan.filters == [.comparison(.greater, col(0), int(10)), .isNull(col(2, .date), negated: true)])
        #expect(try PushDownFilters().rewrite(optimized) == nil)
    }

    @Test func filtersSplitAcrossAnInnerJoin() throws {
        // events ⋈ users ON e.user_id = u.user_id WHERE u.country = 'NL' AND e.amount > 5 AND e.user_id + u.user_id > 0
        let condition = BoundExpression.comparison(.equal, col(0), col(3))
        let predicate = BoundExpression.and([
            .comparison(.equal, col(4, .varchar), .literal(.varchar("NL"), .varchar)),
            .comparison(.greater, col(1, .double), .literal(.double(5), .double)),
            .comparison(.greater, .arithmetic(.add, col(0), col(3), .bigint), int(0)),
        ])
        let plan = LogicalPlan.filter(.join(scanOf(events), scanOf(users), kind: .inner, condition: condition), predicate: predicate)
        let optimized = try #require(try PushDownFilters().rewrite(plan))
        guard case .join(.scan(let left), .scan(let right), .inner, let newCondition?) = optimized else {
            Issue.record("expected a join of two scans, got \(optimized)")
            return
        }
        #expect(left.filters == [.comparison(.greater, col(1, .double), .literal(.double(5), .double))])
        #expect(right.filters == [.comparison(.equal, col(1, .varchar), .literal(.varchar("NL"), .varchar))])
        #expect(newCondition.conjuncts.count == 2)
    }

    @Test func leftJoinKeepsRightSidePredicatesAbove() throws {
        let plan = LogicalPlan.filter(
            .join(scanOf(events), scanOf(users), kind: .left, condition: .comparison(.equal, col(0), col(3))),
            predicate: .isNull(col(4, .varchar), negated: false))
        let optimized = try PushDownFilters().rewrite(plan)
        #expect(optimized == nil)
    }

    @Test func aggregatesPassPredicatesOnGroupKeys() throws {
        let aggregate = LogicalPlan.aggregate(
            scanOf(events), groupBy: [col(2, .date)],
            aggregates: [BoundAggregate(.sum, [col(1, .double)], type: .double)], names: ["d", "total"])
        let plan = LogicalPlan.filter(
            aggregate,
            predicate: .and([
                .comparison(.equal, col(0, .date), .literal(.date(19_723), .date)),
                .comparison(.greater, col(1, .double), .literal(.double(0), .double)),
            ]))
        let optimized = try #require(try PushDownFilters().rewrite(plan))
        guard case .filter(.aggregate(.scan(let scan), _, _, _), let above) = optimized else {
            Issue.record("unexpected \(optimized)")
            return
        }
        #expect(scan.filters == [.comparison(.equal, col(2, .date), .literal(.date(19_723), .date))])
        #expect(above == .comparison(.greater, col(1, .double), .literal(.double(0), .double)))
    }

    @Test func unusedColumnsArePruned() throws {
        let plan = LogicalPlan.project(
            .filter(scanOf(events), predicate: .comparison(.greater, col(1, .double), .literal(.double(1), .double))),
            expressions: [col(2, .date)], names: ["event_date"])
        let optimized = try #require(try PruneColumns().rewrite(plan))
        guard case .project(.filter(.scan(let scan), let predicate), let expressions, _) = optimized else {
            Issue.record("unexpected \(optimized)")
            return
        }
        #expect(scan.columns == [1, 2])
        #expect(predicate == .comparison(.greater, col(0, .double), .literal(.double(1), .double)))
        #expect(expressions == [col(1, .date)])
        #expect(try PruneColumns().rewrite(optimized) == nil)
    }

    @Test func sortThenLimitBecomesTopN() throws {
        let plan = LogicalPlan.limit(.sort(scanOf(users), keys: [SortKey(col(1, .varchar))]), limit: 10, offset: 5)
        let optimized = try #require(try LimitPushdown().rewrite(plan))
        guard case .topN(_, _, 10, 5) = optimized else {
            Issue.record("unexpected \(optimized)")
            return
        }
        let scanLimit = try #require(try LimitPushdown().rewrite(.limit(scanOf(users), limit: 3, offset: 1)))
        guard case .limit(.scan(let scan), 3, 1) = scanLimit else {
            Issue.record("unexpected \(scanLimit)")
            return
        }
        #expect(scan.limit == 4)
    }

    @Test func simplificationFoldsConstantsAndDropsTrueFilters() throws {
        let rule = SimplifyExpressions { expression in
            // A stand-in evaluator: 1 + 1.
            if case .arithmetic(.add, .literal(.integer(let a), _), .literal(.integer(let b), _), _) = expression {
                return .integer(a + b)
            }
            throw ExampleError()
        }
        let plan = LogicalPlan.filter(
            scanOf(users),
            predicate: .and([.literal(.boolean(true), .boolean), .comparison(.equal, col(0), .arithmetic(.add, int(1), int(1), .bigint))]))
        let optimized = try #require(try rule.rewrite(plan))
        guard case .filter(_, let predicate) = optimized else {
            Issue.record("unexpected \(optimized)")
            return
        }
        #expect(predicate == .comparison(.equal, col(0), int(2)))
        let alwaysTrue = LogicalPlan.filter(scanOf(users), predicate: .or([.literal(.boolean(true), .boolean), col(0, .boolean)]))
        guard case .scan = try #require(try rule.rewrite(alwaysTrue)) else {
            Issue.record("a TRUE filter should disappear")
            return
        }
    }
}

struct ExampleError: Error {}

extension LogicalPlan: Equatable {
    /// Structural equality for tests; tables compare by identity.
    public static func == (lhs: LogicalPlan, rhs: LogicalPlan) -> Bool {
        String(describing: lhs) == String(describing: rhs)
    }
}

@Suite struct ExplainTests {
    @Test func plansPrintAsIndentedTrees() {
        let events = table("silver.events", [("user_id", .bigint), ("amount", .double), ("event_date", .date)])
        let scan = LogicalPlan.scan(
            TableScan(table: events, columns: [1, 2], filters: [.comparison(.equal, col(2, .date), .literal(.date(19_723), .date))]))
        let plan = LogicalPlan.aggregate(
            scan, groupBy: [col(1, .date)], aggregates: [BoundAggregate(.sum, [col(0, .double)], type: .double)],
            names: ["event_date", "total"])
        #expect(plan.explain() == """
            Aggregate group=[event_date] aggregates=[sum(amount)]
              Scan silver.events columns=[amount, event_date] filters=[event_date = DATE '2024-01-01']
            """)
        #expect(BoundExpression.literal(.varchar("it's"), .varchar).text([]) == "'it''s'")
    }
}

@Suite struct ChooseJoinSidesTests {
    let small = table("gold.dim", [("id", .bigint), ("name", .varchar)])
    let big = table("silver.facts", [("dim_id", .bigint), ("amount", .double)])

    func rule() -> ChooseJoinSides {
        ChooseJoinSides { $0.table.name == "gold.dim" ? 1_000 : 1_000_000 }
    }

    @Test func buildsOnTheSmallerSide() throws {
        // dim LEFT JOIN facts: the small dim is the left (probe) input, so the sides swap to a RIGHT join.
        let plan = LogicalPlan.join(scanOf(small), scanOf(big), kind: .left, condition: .comparison(.equal, col(0), col(2)))
        let optimized = try #require(try rule().rewrite(plan))
        guard case .project(.join(.scan(let probe), .scan(let build), .right, let condition?), let restore, _) = optimized else {
            Issue.record("unexpected \(optimized)")
            return
        }
        #expect(probe.table.name == "silver.facts")
        #expect(build.table.name == "gold.dim")
        #expect(condition == .comparison(.equal, col(2), col(0)))
        #expect(restore == [col(2), col(3, .varchar), col(0), col(1, .double)])
        #expect(optimized.schema.map(\.name) == plan.schema.map(\.name))
        #expect(try rule().rewrite(optimized) == nil)
    }

    @Test func leavesSemiJoinsAndLargerLeftSides() throws {
        let semi = LogicalPlan.join(scanOf(small), scanOf(big), kind: .semi, condition: .comparison(.equal, col(0), col(2)))
        #expect(try rule().rewrite(semi) == nil)
        let already = LogicalPlan.join(scanOf(big), scanOf(small), kind: .inner, condition: .comparison(.equal, col(0), col(2)))
        #expect(try rule().rewrite(already) == nil)
    }
}
