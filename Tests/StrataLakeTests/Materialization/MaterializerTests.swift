// `strata materialize` end to end on a local lake: order, up-to-date models skipped, partitions rebuilt
// only where inputs changed (and downstream), full refresh, checks keeping the previous version, dry
// runs that write nothing, and the metrics tables.
import StrataCore
import Testing
@testable import StrataLake

@Suite struct MaterializerTests {
    static let daily = """
        -- @not_null country
        -- @row_count >= 1
        CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['event_date']) AS
        SELECT country, sum(amount) AS revenue, count(*) AS orders, event_date
        FROM silver.events GROUP BY country, event_date
        """
    static let ranked = """
        CREATE TABLE gold.daily_ranked WITH (partitioned_by = ARRAY['event_date']) AS
        SELECT country, rank() OVER (PARTITION BY event_date ORDER BY revenue DESC) AS position, event_date FROM gold.daily
        """
    static let totals = """
        -- @unique country
        CREATE TABLE gold.totals AS SELECT country, sum(revenue) AS revenue FROM gold.daily GROUP BY country
        """

    func makeLake() throws -> MaterializeTestLake {
        let lake = try MaterializeTestLake()
        try lake.model("daily.sql", Self.daily)
        try lake.model("ranked.sql", Self.ranked)
        try lake.model("totals.sql", Self.totals)
        return lake
    }

