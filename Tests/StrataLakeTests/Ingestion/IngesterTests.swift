// `strata ingest` on small bronze sources written by hand: every rule a row can fail (type, key, @rule,
// a record that does not parse), a file that cannot be read, deduplication by delivery and by @latest,
// history, re-runs that change nothing, checks that keep the previous version.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

struct IngestTestLake {
    let lake: WriteTestLake
    var models: String { lake.folder.file("silver-models") }

    init() throws {
        lake = try WriteTestLake("strata-ingest")
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        try bronze("orders/date=2024-03-01/orders.csv", """
            order_id,amount,placed_at,status
            o1,10.50,2024-03-01 10:00:00,new
            o2,n/a,2024-03-01 11:00:00,new
            ,3.00,2024-03-01 12:00:00,new
            o3,-1.00,2024-03-01 13:00:00,new
            o1,10.50,2024-03-01 10:00:00,new

            """)
        try bronze("orders/date=2024-03-02/orders.csv", """
            order_id,amount,placed_at,status
            o4,5.00,2024-03-02 09:00:00,new
            o1,12.00,2024-03-01 10:00:00,paid

            """)
        try bronze("users/u1.ndjson", """
            {"id":1,"name":"Ann","updated":"2024-01-01 00:00:00"}
            {"id":2,"name":"Bob","updated":"2024-01-01 00:00:00"}
            {"id":1,"name":"An

            """)
        try bronze("users/u2.ndjson", """
            {"id":1,"name":"Anne","updated":"2024-02-01 00:00:00"}
            {"id":2,"name":"Bobby","updated":"2023-12-01 00:00:00"}
            {"id":"x3","name":"Cy","updated":"2024-02-01 00:00:00"}

            """)
        // A gzip stream cut short: the file cannot be read at all.
        let whole = try Subprocess.run("/bin/sh", ["-c", "printf '{\"id\":9,\"name\":\"Zed\",\"updated\":\"2024-03-01 00:00:00\"}\\n%.0s' $(seq 1 200) | gzip -c | base64 -w0"])
        let gzip = Data(base64Encoded: whole.trimmingCharacters(in: .whitespacesAndNewlines))!
        try FileManager.default.createDirectory(atPath: lake.folder.file("bronze/users"), withIntermediateDirectories: true)
        try gzip.prefix(gzip.count / 2).write(to: URL(fileURLWithPath: lake.folder.file("bronze/users/u3.ndjson.gz")))

        try model("orders.sql", """
            -- @key order_id
            -- @rule amount_not_negative: amount >= 0
            -- @not_null placed_at
            CREATE TABLE silver.orders WITH (partitioned_by = ARRAY['order_date']) AS
            SELECT CAST(order_id AS VARCHAR) AS order_id, CAST(amount AS DECIMAL(10, 2)) AS amount,
                   CAST(placed_at AS TIMESTAMP) AS placed_at, status,
                   CAST(CAST(placed_at AS TIMESTAMP) AS DATE) AS order_date
            FROM read_csv('bronze/orders/date=*/*.csv')
            """)
        try model("users.sql", """
            -- @key id, updated
            -- @history id by updated
            CREATE TABLE silver.users AS
            SELECT CAST(id AS BIGINT) AS id, CAST(name AS VARCHAR) AS name, CAST(updated AS TIMESTAMP) AS updated
            FROM read_json('bronze/users/*')
            """)
    }

    func bronze(_ path: String, _ text: String) throws {
        let file = lake.folder.file("bronze/" + path)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }

    func model(_ file: String, _ text: String) throws {
        try text.write(toFile: models + "/" + file, atomically: true, encoding: .utf8)
    }

    func ingest(_ names: [String] = [], fullRefresh: Bool = false, dryRun: Bool = false) throws -> [IngestionRun] {
        let ingester = try Ingester(session: try lake.session(), models: try IngestionModel.load(folder: models))
        ingester.fullRefresh = fullRefresh
        return try ingester.run(select: names, dryRun: dryRun)
    }

    @discardableResult
    func run(_ sql: String) throws -> [[Value]] { try lake.run(sql) }
}

