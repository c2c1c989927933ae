import StrataExecution
import Testing
@testable import StrataLake

/// The differential queries again under a memory budget far smaller than their data: sorts and
/// aggregations spill and must give DuckDB's answers; the operators that cannot spill (join builds,
/// windows, set operations) may only stop with the out-of-memory message, never with a wrong answer.
@Suite struct MemoryLimitDifferentialTests {
    static let limit = 64_000

    @Test(arguments: DifferentialQueries.all)
    func matchesDuckDBUnderATightMemoryLimit(_ query: DifferentialQuery) throws {
        let lake = try DifferentialLake.shared.get()
        let expected = try #require(lake.duckdbResults[query.sql]).get()
        let session = try LakeSession(location: .local(path: lake.path))
        session.settings.memoryLimit = Self.limit
        let actual: [[String?]]
        do {
            actual = try DifferentialLake.rows(query.sql, session: session)
        } catch let error as ExecutionError where error.code == .resourceExhausted {
            let cannotSpill = [
                "the hash join's build side", "the window function", "the nested-loop join", "the set operation", "ORDER BY ... LIMIT",
                "the aggregation",  // DISTINCT without GROUP BY
            ]
            #expect(
                cannotSpill.contains { error.message.hasPrefix("out of memory: \($0) needs ") },
                "only operators that cannot spill may run out of memory: \(error)\n\(query.sql)")
            return
        } catch {
            Issue.record("Strata failed: \(error)\n\(query.sql)")
            return
        }
        if let difference = ResultComparison.difference(strata: actual, duckdb: expected, ordered: query.ordered) {
            Issue.record("\(difference)\n\(query.sql)")
        }
    }
}
