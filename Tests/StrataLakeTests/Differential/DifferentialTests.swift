import Testing
@testable import StrataLake

/// The same SQL through Strata and DuckDB on the same files: results must agree.
@Suite struct DifferentialTests {
    @Test(arguments: DifferentialQueries.all)
    func matchesDuckDB(_ query: DifferentialQuery) throws {
        let lake = try DifferentialLake.shared.get()
        let expected = try #require(lake.duckdbResults[query.sql]).get()
        let actual: [[String?]]
        do {
            actual = try lake.strataRows(query.sql)
        } catch {
            Issue.record("Strata failed: \(error)\n\(query.sql)")
            return
        }
        if let difference = ResultComparison.difference(strata: actual, duckdb: expected, ordered: query.ordered) {
            Issue.record("\(difference)\n\(query.sql)")
        }
    }
}