extension [IngestionRun] {
    subscript(model name: String) -> IngestionRun? { first { $0.model == name } }
}

@Suite struct IngesterTests {
    @Test func rowsFailingTypesKeysAndRulesGoToQuarantineWithTheirPlace() throws {
        let lake = try IngestTestLake()
        let runs = try lake.ingest(["silver.orders"])
        let run = try #require(runs[model: "silver.orders"])
        #expect(run.status == .built, "\(run.error ?? "")")
        #expect(run.rowsIn == 7)
        #expect(run.rowsQuarantined == 3)
        // o1 three times (twice in the first file), o4 once.
        #expect(run.rowsDeduplicated == 2)
        #expect(run.rows == 2)
        #expect(run.quarantinedByRule.map(\.rule) == ["amount_not_negative", "key(order_id)", "type(amount)"])
        let quarantine = try lake.run("""
            SELECT quarantine_rule, quarantine_reason, source_file, source_line, order_id, amount
            FROM quarantine.orders ORDER BY source_line
            """)
        #expect(quarantine == [
            [.varchar("type(amount)"), .varchar("'n/a' is not a DECIMAL(10,2)"), .varchar("bronze/orders/date=2024-03-01/orders.csv"),
             .integer(3), .varchar("o2"), .varchar("n/a")],
            [.varchar("key(order_id)"), .varchar("order_id is missing"), .varchar("bronze/orders/date=2024-03-01/orders.csv"),
             .integer(4), .null, .varchar("3.00")],
            [.varchar("amount_not_negative"), .varchar("amount >= 0 is false"), .varchar("bronze/orders/date=2024-03-01/orders.csv"),
             .integer(5), .varchar("o3"), .varchar("-1.00")],
        ])
    }

    @Test func theLastDeliveredVersionOfAKeyIsKeptInItsOwnPartition() throws {
        let lake = try IngestTestLake()
        _ = try lake.ingest(["silver.orders"])
        // o1 came again in the next day's file, paid, with its original time: that version wins and stays in its day.
        let rows = try lake.run("SELECT order_id, CAST(amount AS VARCHAR), status, order_date FROM silver.orders ORDER BY order_id")
        #expect(rows == [
            [.varchar("o1"), .varchar("12.00"), .varchar("paid"), .date(19783)],
            [.varchar("o4"), .varchar("5.00"), .varchar("new"), .date(19784)],
        ])
        #expect(try lake.lake.files("silver/orders/").contains { $0.hasPrefix("silver/orders/order_date=2024-03-01/") })
    }

    @Test func latestPicksTheGreatestVersionWhateverTheDeliveryOrder() throws {
        let lake = try IngestTestLake()
        try lake.model("orders.sql", """
            -- @key order_id
            -- @latest amount
            CREATE TABLE silver.orders AS
            SELECT CAST(order_id AS VARCHAR) AS order_id, TRY_CAST(amount AS DOUBLE) AS amount, status
            FROM read_csv('bronze/orders/date=*/*.csv') WHERE order_id IS NOT NULL
            """)
        _ = try lake.ingest(["silver.orders"])
        let run = try #require(try lake.ingest(["silver.orders"], fullRefresh: true)[model: "silver.orders"])
        // TRY_CAST accepts NULL: no quarantine; the row without an id is filtered by WHERE.
        #expect(run.rowsQuarantined == 0)
        #expect(run.rowsFiltered == 1)
        #expect(run.rowsDeduplicated == 2)
        let rows = try lake.run("SELECT order_id, amount FROM silver.orders ORDER BY order_id")
        #expect(rows == [
            [.varchar("o1"), .double(12)], [.varchar("o2"), .null], [.varchar("o3"), .double(-1)], [.varchar("o4"), .double(5)],
        ])
    }

    @Test func historyKeepsEveryVersionAndALateOneNeverBecomesCurrent() throws {
        let lake = try IngestTestLake()
        let run = try #require(try lake.ingest(["silver.users"])[model: "silver.users"])
        #expect(run.status == .built, "\(run.error ?? "")")
        let rows = try lake.run("SELECT id, name, CAST(valid_from AS VARCHAR), CAST(valid_to AS VARCHAR), is_current FROM silver.users ORDER BY id, valid_from")
        #expect(rows == [
            [.integer(1), .varchar("Ann"), .varchar("2024-01-01 00:00:00"), .varchar("2024-02-01 00:00:00"), .boolean(false)],
            [.integer(1), .varchar("Anne"), .varchar("2024-02-01 00:00:00"), .null, .boolean(true)],
            [.integer(2), .varchar("Bobby"), .varchar("2023-12-01 00:00:00"), .varchar("2024-01-01 00:00:00"), .boolean(false)],
            [.integer(2), .varchar("Bob"), .varchar("2024-01-01 00:00:00"), .null, .boolean(true)],
        ])
        let quarantine = try lake.run("SELECT quarantine_rule, source_file, source_line, source_record IS NOT NULL FROM quarantine.users ORDER BY source_file")
        #expect(quarantine == [
            [.varchar("parse"), .varchar("bronze/users/u1.ndjson"), .integer(3), .boolean(true)],
            [.varchar("type(id)"), .varchar("bronze/users/u2.ndjson"), .integer(3), .boolean(false)],
        ])
    }

    @Test func aFileThatCannotBeReadMovesToQuarantineAndTheRunGoesOn() throws {
        let lake = try IngestTestLake()
        let run = try #require(try lake.ingest(["silver.users"])[model: "silver.users"])
        #expect(run.rejectedFiles.map(\.key) == ["bronze/users/u3.ndjson.gz"])
        #expect(run.rejectedFiles.first?.reason.contains("truncated") == true)
        let files = try lake.lake.files()
        #expect(!files.contains("bronze/users/u3.ndjson.gz"))
        #expect(files.contains("quarantine/rejected_files/_objects/bronze/users/u3.ndjson.gz"))
        let recorded = try lake.run("SELECT model, source_file, quarantined_as FROM quarantine.rejected_files")
        #expect(recorded == [[
            .varchar("silver.users"), .varchar("bronze/users/u3.ndjson.gz"), .varchar("quarantine/rejected_files/_objects/bronze/users/u3.ndjson.gz"),
        ]])
    }

    @Test func reRunningOnTheSameBronzeChangesNothing() throws {
        let lake = try IngestTestLake()
        _ = try lake.ingest()
        let before = try lake.lake.files().filter { !$0.hasPrefix("metrics/") }
        let again = try lake.ingest()
        #expect(again.allSatisfy { $0.status == .upToDate })
        #expect(try lake.lake.files().filter { !$0.hasPrefix("metrics/") } == before)

        // A new bronze file rebuilds that model only.
        try lake.bronze("orders/date=2024-03-03/orders.csv", "order_id,amount,placed_at,status\no9,1.00,2024-03-03 08:00:00,new\n")
        let third = try lake.ingest()
        #expect(third[model: "silver.orders"]?.status == .built)
        #expect(third[model: "silver.orders"]?.reason == "bronze files changed")
        #expect(third[model: "silver.users"]?.status == .upToDate)
        #expect(try lake.run("SELECT count(*) FROM silver.orders") == [[.integer(3)]])
    }

    @Test func aFailingCheckKeepsThePreviousVersion() throws {
        let lake = try IngestTestLake()
        _ = try lake.ingest(["silver.orders"])
        try lake.bronze("orders/date=2024-03-03/orders.csv", "order_id,amount,placed_at,status\no9,1.00,,new\n")
        let run = try #require(try lake.ingest(["silver.orders"])[model: "silver.orders"])
        #expect(run.status == .failed)
        #expect(run.error?.contains("not_null(placed_at)") == true)
        #expect(try lake.run("SELECT count(*) FROM silver.orders") == [[.integer(2)]])
    }

    @Test func twoModelsCannotShareAQuarantineTable() throws {
        let lake = try IngestTestLake()
        try lake.model("other.sql", "CREATE TABLE staging.orders AS SELECT order_id FROM read_csv('bronze/orders/date=*/*.csv')")
        #expect {
            _ = try lake.ingest()
        } throws: { error in
            (error as? LakeError)?.message.hasSuffix("both build quarantine.orders") == true
        }
    }

    @Test func aDryRunReadsAndWritesNothing() throws {
        let lake = try IngestTestLake()
        let runs = try lake.ingest(dryRun: true)
        #expect(runs.allSatisfy { $0.status == .planned && $0.reason == "first build" })
        #expect(try lake.lake.files().allSatisfy { $0.hasPrefix("bronze/") || $0.hasPrefix("silver-models/") })
    }

    @Test func everyRunIsRecordedInMetrics() throws {
        let lake = try IngestTestLake()
        _ = try lake.ingest()
        _ = try lake.ingest()
        let rows = try lake.run("""
            SELECT model, status, rows_in, rows_quarantined, rows_deduplicated, rows_out, files_rejected
            FROM metrics.ingest ORDER BY run_started, model
            """)
        #expect(rows == [
            [.varchar("silver.orders"), .varchar("built"), .integer(7), .integer(3), .integer(2), .integer(2), .integer(0)],
            [.varchar("silver.users"), .varchar("built"), .integer(6), .integer(2), .integer(0), .integer(4), .integer(1)],
            [.varchar("silver.orders"), .varchar("up to date"), .integer(0), .integer(0), .null, .integer(0), .integer(0)],
            [.varchar("silver.users"), .varchar("up to date"), .integer(0), .integer(0), .null, .integer(0), .integer(0)],
        ])
        let rules = try lake.run("SELECT model, rule, rows FROM metrics.ingest_rules ORDER BY model, rule")
        #expect(rules.count == 5)
        let nulls = try lake.run("SELECT null_rate FROM metrics.ingest_columns WHERE model = 'silver.users' AND column_name = 'valid_to'")
        #expect(nulls == [[.double(0.5)]])
    }
}

