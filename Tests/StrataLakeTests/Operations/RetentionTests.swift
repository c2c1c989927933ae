// `strata retain`: horizons, the date from DATE keys and year/month/day keys, dry runs that delete
// nothing, the table's `retention` property, and tables without a date.
import Foundation
import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

struct RetentionTests {
    static func day(_ text: String) -> Int64 { Int64(TemporalParser.parseDate(text)!) }

    @Test func horizonsParseAndCountBackFromToday() throws {
        let today = Self.day("2024-03-31")
        #expect(try RetentionHorizon(parsing: "365d").cutoff(today: today) == Self.day("2023-04-01"))
        #expect(try RetentionHorizon(parsing: "2 weeks").cutoff(today: today) == Self.day("2024-03-17"))
        #expect(try RetentionHorizon(parsing: "1m").cutoff(today: today) == Self.day("2024-02-29"))
        #expect(try RetentionHorizon(parsing: "13 months").cutoff(today: today) == Self.day("2023-02-28"))
        #expect(try RetentionHorizon(parsing: "1y").cutoff(today: Self.day("2024-02-29")) == Self.day("2023-02-28"))
        #expect(try RetentionHorizon(parsing: "7 Years").description == "7y")
        for bad in ["", "d", "0d", "-3d", "12x", "1.5y"] {
            #expect { try RetentionHorizon(parsing: bad) } throws: { "\($0)".contains("invalid retention") }
        }
    }

    @Test func partitionsPastTheHorizonAreDroppedByTheirDateKey() throws {
        let lake = try WriteTestLake("strata-retain")
        let days = ["2024-01-01", "2024-01-15", "2024-02-01", "2024-02-15"]
        var files = days.flatMap { day in
            ["eu", "us"].map { region in FixtureFile(path: "silver/events/event_date=\(day)/region=\(region)/a.parquet", rows: 5) }
        }
        files.append(FixtureFile(path: "silver/events/event_date=__HIVE_DEFAULT_PARTITION__/region=eu/a.parquet", rows: 5))
        try OperationsFixture.write(files, under: lake.path)
        _ = try LakeCrawler(session: try lake.session()).crawl(nil)

        var retention = Retention(session: try lake.session())
        retention.horizon = try RetentionHorizon(parsing: "30d")
        retention.today = Self.day("2024-02-20")
        retention.dryRun = true
        let plan = try retention.retain("silver.events")
        #expect(plan.cutoff == "2024-01-21")
        #expect(plan.dateKeys == ["event_date"])
        #expect(plan.dropped.map(\.path) == ["event_date=2024-01-01", "event_date=2024-01-15"])
        #expect(plan.dropped.map(\.files) == [2, 2])
        #expect(plan.kept == 3)
        #expect(try lake.parquetFiles("silver/").count == 9)

        retention.dryRun = false
        _ = try retention.retain("silver.events")
        #expect(try lake.parquetFiles("silver/").count == 5)
        #expect(try lake.run("SELECT count(*), count(event_date), min(event_date) FROM silver.events") == [[.integer(25), .integer(20), .date(Int32(Self.day("2024-02-01")))]])
        #expect(try TableInventory.load("silver.events", store: lake.store)?.files.count == 5)
        #expect(try lake.store.list(prefix: "silver/events/", delimiter: "/").commonPrefixes.count == 3)
    }

