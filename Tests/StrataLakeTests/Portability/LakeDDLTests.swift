// `strata ddl`: Spark (local mode) registers a lake Strata built with the generated DDL, reads every file
// Strata wrote with Strata's answers, and runs the generated model SQL to Strata's results; the Trino,
// Athena and Hive output parses (sqlglot); the Spark printer's function translations.
import Foundation
import StrataCore
import StrataSQL
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

struct LakeDDLTests {
    static let sparkAvailable: Bool = {
        (try? Subprocess.run("/usr/bin/env", ["python3", "-c", "import pyspark, shutil, sys; sys.exit(0 if shutil.which('java') else 1)"])) != nil
    }()
    static let sqlglotAvailable: Bool = { (try? Python.run("import sqlglot")) != nil }()

    /// A lake built by Strata: a partitioned table of many types, and a model over it, materialized.
    static func builtLake() throws -> (lake: WriteTestLake, models: String) {
        let lake = try WriteTestLake("strata-ddl")
        try lake.run("""
            CREATE TABLE silver.events WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT * FROM (VALUES
                (1, 'DE', 10.5, CAST(2.50 AS DECIMAL(10,2)), TIMESTAMP '2024-03-01 10:00:00', true, DATE '2024-03-01'),
                (2, 'FR', 3.0, CAST(1.25 AS DECIMAL(10,2)), TIMESTAMP '2024-03-01 11:30:00.123456', false, DATE '2024-03-01'),
                (3, 'DE', 7.25, NULL, TIMESTAMP '2024-03-02 09:00:00', NULL, DATE '2024-03-02'),
                (4, 'US', 1.5, CAST(0.10 AS DECIMAL(10,2)), TIMESTAMP '2024-03-03 23:59:59', true, DATE '2024-03-03'))
              AS t(user_id, country, amount, fee, seen_at, is_mobile, event_date)
            """)
        // Text tables: CSV with quotes, doubled quotes and empty fields, partitioned by day; NDJSON.
        for (day, text) in [
            ("2024-03-01", "sensor,value,note,seen_at\nph-1,7.1,\"a, quoted\",2024-03-01 10:00:00\nph-2,,,2024-03-01 11:00:00\n"),
            ("2024-03-02", "sensor,value,note,seen_at\nph-1,7.4,\"say \"\"hi\"\"\",2024-03-02 09:30:00.250000\n"),
        ] {
            try FileManager.default.createDirectory(atPath: lake.path + "/bronze/readings/day=\(day)", withIntermediateDirectories: true)
            try text.write(toFile: lake.path + "/bronze/readings/day=\(day)/part-0.csv", atomically: true, encoding: .utf8)
        }
        try FileManager.default.createDirectory(atPath: lake.path + "/bronze/logs", withIntermediateDirectories: true)
        try "{\"id\": 1, \"msg\": \"start\", \"at\": \"2024-03-01\"}\n{\"id\": 2, \"msg\": null, \"at\": \"2024-03-02\"}\n"
            .write(toFile: lake.path + "/bronze/logs/part-0.json", atomically: true, encoding: .utf8)
        let models = lake.path + "/models"
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        try """
            CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['event_date']) AS
            SELECT country, count(*) AS orders, sum(amount) AS revenue, count(DISTINCT user_id) AS users, sum(fee) AS fees,
                   date_add('day', 1, event_date) AS next_day, date_diff('day', DATE '2024-01-01', event_date) AS day_number,
                   day_of_week(event_date) AS weekday, strpos(country, 'E') AS e_at, CAST(user_id AS VARCHAR) AS first_user,
                   event_date
            FROM silver.events GROUP BY country, event_date, user_id
            """.write(toFile: models + "/daily.sql", atomically: true, encoding: .utf8)
        let runs = try Materializer(session: try lake.session(), models: try ModelGraph.load(folder: models)).run(select: [], dryRun: false)
        #expect(runs.map(\.status) == [.built])
        try lake.run("CREATE VIEW gold.v_early AS SELECT country, revenue, event_date FROM gold.daily WHERE event_date < DATE '2024-03-03'")
        return (lake, models)
    }

