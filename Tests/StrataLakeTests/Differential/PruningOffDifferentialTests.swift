import Testing
@testable import StrataLake

/// The differential queries again with every pruning layer off: a full scan of every file must give the
/// same answers as the pruned reads (and as DuckDB).
@Suite struct PruningOffDifferentialTests {
    @Test(arguments: DifferentialQueries.all)
    func matchesDuckDBWithoutPruning(_ query: DifferentialQuery) throws {
        let lake = try DifferentialLake.shared.get()
        let expected = try #require(lake.duckdbResults[query.sql]).get()
        let session = try LakeSession(location: .local(path: lake.path))
        session.settings.pruning = .none
        let actual: [[String?]]
        do {
            actual = try DifferentialLake.rows(query.sql, session: session)
        } catch {
            Issue.record("Strata failed: \(error)\n\(query.sql)")
            return
        }
        if let difference = ResultComparison.difference(strata: actual, duckdb: expected, ordered: query.ordered) {
            Issue.record("\(difference)\n\(query.sql)")
        }
    }
}
