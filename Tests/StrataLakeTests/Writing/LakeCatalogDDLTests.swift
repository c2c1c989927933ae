import StrataCore
import StrataStorage
import StrataTestSupport
import Testing
@testable import StrataLake

/// The lake's own catalog: declared tables override what discovery infers, views are stored SQL, and the
/// partition statements do what a listing-based catalog can.
@Suite struct LakeCatalogDDLTests {
    func makeLake() throws -> WriteTestLake {
        let lake = try WriteTestLake()
        try Python.run("""
            import sys, os, pyarrow as pa, pyarrow.parquet as pq
            root = sys.argv[1]
            for day, tpu in [('2024-03-01', '01'), ('2024-03-01', '02'), ('2024-03-02', '01')]:
                folder = f'{root}/silver/flowcam/date={day}/tpu={tpu}'
                os.makedirs(folder, exist_ok=True)
                pq.write_table(pa.table({'reading': pa.array([1, 2], pa.int32()), 'density': [0.5, 1.5]}), folder + '/part-0.parquet')
            os.makedirs(f'{root}/bronze/orders', exist_ok=True)
            open(f'{root}/bronze/orders/a.csv', 'w').write('order_id,amount\\n1,2.50\\n2,\\\\N\\n')
            """, arguments: [lake.path])
        return lake
    }

    @Test func declaredTypesOverrideInference() throws {
        let lake = try makeLake()
        #expect(try lake.run("SELECT DISTINCT tpu FROM silver.flowcam ORDER BY 1") == [[.integer(1)], [.integer(2)]])
        try lake.run("""
            CREATE EXTERNAL TABLE silver.flowcam (reading bigint, density double, note string)
            PARTITIONED BY (`date` date, tpu string) STORED AS PARQUET LOCATION 'silver/flowcam/'
            """)
        #expect(try lake.run("SELECT DISTINCT tpu FROM silver.flowcam ORDER BY 1") == [[.varchar("01")], [.varchar("02")]])
        #expect(try lake.run("SELECT sum(reading), count(note) FROM silver.flowcam WHERE tpu = '01'") == [[.integer(6), .integer(0)]])
        #expect(try lake.run("DESCRIBE silver.flowcam").map { $0[1] } == [.varchar("bigint"), .varchar("double"), .varchar("varchar"), .varchar("date"), .varchar("varchar")])
        let ddl = try lake.run("SHOW CREATE TABLE silver.flowcam")
        guard case .varchar(let text) = ddl[0][0] else { return }
        #expect(text.contains("`tpu` string"))
        #expect(text.contains("LOCATION '\(lake.path)/silver/flowcam/'"))
        // The catalog is a file in the lake, readable by any tool.
        #expect(try lake.files("_strata/catalog/") == ["_strata/catalog/silver.flowcam.json"])
        #expect(throws: (any Error).self) { try lake.run("CREATE EXTERNAL TABLE silver.flowcam (a int) LOCATION 'x/'") }
        try lake.run("CREATE EXTERNAL TABLE IF NOT EXISTS silver.flowcam (a int) LOCATION 'x/'")
    }

    @Test func textTablesTakeTheirRowFormat() throws {
        let lake = try makeLake()
        try lake.run("""
            CREATE EXTERNAL TABLE bronze.orders_typed (order_id int, amount decimal(10,2))
            ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' NULL DEFINED AS '\\\\N'
            STORED AS TEXTFILE LOCATION 'bronze/orders' TBLPROPERTIES ('skip.header.line.count' = '1')
            """)
        #expect(try lake.run("SELECT order_id, amount FROM bronze.orders_typed ORDER BY 1") == [[.integer(1), .decimal(250)], [.integer(2), .null]])
        #expect(try lake.run("SHOW TABLES FROM bronze") == [[.varchar("bronze.orders")], [.varchar("bronze.orders_typed")]])
    }