    static let sparkRunner = """
        import re, sys
        from pyspark.sql import SparkSession
        # The warehouse (where CREATE DATABASE makes folders) goes in the test's folder, not the working directory.
        spark = (SparkSession.builder.master("local[1]").appName("strata-ddl").config("spark.ui.enabled", "false")
                 .config("spark.sql.warehouse.dir", sys.argv[4])
                 .config("spark.sql.session.timeZone", "UTC").config("spark.sql.shuffle.partitions", "2").getOrCreate())
        spark.sparkContext.setLogLevel("ERROR")
        def run(text):
            for statement in re.split(r";\\s*\\n", text):
                body = "\\n".join(l for l in statement.splitlines() if not l.startswith("--")).strip().rstrip(";")
                if body: spark.sql(body)
        def show(sql):
            for row in spark.sql(sql).collect():
                print("|".join("NULL" if v is None else (str(v).lower() if isinstance(v, bool) else str(v)) for v in row))
            print("==")
        text = open(sys.argv[1]).read()
        tables, _, models = text.partition("-- model ")
        run(tables)
        for sql in sys.argv[2].split("\\n"): show(sql)
        run("-- model " + models)
        for sql in sys.argv[3].split("\\n"): show(sql)
        """

    /// Strata's rows, spelled as the runner prints Spark's.
    static func strataLines(_ lake: WriteTestLake, _ sql: String) throws -> [String] {
        let session = try lake.session()
        guard case .rows(let result) = try session.run(try SQLParser.parseStatement(sql)) else { return [] }
        let types = result.schema.map(\.type)
        return try result.drain().flatMap { batch in
            (0..<batch.count).map { row in
                batch.columns.enumerated().map { index, column in ValueFormatter.text(column.value(at: row), type: types[index]) ?? "NULL" }.joined(separator: "|")
            }
        }
    }

    @Test(.enabled(if: sparkAvailable, "pyspark and java are needed: pip install pyspark; apt-get install openjdk-17-jre-headless"))
    func sparkReadsStrataFilesAndRunsTheModelsToTheSameResults() throws {
        let (lake, models) = try Self.builtLake()
        // Spark works on a copy, so its writes leave Strata's lake as it was.
        let copy = try TemporaryDirectory("strata-ddl-spark")
        for folder in ["silver", "gold", "bronze"] {
            try FileManager.default.copyItem(atPath: lake.path + "/" + folder, toPath: copy.path + "/" + folder)
        }
        var ddl = LakeDDL(session: try lake.session(), dialect: .spark)
        ddl.locationRoot = copy.path
        let script = copy.file("spark.sql")
        try ddl.statements(tables: ["silver.events", "gold.daily", "bronze.readings", "bronze.logs", "gold.v_early"], models: models).write(toFile: script, atomically: true, encoding: .utf8)

        let tableQueries = [
            "SELECT user_id, country, amount, fee, seen_at, is_mobile, event_date FROM silver.events ORDER BY user_id",
            "SELECT country, orders, revenue, users, fees, next_day, day_number, weekday, e_at, first_user, event_date FROM gold.daily ORDER BY country, event_date, first_user",
            "SELECT sensor, value, note, seen_at, day FROM bronze.readings ORDER BY seen_at",
            "SELECT id, msg, at FROM bronze.logs ORDER BY id",
            "SELECT country, revenue, event_date FROM gold.v_early ORDER BY event_date, country, revenue",
        ]
        let fileQuery = """
            SELECT DISTINCT regexp_extract(f, '(gold|silver)/.*$', 0) FROM (SELECT input_file_name() AS f FROM silver.events \
            UNION ALL SELECT input_file_name() AS f FROM gold.daily) ORDER BY 1
            """
        let output = try Python.run(
            Self.sparkRunner, arguments: [script, (tableQueries + [fileQuery]).joined(separator: "\n"), tableQueries[1], copy.file("warehouse")])
        let blocks = output.components(separatedBy: "==\n").map { $0.split(separator: "\n").map(String.init) }
        #expect(blocks.count == 8, "\(output)")
        guard blocks.count == 8 else { return }
        // Spark reads Strata's files (every one of them) to Strata's answers ...
        #expect(blocks[0] == (try Self.strataLines(lake, tableQueries[0])))
        #expect(blocks[1] == (try Self.strataLines(lake, tableQueries[1])))
        #expect(blocks[2] == (try Self.strataLines(lake, tableQueries[2])))
        #expect(blocks[2].count == 3)
        #expect(blocks[3] == (try Self.strataLines(lake, tableQueries[3])))
        #expect(blocks[4] == (try Self.strataLines(lake, tableQueries[4])))
        #expect(blocks[4].count == 3)
        let strataFiles = try lake.parquetFiles("gold/daily/") + lake.parquetFiles("silver/events/")
        #expect(blocks[5] == strataFiles)
        // ... and the model, rendered for Spark, gives Strata's rows.
        #expect(blocks[6] == blocks[1])
        #expect(blocks[6].count == 4)
    }

