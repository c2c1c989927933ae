// The order models run in, and what is reported before anything runs: cycles, tables that are neither a
// model nor in the lake, two files building one table. `--select` syntax.
import Testing
@testable import StrataLake

@Suite struct ModelGraphTests {
    static func model(_ name: String, reads: [String]) throws -> Model {
        let from = reads.isEmpty ? "" : " FROM " + reads.joined(separator: " CROSS JOIN ")
        return try Model(file: name + ".sql", text: "CREATE TABLE \(name) AS SELECT 1 AS x\(from)")
    }

    static func graph(_ models: [(String, [String])], lake: Set<String> = ["silver.events", "silver.users"]) throws -> ModelGraph {
        try ModelGraph(models: models.map { try model($0.0, reads: $0.1) }) { lake.contains($0) }
    }

    @Test func runsDependenciesFirst() throws {
        let graph = try Self.graph([
            ("gold.mart", ["gold.daily", "gold.dim_user"]), ("gold.daily", ["silver.events"]), ("gold.dim_user", ["silver.users"]),
            ("gold.report", ["gold.mart"]), ("gold.alone", []),
        ])
        let names = graph.models.map(\.name)
        #expect(names == ["gold.alone", "gold.daily", "gold.dim_user", "gold.mart", "gold.report"])
        for (index, dependencies) in graph.dependencies.enumerated() {
            #expect(dependencies.allSatisfy { $0 < index })
        }
    }

    @Test func reportsCyclesMissingTablesAndDuplicates() throws {
        do {
            _ = try Self.graph([("gold.a", ["gold.b"]), ("gold.b", ["gold.c"]), ("gold.c", ["gold.a"]), ("gold.d", ["silver.events"])])
            Issue.record("no error")
        } catch let error as LakeError {
            #expect(error.message.contains("cycle"))
            #expect(["gold.a", "gold.b", "gold.c"].allSatisfy(error.message.contains))
            #expect(!error.message.contains("gold.d"))
        }
        do {
            _ = try Self.graph([("gold.a", ["silver.events", "silver.nope"]), ("gold.b", ["gold.zzz"])])
            Issue.record("no error")
        } catch let error as LakeError {
            #expect(error.message.contains("gold.a reads silver.nope"))
            #expect(error.message.contains("gold.b reads gold.zzz"))
        }
        #expect(throws: LakeError.self) { try Self.graph([("gold.a", []), ("GOLD.A", [])]) }
        #expect(throws: LakeError.self) { try Self.graph([("gold.a", ["gold.a"])]) }
    }

    @Test func selectsByNameWithAncestorsOrDescendants() throws {
        let graph = try Self.graph([
            ("gold.daily", ["silver.events"]), ("gold.dim", ["silver.users"]), ("gold.mart", ["gold.daily", "gold.dim"]),
            ("gold.report", ["gold.mart"]), ("gold.other", ["gold.daily"]),
        ])
        func names(_ selectors: [String]) throws -> [String] { try graph.select(selectors).map { graph.models[$0].name } }
        #expect(try names([]) == graph.models.map(\.name))
        #expect(try names(["gold.mart"]) == ["gold.mart"])
        #expect(try names(["gold.mart+"]) == ["gold.mart", "gold.report"])
        #expect(try names(["+gold.mart"]) == ["gold.daily", "gold.dim", "gold.mart"])
        #expect(try names(["+gold.mart+"]) == ["gold.daily", "gold.dim", "gold.mart", "gold.report"])
        #expect(try names(["gold.daily+"]) == ["gold.daily", "gold.mart", "gold.other", "gold.report"])
        #expect(try names(["gold.dim", "gold.other"]) == ["gold.dim", "gold.other"])
        #expect(try names(["GOLD.DIM,gold.other"]) == ["gold.dim", "gold.other"])
        #expect(throws: LakeError.self) { try graph.select(["gold.nope+"]) }
    }
}