    @Test func buildsInDependencyOrderThenSkipsWhatIsUpToDate() throws {
        let lake = try makeLake()
        let first = try lake.materialize()
        #expect(first.map(\.model) == ["gold.daily", "gold.daily_ranked", "gold.totals"])
        #expect(first.allSatisfy { $0.status == .built && $0.rebuild == .full(reason: "first build") })
        #expect(first[model: "gold.daily"]?.checksPassed == ["not_null(country)", "row_count >= 1"])
        #expect(try lake.run("SELECT country, revenue FROM gold.totals ORDER BY 1") == [
            [.varchar("DE"), .decimal(1775)], [.varchar("FR"), .decimal(500)], [.varchar("US"), .decimal(100)],
        ])
        #expect(try lake.run("SELECT count(*) FROM gold.daily_ranked WHERE position = 1") == [[.integer(4)]])
        let files = try lake.files("gold.daily")
        let second = try lake.materialize()
        #expect(second.allSatisfy { $0.status == .upToDate && $0.rebuild == .upToDate })
        #expect(try lake.files("gold.daily") == files)
    }

    @Test func rebuildsOnlyThePartitionsWhoseInputsChangedAndWhatDependsOnThem() throws {
        let lake = try makeLake()
        _ = try lake.materialize()
        let before = try lake.files("gold.daily")
        let rankedBefore = try lake.files("gold.daily_ranked")
        try lake.run("INSERT INTO silver.events VALUES (6, 'US', 4.0, DATE '2024-03-02')")
        let runs = try lake.materialize()
        #expect(runs[model: "gold.daily"]?.rebuild == .partitions(key: "event_date", values: ["2024-03-02"], reason: "silver.events changed there"))
        #expect(runs[model: "gold.daily"]?.partitionsRebuilt == 1)
        // The window is partitioned by the key, so the ranking follows partition by partition.
        if case .partitions(_, let values, _)? = runs[model: "gold.daily_ranked"]?.rebuild {
            #expect(values == ["2024-03-02"])
        } else {
            Issue.record("gold.daily_ranked: \(String(describing: runs[model: "gold.daily_ranked"]?.rebuild))")
        }
        if case .full? = runs[model: "gold.totals"]?.rebuild {} else { Issue.record("gold.totals is not partitioned, so it is rebuilt whole") }
        let after = try lake.files("gold.daily")
        #expect(after.filter { !$0.contains("2024-03-02") } == before.filter { !$0.contains("2024-03-02") })
        #expect(after.filter { $0.contains("2024-03-02") } != before.filter { $0.contains("2024-03-02") })
        #expect(try lake.files("gold.daily_ranked").filter { !$0.contains("2024-03-02") } == rankedBefore.filter { !$0.contains("2024-03-02") })
        // What was rebuilt is what a full build gives.
        let expected = try lake.run(
            "SELECT country, sum(amount), count(*), event_date FROM silver.events GROUP BY country, event_date ORDER BY 4, 1")
        #expect(try lake.run("SELECT * FROM gold.daily ORDER BY 4, 1") == expected)
        #expect(try lake.run("SELECT revenue FROM gold.totals WHERE country = 'US'") == [[.decimal(500)]])

        // A source partition emptied empties the model's partition too.
        try lake.run("INSERT OVERWRITE silver.events PARTITION (event_date = '2024-03-03') SELECT 0, 'x', 1.0 WHERE false")
        let emptied = try lake.materialize(["gold.daily"])
        #expect(emptied.count == 1)
        #expect(emptied[0].rebuild == .partitions(key: "event_date", values: ["2024-03-03"], reason: "silver.events changed there"))
        #expect(try lake.files("gold.daily").allSatisfy { !$0.contains("2024-03-03") })
        #expect(try lake.run("SELECT count(*) FROM gold.daily WHERE event_date = DATE '2024-03-03'") == [[.integer(0)]])
        // The models left out catch up on the next run.
        let catchUp = try lake.materialize()
        #expect(catchUp[model: "gold.daily"]?.status == .upToDate)
        #expect(catchUp[model: "gold.daily_ranked"]?.status == .built)
        #expect(try lake.run("SELECT count(*) FROM gold.daily_ranked WHERE event_date = DATE '2024-03-03'") == [[.integer(0)]])
    }

    @Test func rebuildsWholeWhatHasNoPartitionLineage() throws {
        let lake = try MaterializeTestLake()
        // The ranking spans every day, so a change to one day moves rows of the others.
        try lake.model("overall.sql", """
            CREATE TABLE gold.overall WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT user_id, rank() OVER (ORDER BY amount DESC) AS position, event_date FROM silver.events
            """)
        _ = try lake.materialize()
        try lake.run("INSERT INTO silver.events VALUES (6, 'US', 99.0, DATE '2024-03-02')")
        let runs = try lake.materialize()
        guard case .full(let reason) = runs[0].rebuild else {
            Issue.record("\(runs[0].rebuild)")
            return
        }
        #expect(reason.contains("no partition column comes from a source's partition key"))
        #expect(try lake.run("SELECT user_id FROM gold.overall WHERE position = 2") == [[.integer(1)]])
        // A changed statement rebuilds whole too.
        try lake.model("overall.sql", """
            CREATE TABLE gold.overall WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT user_id, rank() OVER (ORDER BY amount) AS position, event_date FROM silver.events
            """)
        #expect(try lake.materialize()[0].rebuild == .full(reason: "its statement changed"))
    }

    @Test func fullRefreshRebuildsEverySelectedModel() throws {
        let lake = try makeLake()
        _ = try lake.materialize()
        let before = try lake.files("gold.daily")
        let runs = try lake.materialize(["gold.daily+"], fullRefresh: true)
        #expect(runs.map(\.model) == ["gold.daily", "gold.daily_ranked", "gold.totals"])
        #expect(runs.allSatisfy { $0.status == .built && $0.rebuild == .full(reason: "--full-refresh") })
        #expect(try lake.files("gold.daily").isDisjoint(with: before))
        #expect(try lake.files("gold.daily").count == before.count)
    }

    @Test func aFailingCheckKeepsThePreviousVersionAndSkipsWhatReadsIt() throws {
        let lake = try makeLake()
        try lake.model("other.sql", "CREATE TABLE gold.other AS SELECT count(*) AS n FROM silver.events")
        _ = try lake.materialize()
        let before = try lake.files("gold.daily")
        let rows = try lake.run("SELECT * FROM gold.daily ORDER BY 4, 1")
        try lake.run("INSERT INTO silver.events VALUES (6, NULL, 4.0, DATE '2024-03-02')")
        let runs = try lake.materialize()
        let daily = try #require(runs[model: "gold.daily"])
        #expect(daily.status == .failed)
        #expect(daily.checksFailed.map(\.name) == ["not_null(country)"])
        #expect(daily.checksPassed == ["row_count >= 1"])
        #expect(daily.error?.contains("check not_null(country) failed: 1 failing row") == true)
        #expect(runs[model: "gold.daily_ranked"]?.status == .skipped)
        #expect(runs[model: "gold.totals"]?.status == .skipped)
        // Models that do not read it still run.
        #expect(runs[model: "gold.other"]?.status == .built)
        #expect(try lake.files("gold.daily") == before)
        #expect(try lake.run("SELECT * FROM gold.daily ORDER BY 4, 1") == rows)
        #expect(try lake.lake.files("_strata/staging").isEmpty && lake.lake.files("_strata/transactions").isEmpty)
        // Nothing was recorded as built: once the data is fixed, the same partition is rebuilt.
        try lake.run("INSERT OVERWRITE silver.events PARTITION (event_date = '2024-03-02') SELECT 3, 'DE', 7.25")
        let fixed = try lake.materialize()
        #expect(fixed[model: "gold.daily"]?.status == .built)
        #expect(fixed[model: "gold.daily"]?.rebuild == .partitions(key: "event_date", values: ["2024-03-02"], reason: "silver.events changed there"))
    }

    @Test func changedChecksRunOnAnUpToDateModel() throws {
        let lake = try MaterializeTestLake()
        try lake.model("daily.sql", Self.daily)
        _ = try lake.materialize()
        let files = try lake.files("gold.daily")
        try lake.model("daily.sql", "-- @accepted_values country: 'DE', 'FR'\n" + Self.daily)
        let failing = try lake.materialize()
        #expect(failing[0].rebuild == .upToDate && failing[0].status == .failed)
        #expect(failing[0].checksFailed.map(\.name) == ["accepted_values(country)"])
        #expect(failing[0].error?.contains("on the current version") == true)
        try lake.model("daily.sql", "-- @accepted_values country: 'DE', 'FR', 'US'\n" + Self.daily)
        let passing = try lake.materialize()
        #expect(passing[0].status == .upToDate && passing[0].checksPassed.count == 3)
        // Passed once, they do not run again until the data or the checks change.
        #expect(try lake.materialize()[0].checksPassed.isEmpty)
        #expect(try lake.files("gold.daily") == files)
    }

    @Test func aCustomCheckQuerySeesTheNewVersion() throws {
        let lake = try MaterializeTestLake()
        try lake.model("big.sql", """
            -- @check small_amounts: SELECT * FROM gold.big WHERE amount > 10
            -- @row_count <= 3
            CREATE TABLE gold.big AS SELECT user_id, amount FROM silver.events
            """)
        let runs = try lake.materialize()
        #expect(runs[0].status == .failed)
        #expect(runs[0].checksFailed.map(\.name) == ["small_amounts", "row_count <= 3"])
        #expect(runs[0].checksFailed.map(\.finding) == ["1 failing row", "5 rows, more than 3"])
        #expect(try lake.files("gold.big").isEmpty)
    }

    @Test func aDryRunPlansWithoutWriting() throws {
        let lake = try makeLake()
        let plan = try lake.materialize(dryRun: true)
        #expect(plan.map(\.model) == ["gold.daily", "gold.daily_ranked", "gold.totals"])
        #expect(plan.allSatisfy { $0.status == .planned })
        #expect(plan[0].rebuild == .full(reason: "first build"))
        #expect((plan[0].bytesToRead ?? 0) > 0)
        #expect(plan[1].rebuild == .full(reason: "first build after gold.daily"))
        #expect(try lake.lake.files("gold").isEmpty && lake.lake.files("metrics").isEmpty && lake.lake.files("_strata/materialize").isEmpty)

        _ = try lake.materialize()
        try lake.run("INSERT INTO silver.events VALUES (6, 'US', 4.0, DATE '2024-03-02')")
        let files = try lake.lake.files()
        let incremental = try lake.materialize(dryRun: true)
        #expect(try lake.lake.files() == files)
        #expect(incremental[0].rebuild == .partitions(key: "event_date", values: ["2024-03-02"], reason: "silver.events changed there"))
        // Downstream plans follow what upstream will rebuild.
        if case .partitions(_, let values, _) = incremental[1].rebuild { #expect(values == ["2024-03-02"]) } else { Issue.record("\(incremental[1].rebuild)") }
        // Only the changed day is read.
        let full = try lake.materialize(["gold.daily"], fullRefresh: true, dryRun: true)
        #expect(try #require(incremental[0].bytesToRead) < #require(full[0].bytesToRead) / 2)
    }

    @Test func eachRunAppendsMetrics() throws {
        let lake = try makeLake()
        _ = try lake.materialize()
        _ = try lake.materialize()
        #expect(try lake.run("SELECT status, count(*) FROM metrics.materialize GROUP BY status ORDER BY 1") == [
            [.varchar("built"), .integer(3)], [.varchar("up to date"), .integer(3)],
        ])
        #expect(try lake.run("SELECT count(DISTINCT run_id) FROM metrics.materialize") == [[.integer(2)]])
        #expect(try lake.run("SELECT rows, files, partitions_rebuilt, checks_passed, checks_failed FROM metrics.materialize WHERE model = 'gold.daily' AND status = 'built'") == [
            [.integer(5), .integer(4), .integer(4), .integer(2), .integer(0)],
        ])
        #expect(try lake.run("SELECT column_name, rows, nulls, null_rate FROM metrics.materialize_columns WHERE model = 'gold.daily' ORDER BY 1") == [
            [.varchar("country"), .integer(5), .integer(0), .double(0)], [.varchar("event_date"), .integer(5), .integer(0), .double(0)],
            [.varchar("orders"), .integer(5), .integer(0), .double(0)], [.varchar("revenue"), .integer(5), .integer(0), .double(0)],
        ])
    }

    @Test func refusesToReplaceATableItDidNotBuild() throws {
        let lake = try MaterializeTestLake()
        try lake.run("COPY (SELECT 1 AS x) TO 'gold/foreign/data.parquet'")
        try lake.model("foreign.sql", "CREATE TABLE gold.foreign AS SELECT 2 AS x")
        let runs = try lake.materialize()
        #expect(runs[0].status == .failed)
        #expect(runs[0].error?.contains("strata materialize did not build") == true)
        #expect(try lake.run("SELECT x FROM gold.foreign") == [[.integer(1)]])
    }

    @Test func reportsCyclesAndMissingTablesBeforeRunningAnything() throws {
        let lake = try makeLake()
        try lake.model("loop.sql", "CREATE TABLE gold.loop AS SELECT * FROM gold.loop2")
        try lake.model("loop2.sql", "CREATE TABLE gold.loop2 AS SELECT * FROM gold.loop")
        #expect(throws: LakeError.self) { try lake.materialize() }
        try lake.model("loop2.sql", "CREATE TABLE gold.loop2 AS SELECT * FROM silver.missing")
        #expect(throws: LakeError.self) { try lake.materialize() }
        #expect(try lake.lake.files("gold").isEmpty && lake.lake.files("metrics").isEmpty)
    }
}
