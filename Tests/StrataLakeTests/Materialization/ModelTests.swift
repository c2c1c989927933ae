// Model files: one CTAS each, checks declared in the comment lines above it, and the tables its query
// reads, found in the syntax.
import Testing
@testable import StrataLake

@Suite struct ModelTests {
    @Test func readsChecksFromTheCommentsAboveTheStatement() throws {
        let model = try Model(file: "daily.sql", text: """
            -- Revenue per day.
            -- @not_null user_id, event_date
            -- @unique user_id, event_date
            -- @accepted_values country: 'DE', 'FR'
            -- @row_count between 1 and 100
            -- @check no_negative:
            --   SELECT * FROM gold.daily
            --   WHERE revenue < 0
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT user_id, country, sum(amount) AS revenue, event_date FROM silver.events GROUP BY 1, 2, 4
            """)
        #expect(model.name == "gold.daily")
        #expect(model.reads == ["silver.events"])
        #expect(model.checks.map(\.name) == [
            "not_null(user_id, event_date)", "unique(user_id, event_date)", "accepted_values(country)", "row_count between 1 and 100", "no_negative",
        ])
        #expect(model.checks[0].kind == .notNull(["user_id", "event_date"]))
        #expect(model.checks[2].kind == .acceptedValues("country", values: "'DE', 'FR'"))
        #expect(model.checks[3].kind == .rowCount(minimum: 1, maximum: 100))
        #expect(model.checks[4].kind == .query("SELECT * FROM gold.daily\nWHERE revenue < 0"))
        #expect(model.checks[3].verdict(0) == "0 rows, fewer than 1")
        #expect(model.checks[3].verdict(50) == nil)
        #expect(model.checks[1].verdict(2) == "2 duplicated values")
    }

    @Test func rejectsWhatIsNotOneCTASOrAKnownDirective() throws {
        #expect(throws: LakeError.self) { try Model(file: "a.sql", text: "SELECT 1") }
        #expect(throws: LakeError.self) { try Model(file: "a.sql", text: "CREATE TABLE a AS SELECT 1 AS x; CREATE TABLE b AS SELECT 1 AS x") }
        #expect(throws: LakeError.self) { try Model(file: "a.sql", text: "CREATE TABLE a AS SELECT 1 AS x WITH NO DATA") }
        #expect(throws: LakeError.self) { try Model(file: "a.sql", text: "-- @not_nul x\nCREATE TABLE a AS SELECT 1 AS x") }
        #expect(throws: LakeError.self) { try Model(file: "a.sql", text: "-- @row_count between 5 and 1\nCREATE TABLE a AS SELECT 1 AS x") }
        #expect(throws: LakeError.self) { try Model(file: "a.sql", text: "-- @check nothing:\nCREATE TABLE a AS SELECT 1 AS x") }
        // An error in the SQL names the file.
        do {
            _ = try Model(file: "models/broken.sql", text: "CREATE TABLE a AS SELEC 1")
            Issue.record("no error")
        } catch let error as LakeError {
            #expect(error.message.hasPrefix("models/broken.sql"))
        }
    }

    @Test func findsTheTablesAQueryReads() throws {
        let model = try Model(file: "m.sql", text: """
            CREATE TABLE gold.m AS
            WITH recent AS (SELECT * FROM silver.events WHERE event_date > DATE '2024-01-01')
            SELECT r.user_id, d.name, (SELECT max(x) FROM gold.limits) AS top
            FROM recent r JOIN silver.users d ON r.user_id = d.id
            WHERE r.country IN (SELECT code FROM dim.countries) AND EXISTS (SELECT 1 FROM recent)
            UNION ALL SELECT user_id, name, 0 FROM (SELECT * FROM bronze.extra) AS e
            """)
        #expect(model.reads == ["silver.events", "silver.users", "gold.limits", "dim.countries", "bronze.extra"])
    }
}