    @Test(.enabled(if: sqlglotAvailable, "sqlglot is needed: pip install sqlglot"))
    func trinoAthenaAndHiveOutputParses() throws {
        let (lake, models) = try Self.builtLake()
        // Sparse days get no projection; dense zero-padded integer keys get one with its digits.
        try OperationsFixture.write(
            [
                FixtureFile(path: "silver/sparse/day=2024-01-01/a.parquet", rows: 1), FixtureFile(path: "silver/sparse/day=2024-01-05/a.parquet", rows: 1),
                FixtureFile(path: "silver/readings/month=01/a.parquet", rows: 1), FixtureFile(path: "silver/readings/month=02/a.parquet", rows: 1),
            ], under: lake.path)
        // A table the catalog keeps outside the lake stays where it is.
        let elsewhere = try TemporaryDirectory("strata-ddl-elsewhere")
        try OperationsFixture.write([FixtureFile(path: "archive/a.parquet", rows: 1)], under: elsewhere.path)
        try lake.run("CREATE EXTERNAL TABLE ext.archive (id BIGINT) STORED AS PARQUET LOCATION '\(elsewhere.path)/archive/'")
        let check = """
            import sys, sqlglot
            from sqlglot.errors import ErrorLevel
            for statement in sqlglot.parse(open(sys.argv[1]).read(), read=sys.argv[2], error_level=ErrorLevel.RAISE):
                if statement is not None: print(type(statement).__name__, statement.sql(dialect=sys.argv[2])[:30].replace("\\n", " "))
            """
        for dialect in [DDLDialect.athena, .trino, .hive, .spark] {
            var ddl = LakeDDL(session: try lake.session(), dialect: dialect)
            ddl.locationRoot = "s3://data-lake/lake"
            let text = try ddl.statements(tables: [], models: models)
            let file = lake.path + "/\(dialect).sql"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let parsed = try Python.run(check, arguments: [file, dialect.rawValue]).split(separator: "\n")
            // Only CALL and MSCK REPAIR are outside sqlglot's grammar (it keeps them as commands).
            #expect(parsed.filter { $0.hasPrefix("Command") && !$0.contains("CALL") && !$0.contains("MSCK") }.isEmpty, "\(dialect): \(parsed)")
            #expect(text.contains("s3://data-lake/lake/silver/events/"))
            #expect(text.contains("'file://\(elsewhere.path)/archive/'"))
            switch dialect {
            case .athena:
                #expect(text.contains("'projection.event_date.range' = '2024-03-01,2024-03-03'"))
                #expect(text.contains("'projection.month.digits' = '2'"))
                #expect(!text.contains("'projection.day.type'"))
                #expect(text.contains("MSCK REPAIR TABLE `silver`.`sparse`;"))
                #expect(text.contains("CREATE TABLE \"gold\".\"daily\"\nWITH ("))
                #expect(text.contains("ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.OpenCSVSerde'\nWITH SERDEPROPERTIES ('separatorChar' = ',', 'quoteChar' = '\"')"))
                #expect(text.contains("TBLPROPERTIES ('skip.header.line.count' = '1');"))
                #expect(text.contains("ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe'"))
            case .trino:
                #expect(text.contains("CALL hive.system.sync_partition_metadata('silver', 'events', 'ADD');"))
                #expect(text.contains("CREATE OR REPLACE VIEW hive.\"gold\".\"v_early\" AS\nSELECT"))
                #expect(text.contains("date_add('day', 1, event_date)"))
                // CSV columns are VARCHAR in Trino: a view casts them to Strata's types.
                #expect(text.contains("CREATE OR REPLACE VIEW hive.\"bronze\".\"readings\" AS\nSELECT\n  CAST(NULLIF(\"sensor\", '') AS varchar)") || text.contains("CREATE OR REPLACE VIEW hive.\"bronze\".\"readings\" AS\nSELECT\n  NULLIF(\"sensor\", '') AS \"sensor\""))
                #expect(text.contains("CAST(NULLIF(\"value\", '') AS double) AS \"value\""))
            case .hive, .spark:
                #expect(text.contains("date_add(event_date, 1)"))
                #expect(text.contains("(weekday(event_date) + 1)"))
                #expect(text.contains("CAST(user_id AS STRING)"))
                #expect(text.contains("INSERT OVERWRITE TABLE `gold`.`daily`"))
            }
        }
    }