@Suite struct IngestionModelTests {
    func load(_ text: String) throws -> IngestionModel { try IngestionModel(file: "m.sql", text: text) }

    @Test func readsTheDirectives() throws {
        let model = try load("""
            -- @key a, b
            -- @latest b
            -- @rule positive: a > 0
            -- @history a by b
            -- @not_null a
            CREATE TABLE silver.t AS SELECT CAST(x AS BIGINT) AS a, y AS b FROM read_csv('bronze/t/*.csv')
            """)
        #expect(model.key == ["a", "b"])
        #expect(model.latest == "b")
        #expect(model.rules.map(\.name) == ["positive"])
        #expect(model.history?.key == ["a"])
        #expect(model.history?.time == "b")
        #expect(model.model.checks.map(\.name) == ["not_null(a)"])
        #expect(model.columns.map(\.name) == ["a", "b"])
        #expect(model.quarantineName == "quarantine.t")
    }

    @Test(arguments: [
        ("CREATE TABLE silver.t AS SELECT a FROM read_csv('x.csv') JOIN read_csv('y.csv') ON true", "the source is a table or read_csv"),
        ("CREATE TABLE silver.t AS SELECT * FROM read_csv('x.csv')", "name every silver column"),
        ("CREATE TABLE silver.t AS SELECT a + 1 FROM read_csv('x.csv')", "name the column a + 1 with AS"),
        ("CREATE TABLE silver.t AS SELECT a, count(*) AS n FROM read_csv('x.csv') GROUP BY a", "no DISTINCT, GROUP BY"),
        ("-- @key z\nCREATE TABLE silver.t AS SELECT a FROM read_csv('x.csv')", "z is not a column of silver.t"),
        ("-- @history a by a\nCREATE TABLE silver.t AS SELECT a FROM read_csv('x.csv')", "@history needs a @key"),
        ("-- @rule r: a >\nCREATE TABLE silver.t AS SELECT a FROM read_csv('x.csv')", "@rule r:"),
        ("-- @dedupe a\nCREATE TABLE silver.t AS SELECT a FROM read_csv('x.csv')", "unknown directive @dedupe (there are @key, @latest"),
    ])
    func rejectsWhatItCannotIngest(text: String, message: String) throws {
        #expect {
            try load(text)
        } throws: { error in
            (error as? LakeError)?.message.contains(message) == true
        }
    }
}
