import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

/// CTAS, INSERT INTO / OVERWRITE, DROP TABLE and the rules that keep writes inside the lake.
@Suite struct TableStatementTests {
    func makeLake() throws -> WriteTestLake {
        let lake = try WriteTestLake()
        try lake.run("""
            CREATE TABLE silver.events WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT * FROM (VALUES (1, 'DE', 10.5, DATE '2024-03-01'), (2, 'FR', 3.0, DATE '2024-03-01'),
                                  (3, 'DE', 7.25, DATE '2024-03-02'), (4, NULL, 1.0, DATE '2024-03-03'))
              AS t(user_id, country, amount, event_date)
            """)
        return lake
    }

    @Test func insertOverwriteReplacesOnlyThePartitionsInTheResult() throws {
        let lake = try makeLake()
        try lake.run("INSERT OVERWRITE silver.events SELECT 9, 'US', 1.0, DATE '2024-03-02'")
        #expect(try lake.run("SELECT event_date, count(*), sum(user_id) FROM silver.events GROUP BY 1 ORDER BY 1") == [
            [.date(19_783), .integer(2), .integer(3)], [.date(19_784), .integer(1), .integer(9)], [.date(19_785), .integer(1), .integer(4)],
        ])
        try lake.run("INSERT INTO silver.events (event_date, user_id) VALUES (DATE '2024-03-03', 5), (DATE '2024-03-04', 6)")
        #expect(try lake.run("SELECT user_id, country, amount FROM silver.events WHERE event_date >= DATE '2024-03-03' ORDER BY 1") == [
            [.integer(4), .null, .decimal(100)], [.integer(5), .null, .null], [.integer(6), .null, .null],
        ])
        // A fully given partition is emptied even when the query has no rows for it.
        try lake.run("INSERT OVERWRITE silver.events PARTITION (event_date = '2024-03-04') SELECT 1, 'x', 1.0 WHERE false")
        #expect(try lake.run("SELECT count(*) FROM silver.events WHERE event_date = DATE '2024-03-04'") == [[.integer(0)]])
        #expect(try lake.files("silver/events/event_date=2024-03-04").isEmpty)
        try lake.run("INSERT INTO silver.events PARTITION (event_date = DATE '2024-03-05') SELECT 7, 'PL', 2")
        #expect(try lake.run("SELECT country, amount FROM silver.events WHERE event_date = DATE '2024-03-05'") == [[.varchar("PL"), .decimal(200)]])
        #expect(try lake.files("_strata/staging").isEmpty && lake.files("_strata/transactions").isEmpty)
    }

    @Test func ctasChecksWhatAthenaChecks() throws {
        let lake = try makeLake()
        #expect(throws: (any Error).self) { try lake.run("CREATE TABLE silver.events AS SELECT 1 AS a") }
        #expect(try lake.run("CREATE TABLE IF NOT EXISTS silver.events AS SELECT 1 AS a") == [[.varchar("table silver.events already exists")]])
        // Partition columns last, in partitioned_by order.
        #expect(throws: (any Error).self) {
            try lake.run("CREATE TABLE gold.bad WITH (partitioned_by = ARRAY['event_date']) AS SELECT event_date, user_id FROM silver.events")
        }
        #expect(throws: (any Error).self) { try lake.run("CREATE TABLE gold.bad WITH (bucketed_by = ARRAY['user_id'], bucket_count = 4) AS SELECT 1 AS a") }
        #expect(throws: (any Error).self) { try lake.run("CREATE TABLE gold.bad WITH (formatt = 'PARQUET') AS SELECT 1 AS a") }
        #expect(throws: (any Error).self) { try lake.run("CREATE TABLE gold.bad AS SELECT NULL AS a") }
        #expect(throws: (any Error).self) { try lake.run("CREATE TABLE gold.bad AS SELECT 1 AS a, 2 AS a") }
        try lake.run("CREATE TABLE gold.empty AS SELECT * FROM silver.events WITH NO DATA")
        #expect(try lake.run("SELECT count(*) FROM gold.empty") == [[.integer(0)]])
        try lake.run("CREATE TABLE gold.none AS SELECT * FROM silver.events WHERE false")
        #expect(try lake.run("SELECT count(*) FROM gold.none") == [[.integer(0)]])
        try lake.run("CREATE TABLE gold.moved WITH (external_location = 'elsewhere/moved/', format = 'TEXTFILE') AS SELECT user_id, country FROM silver.events")
        #expect(try lake.files("elsewhere/").count == 1)
        #expect(try lake.run("SELECT sum(user_id) FROM gold.moved") == [[.integer(10)]])
        try lake.run("INSERT INTO gold.moved VALUES (10, 'a,b')")
        #expect(try lake.run("SELECT country FROM gold.moved WHERE user_id = 10") == [[.varchar("a,b")]])
    }

    @Test func namesAndValuesStayInsideTheLake() throws {
        let lake = try makeLake()
        for name in ["\"..\".x", "gold.\"a/b\"", "gold.\"_hidden\"", "gold.\".x\""] {
            #expect(throws: (any Error).self, "\(name)") { try lake.run("CREATE TABLE \(name) AS SELECT 1 AS a") }
        }
        for location in ["../outside/", "/tmp/elsewhere/", "a/../../b/", "_strata/x/"] {
            #expect(throws: (any Error).self, "\(location)") {
                try lake.run("CREATE TABLE gold.x WITH (external_location = '\(location)') AS SELECT 1 AS a")
            }
        }
        try lake.run("CREATE TABLE gold.p WITH (partitioned_by = ARRAY['k']) AS SELECT 1 AS a, '../../../etc' AS k UNION ALL SELECT 2, '/' UNION ALL SELECT 3, '..'")
        #expect(try lake.files("gold/").count == 3)
        #expect(try lake.files().allSatisfy { $0.hasPrefix("gold/p/k=") || $0.hasPrefix("silver/") || $0.hasPrefix("_strata/catalog/") })
        #expect(try lake.run("SELECT k FROM gold.p ORDER BY a") == [[.varchar("../../../etc")], [.varchar("/")], [.varchar("..")]])
    }

    @Test func dropTableDeletesOnlyDataStrataCreated() throws {
        let lake = try makeLake()
        try lake.store.write("raw/orders/part.parquet", bytes: try lake.store.read(try lake.files("silver/events/event_date=2024-03-01")[0], range: nil))
        try lake.run("CREATE EXTERNAL TABLE bronze.orders (user_id int, country string, amount decimal(4,2)) STORED AS PARQUET LOCATION 'raw/orders/'")
        #expect(try lake.run("SELECT count(*) FROM bronze.orders") == [[.integer(2)]])
        try lake.run("DROP TABLE bronze.orders")
        #expect(try lake.files("raw/").count == 1)
        #expect(throws: (any Error).self) { try lake.run("DROP TABLE raw.orders") }
        try lake.run("DROP TABLE silver.events")
        #expect(try lake.files("silver/").isEmpty)
        #expect(throws: (any Error).self) { try lake.run("DROP TABLE silver.events") }
        #expect(try lake.run("DROP TABLE IF EXISTS silver.events") == [[.varchar("table silver.events does not exist")]])
    }
}