    @Test func aModelSparkWouldReadDifferentlyIsRefused() throws {
        let lake = try WriteTestLake("strata-ddl-refused")
        try lake.run("CREATE TABLE silver.events AS SELECT TIMESTAMP '2024-03-01 10:00:00' AS seen_at")
        let models = lake.path + "/models"
        try FileManager.default.createDirectory(atPath: models, withIntermediateDirectories: true)
        try "CREATE TABLE gold.days AS SELECT date_format(seen_at, '%Y-%m-%d') AS day, 'date_format(' AS note FROM silver.events"
            .write(toFile: models + "/days.sql", atomically: true, encoding: .utf8)
        #expect { try LakeDDL(session: try lake.session(), dialect: .spark).statements(tables: [], models: models) } throws: {
            "\($0)".contains("days.sql: date_format cannot be carried to Spark as it is: Trino takes MySQL-style patterns")
        }
        try "CREATE TABLE gold.halves AS SELECT hour(seen_at) / 2 AS half FROM silver.events".write(toFile: models + "/days.sql", atomically: true, encoding: .utf8)
        #expect { try LakeDDL(session: try lake.session(), dialect: .hive).statements(tables: [], models: models) } throws: {
            "\($0)".contains("days.sql: it divides an integer by an integer")
        }
        try "CREATE TABLE gold.halves AS SELECT CAST(hour(seen_at) AS DOUBLE) / 2 AS half FROM silver.events".write(toFile: models + "/days.sql", atomically: true, encoding: .utf8)
        #expect(try LakeDDL(session: try lake.session(), dialect: .spark).statements(tables: [], models: models).contains("CAST(hour(seen_at) AS DOUBLE) / 2"))
        try "CREATE TABLE gold.days AS SELECT date_format(seen_at, '%Y-%m-%d') AS day FROM silver.events".write(toFile: models + "/days.sql", atomically: true, encoding: .utf8)
        // Trino and Athena read the model as Strata does.
        #expect(try LakeDDL(session: try lake.session(), dialect: .athena).statements(tables: [], models: models).contains("date_format(seen_at, '%Y-%m-%d')"))
    }

    @Test func sparkPrintingTranslatesWhatSparkSpellsDifferently() throws {
        func spark(_ sql: String) throws -> String {
            SQLPrinter(layout: .singleLine, dialect: .spark).print(try SQLParser.parseExpression(sql))
        }
        #expect(try spark("date_add('month', 2, \"Order Date\")") == "timestampadd(MONTH, 2, `Order Date`)")
        #expect(try spark("date_diff('hour', a, b)") == "timestampdiff(HOUR, a, b)")
        #expect(try spark("date_diff('day', a, b)") == "datediff(b, a)")
        #expect(try spark("approx_distinct(user_id)") == "approx_count_distinct(user_id)")
        #expect(try spark("arbitrary(x) + cardinality(tags)") == "any_value(x) + size(tags)")
        #expect(try spark("CAST(x AS VARCHAR)") == "CAST(x AS STRING)")
        #expect(try spark("sum(amount)") == "sum(amount)")
        #expect(try spark("row_number() OVER (PARTITION BY k ORDER BY x DESC, y NULLS FIRST)") == "row_number() OVER (PARTITION BY k ORDER BY x DESC NULLS LAST, y NULLS FIRST)")
        #expect(try spark("contains(tags, 'a') AND starts_with(name, 'x')") == "array_contains(tags, 'a') AND startswith(name, 'x')")
        #expect(try spark("regexp_extract(url, 'id=[0-9]+')") == "regexp_extract(url, 'id=[0-9]+', 0)")
        #expect(SQLPrinter(layout: .singleLine).print(try SQLParser.parseExpression("date_add('day', 1, d)")) == "date_add('day', 1, d)")
    }
}
