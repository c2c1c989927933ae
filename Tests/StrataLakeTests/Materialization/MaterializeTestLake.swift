// A lake for the materialization tests: `silver.events` over four days, a models folder, and runs of the
// materializer as `strata materialize` makes them.
import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
@testable import StrataLake

struct MaterializeTestLake {
    let lake: WriteTestLake
    var models: String { lake.folder.file("models") }

    init() throws {
        lake = try WriteTestLake("strata-materialize")
        try FileManager.default.createDirectory(atPath: lake.folder.file("models"), withIntermediateDirectories: true)
        try lake.run("""
            CREATE TABLE silver.events WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT * FROM (VALUES (1, 'DE', 10.5, DATE '2024-03-01'), (2, 'FR', 3.0, DATE '2024-03-01'),
                                  (3, 'DE', 7.25, DATE '2024-03-02'), (4, 'US', 1.0, DATE '2024-03-03'),
                                  (5, 'FR', 2.0, DATE '2024-03-04'))
              AS t(user_id, country, amount, event_date)
            """)
    }

    func model(_ file: String, _ text: String) throws {
        try text.write(toFile: models + "/" + file, atomically: true, encoding: .utf8)
    }

    func materialize(_ selectors: [String] = [], fullRefresh: Bool = false, dryRun: Bool = false) throws -> [ModelRun] {
        let materializer = try Materializer(session: try lake.session(), models: try ModelGraph.load(folder: models))
        materializer.fullRefresh = fullRefresh
        return try materializer.run(select: selectors, dryRun: dryRun)
    }

    @discardableResult
    func run(_ sql: String) throws -> [[Value]] { try lake.run(sql) }

    /// The data files of a table's folder, relative to the lake.
    func files(_ table: String) throws -> Set<String> {
        Set(try lake.files(table.replacingOccurrences(of: ".", with: "/") + "/").filter { $0.hasSuffix(".parquet") })
    }
}

extension [ModelRun] {
    subscript(model name: String) -> ModelRun? { first { $0.model == name } }
}