    @Test func viewsAreStoredSQL() throws {
        let lake = try makeLake()
        try lake.run("CREATE VIEW gold.v_daily AS SELECT \"date\", count(*) AS n FROM silver.flowcam GROUP BY 1")
        #expect(try lake.run("SELECT n FROM gold.v_daily ORDER BY \"date\"") == [[.integer(4)], [.integer(2)]])
        #expect(throws: (any Error).self) { try lake.run("CREATE VIEW gold.v_daily AS SELECT 1 AS x") }
        try lake.run("CREATE OR REPLACE VIEW gold.v_daily AS SELECT 1 AS x")
        #expect(try lake.run("SELECT * FROM gold.v_daily") == [[.integer(1)]])
        #expect(try lake.run("SHOW VIEWS") == [[.varchar("gold.v_daily")]])
        #expect(try lake.run("DESCRIBE gold.v_daily") == [[.varchar("x"), .varchar("integer"), .varchar("")]])
        #expect(throws: (any Error).self) { try lake.run("CREATE VIEW gold.broken AS SELECT nothing FROM silver.flowcam") }
        #expect(throws: (any Error).self) { try lake.run("DROP TABLE gold.v_daily") }
        try lake.run("DROP VIEW gold.v_daily")
        #expect(throws: (any Error).self) { try lake.run("SELECT * FROM gold.v_daily") }
    }

    @Test func partitionStatementsInAListingCatalog() throws {
        let lake = try makeLake()
        let repair = try lake.run("MSCK REPAIR TABLE silver.flowcam")
        #expect(repair == [[.varchar("MSCK REPAIR TABLE silver.flowcam: 3 partitions in 3 files recorded (3 footers read)")]])
        #expect(throws: (any Error).self) { try lake.run("ALTER TABLE silver.flowcam ADD PARTITION (`date` = '2024-04-01', tpu = 1) LOCATION 'archive/x/'") }
        try lake.run("CREATE EXTERNAL TABLE silver.flowcam (reading bigint, density double) PARTITIONED BY (`date` date, tpu string) LOCATION 'silver/flowcam/'")
        try lake.store.write("archive/march/p.parquet", bytes: try lake.store.read("silver/flowcam/date=2024-03-02/tpu=01/part-0.parquet", range: nil))
        try lake.run("ALTER TABLE silver.flowcam ADD PARTITION (`date` = DATE '2024-04-01', tpu = '09') LOCATION 'archive/march/'")
        #expect(try lake.run("SELECT count(*) FROM silver.flowcam WHERE tpu = '09' AND \"date\" = DATE '2024-04-01'") == [[.integer(2)]])
        guard case .varchar(let declaredRepair)? = try lake.run("MSCK REPAIR TABLE silver.flowcam").first?.first else { Issue.record("no text"); return }
        #expect(declaredRepair.contains("skipped: partition date=2024-04-01/tpu=09 is kept outside the table's folder"))
        try lake.run("ALTER TABLE silver.flowcam DROP PARTITION (`date` = DATE '2024-04-01', tpu = '09')")
        #expect(try lake.run("SELECT count(*) FROM silver.flowcam WHERE tpu = '09'") == [[.integer(0)]])
        #expect(try lake.files("archive/").count == 1)
        #expect(throws: (any Error).self) { try lake.run("ALTER TABLE silver.flowcam DROP PARTITION (`date` = DATE '2024-03-01', tpu = '01')") }
        // In a table Strata created, dropping a partition deletes its files.
        try lake.run("CREATE TABLE gold.daily WITH (partitioned_by = ARRAY['day']) AS SELECT count(*) AS n, \"date\" AS day FROM silver.flowcam GROUP BY 2")
        try lake.run("ALTER TABLE gold.daily DROP PARTITION (day = DATE '2024-03-01')")
        #expect(try lake.run("SELECT day FROM gold.daily") == [[.date(19_784)]])
    }
}