    @Test func yearMonthDayKeysGiveTheLastDayOfTheirPartition() throws {
        let lake = try WriteTestLake("strata-retain-ymd")
        try OperationsFixture.write(
            [
                FixtureFile(path: "bronze/logs/year=2023/month=12/day=31/a.parquet", rows: 1),
                FixtureFile(path: "bronze/logs/year=2024/month=1/day=9/a.parquet", rows: 1),
                FixtureFile(path: "bronze/logs/year=2024/month=1/day=10/a.parquet", rows: 1),
                FixtureFile(path: "bronze/monthly/year=2023/month=12/a.parquet", rows: 1),
                FixtureFile(path: "bronze/monthly/year=2024/month=1/a.parquet", rows: 1),
            ], under: lake.path)
        var retention = Retention(session: try lake.session())
        retention.horizon = RetentionHorizon(count: 10, unit: .days)
        retention.today = Self.day("2024-01-20")
        let daily = try retention.retain("bronze.logs")
        #expect(daily.dateKeys == ["year", "month", "day"])
        #expect(daily.dropped.map(\.path) == ["year=2023/month=12/day=31", "year=2024/month=1/day=9"])
        #expect(try lake.parquetFiles("bronze/logs/") == ["bronze/logs/year=2024/month=1/day=10/a.parquet"])
        let monthly = try retention.retain("bronze.monthly")
        #expect(monthly.dropped.map(\.path) == ["year=2023/month=12"])
    }

    @Test func theTableRetentionPropertyIsTheDefaultHorizon() throws {
        let lake = try WriteTestLake("strata-retain-property")
        try lake.run("""
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day'], retention = '90 days') AS
            SELECT * FROM (VALUES (1, DATE '2000-01-01'), (2, DATE '2999-01-01')) AS t(n, day)
            """)
        let result = try Retention(session: try lake.session()).retain("gold.daily")
        #expect(result.horizon == RetentionHorizon(count: 90, unit: .days))
        #expect(result.dropped.map(\.path) == ["day=2000-01-01"])
        #expect(try lake.run("SELECT n FROM gold.daily") == [[.integer(2)]])
        #expect(throws: (any Error).self) { try lake.run("CREATE TABLE gold.bad WITH (retention = 'forever') AS SELECT 1 AS n") }
    }

    @Test func anExternalTableTakesItsRetentionFromTableProperties() throws {
        let lake = try WriteTestLake("strata-retain-external")
        try OperationsFixture.write(
            [FixtureFile(path: "raw/ev/day=2000-01-01/a.parquet", rows: 2), FixtureFile(path: "raw/ev/day=2999-01-01/a.parquet", rows: 2)], under: lake.path)
        try lake.run("""
            CREATE EXTERNAL TABLE silver.ev (id BIGINT) PARTITIONED BY (day DATE) STORED AS PARQUET LOCATION 'raw/ev/'
            TBLPROPERTIES ('retention' = '30d')
            """)
        // The folder is the declared table's: crawled and trimmed under its name, not also as raw.ev.
        #expect(try LakeCrawler(session: try lake.session()).crawl(nil).map(\.inventory.table) == ["silver.ev"])
        var retention = Retention(session: try lake.session())
        retention.dryRun = true
        #expect(try retention.retain("silver.ev").dropped.map(\.path) == ["day=2000-01-01"])
        try lake.run("CREATE EXTERNAL TABLE silver.bad (id BIGINT) PARTITIONED BY (day DATE) STORED AS PARQUET LOCATION 'raw/ev/' TBLPROPERTIES ('retention' = 'soon')")
        #expect { try Retention(session: try lake.session()).retain("silver.bad") } throws: { "\($0)".contains("table silver.bad's retention property: invalid retention 'soon'") }
    }

    @Test func aTableWithoutADateIsRefused() throws {
        let lake = try WriteTestLake("strata-retain-nodate")
        try OperationsFixture.write([FixtureFile(path: "silver/users/region=eu/a.parquet", rows: 1)], under: lake.path)
        var retention = Retention(session: try lake.session())
        #expect { try retention.retain("silver.users") } throws: { "\($0)".contains("no horizon for silver.users: give --older-than") }
        retention.horizon = RetentionHorizon(count: 1, unit: .years)
        #expect { try retention.retain("silver.users") } throws: { "\($0)".contains("silver.users has no date in its partitions (keys: region VARCHAR)") }
        retention.dateKey = "region"
        #expect { try retention.retain("silver.users") } throws: { "\($0)".contains("the key is VARCHAR, and retention needs a DATE or TIMESTAMP key") }
        #expect(try lake.parquetFiles("silver/").count == 1)
    }
}
