// Statements other than queries: what each one keeps for the binder and the catalog.
import Testing
@testable import StrataSQL

@Suite struct StatementParserTests {
    func name(_ dotted: String) -> QualifiedName {
        QualifiedName(dotted.split(separator: ".").map { Identifier(String($0)) })
    }

    func string(_ value: String) -> StringLiteral { StringLiteral(value) }

    @Test func createExternalTable() throws {
        let statement = try SQLParser.parseStatement(
            """
            CREATE EXTERNAL TABLE IF NOT EXISTS `silver`.flowcam (
              ts timestamp COMMENT 'when',
              `Density` decimal(10,3),
              tags array<string>
            )
            COMMENT "readings"
            PARTITIONED BY (`date` date, tpu_id int)
            CLUSTERED BY (tpu_id) SORTED BY (ts DESC) INTO 8 BUCKETS
            ROW FORMAT DELIMITED FIELDS TERMINATED BY ',' ESCAPED BY '\\' LINES TERMINATED BY '\\n' NULL DEFINED AS ''
            STORED AS parquet
            WITH SERDEPROPERTIES ('a' = 'b')
            LOCATION 's3://bucket/silver/flowcam/'
            TBLPROPERTIES ("skip.header.line.count"="1", 'x' = 'y')
            """)
        guard case .createExternalTable(let table) = statement.kind else { throw Failure("not CREATE EXTERNAL TABLE") }
        #expect(table.ifNotExists)
        #expect(table.name == QualifiedName([Identifier("silver", isQuoted: true), Identifier("flowcam")]))
        #expect(table.columns.map(\.name.value) == ["ts", "Density", "tags"])
        #expect(table.columns[0].type.kind == .timestamp(precision: nil, withTimeZone: false))
        #expect(table.columns[0].comment == string("when"))
        #expect(table.columns[1].type.kind == .decimal(precision: 10, scale: 3))
        #expect(table.columns[2].type.kind == .array(TypeName(.string)))
        #expect(table.comment == string("readings"))
        #expect(table.partitionedBy.map(\.name) == [Identifier("date", isQuoted: true), Identifier("tpu_id")])
        #expect(table.partitionedBy.map(\.type.kind) == [.date, .int])
        #expect(table.clusteredBy == Bucketing(columns: [Identifier("tpu_id")], sortedBy: [.init(name: Identifier("ts"), direction: .descending)], bucketCount: 8))
        #expect(
            table.rowFormat == .delimited(
                DelimitedRowFormat(
                    fieldsTerminatedBy: string(","), escapedBy: string("\\"), linesTerminatedBy: string("\\n"),
                    nullDefinedAs: string(""))))
        #expect(table.storedAs == .named(Identifier("parquet")))
        #expect(table.serdeProperties == [HiveProperty(key: string("a"), value: string("b"))])
        #expect(table.location == string("s3://bucket/silver/flowcam/"))
        #expect(table.properties == [HiveProperty(key: string("skip.header.line.count"), value: string("1")), HiveProperty(key: string("x"), value: string("y"))])
    }

    @Test func createExternalTableWithSerDeAndFormatClasses() throws {
        let statement = try SQLParser.parseStatement(
            "CREATE EXTERNAL TABLE t (a string) ROW FORMAT SERDE 'org.openx.data.jsonserde.JsonSerDe' "
                + "WITH SERDEPROPERTIES ('ignore.malformed.json' = 'true') "
                + "STORED AS INPUTFORMAT 'in.Format' OUTPUTFORMAT 'out.Format' LOCATION 'lake/t/'")
        guard case .createExternalTable(let table) = statement.kind else { throw Failure("not CREATE EXTERNAL TABLE") }
        #expect(table.rowFormat == .serde(string("org.openx.data.jsonserde.JsonSerDe"), properties: [HiveProperty(key: string("ignore.malformed.json"), value: string("true"))]))
        #expect(table.storedAs == .classes(input: string("in.Format"), output: string("out.Format")))
        #expect(table.serdeProperties.isEmpty)
    }

    @Test func createTableAsSelect() throws {
        let statement = try SQLParser.parseStatement(
            "CREATE TABLE IF NOT EXISTS gold.daily (d, n) COMMENT 'c' WITH (format = 'PARQUET', partitioned_by = ARRAY['d'], bucket_count = 4) "
                + "AS SELECT d, count(*) FROM t GROUP BY d WITH NO DATA")
        guard case .createTableAs(let table) = statement.kind else { throw Failure("not CTAS") }
        #expect(table.ifNotExists)
        #expect(table.name == name("gold.daily"))
        #expect(table.columns.map(\.value) == ["d", "n"])
        #expect(table.comment == string("c"))
        #expect(table.properties.map(\.name.value) == ["format", "partitioned_by", "bucket_count"])
        #expect(table.properties.map { SExpression.of($0.value) } == ["'PARQUET'", "(array 'd')", "4"])
        #expect(table.withData == false)
        #expect(try SQLParser.parseStatement("CREATE TABLE t AS SELECT 1 WITH DATA").kind == .createTableAs(CreateTableAs(name: name("t"), query: try SQLParser.parseQuery("SELECT 1"), withData: true)))
        #expect(try SQLParser.parseStatement("CREATE TABLE t AS SELECT 1").kind == .createTableAs(CreateTableAs(name: name("t"), query: try SQLParser.parseQuery("SELECT 1"))))
    }

    @Test func createView() throws {
        let text = "CREATE OR REPLACE VIEW gold.v COMMENT 'daily' AS\n  SELECT a FROM t -- trailing\n;"
        let statement = try SQLParser.parseStatement(text)
        guard case .createView(let view) = statement.kind else { throw Failure("not CREATE VIEW") }
        #expect(view.orReplace)
        #expect(view.comment == string("daily"))
        #expect(view.query.range.text(in: text) == "SELECT a FROM t")
        guard case .createView(let plain) = try SQLParser.parseStatement("CREATE VIEW v AS SELECT 1").kind else { throw Failure("not CREATE VIEW") }
        #expect(!plain.orReplace)
    }

    @Test func insert() throws {
        guard case .insert(let into) = try SQLParser.parseStatement("INSERT INTO t (a, b) SELECT 1, 2").kind else { throw Failure("not INSERT") }
        #expect(into.mode == .into && into.columns.map(\.value) == ["a", "b"] && into.partition.isEmpty)
        guard case .insert(let query) = try SQLParser.parseStatement("INSERT INTO t (SELECT 1)").kind else { throw Failure("not INSERT") }
        #expect(query.columns.isEmpty)
        guard case .insert(let overwrite) = try SQLParser.parseStatement("INSERT OVERWRITE TABLE t PARTITION (dt = DATE '2024-01-01', country) (a) VALUES (1)").kind
        else { throw Failure("not INSERT") }
        #expect(overwrite.mode == .overwrite)
        #expect(overwrite.partition.map(\.column.value) == ["dt", "country"])
        #expect(overwrite.partition.map { $0.value.map(SExpression.of) } == ["(DATE '2024-01-01')", nil])
        #expect(overwrite.columns.map(\.value) == ["a"])
    }

    @Test func dropRepairAlter() throws {
        #expect(try SQLParser.parseStatement("DROP TABLE IF EXISTS s.t").kind == .drop(Drop(objectKind: .table, ifExists: true, name: name("s.t"))))
        #expect(try SQLParser.parseStatement("DROP VIEW v").kind == .drop(Drop(objectKind: .view, name: name("v"))))
        #expect(try SQLParser.parseStatement("MSCK REPAIR TABLE s.t").kind == .repairTable(name("s.t")))
        guard case .alterTablePartitions(let add) = try SQLParser.parseStatement(
            "ALTER TABLE t ADD IF NOT EXISTS PARTITION (dt = '2024-01-01', h = 1) LOCATION 's3://b/t/dt=2024-01-01/h=1/' PARTITION (dt = '2024-01-02', h = -2)").kind
        else { throw Failure("not ALTER TABLE") }
        guard case .add(let ifNotExists, let partitions) = add.action else { throw Failure("not ADD") }
        #expect(ifNotExists)
        #expect(partitions.count == 2)
        #expect(partitions[0].location == string("s3://b/t/dt=2024-01-01/h=1/"))
        #expect(partitions[1].spec.values.map { $0.value.map(SExpression.of) } == ["'2024-01-02'", "(- 2)"])
        guard case .alterTablePartitions(let drop) = try SQLParser.parseStatement("ALTER TABLE t DROP PARTITION (dt = '1'), PARTITION (dt = '2')").kind,
            case .drop(let ifExists, let specs) = drop.action
        else { throw Failure("not DROP PARTITION") }
        #expect(!ifExists && specs.count == 2)
    }

    @Test func show() throws {
        #expect(try SQLParser.parseStatement("SHOW TABLES").kind == .show(.tables(schema: nil, pattern: nil)))
        #expect(try SQLParser.parseStatement("SHOW TABLES FROM silver LIKE 'f%' ESCAPE '\\'").kind == .show(.tables(schema: name("silver"), pattern: ShowPattern(pattern: string("f%"), isLike: true, escape: string("\\")))))
        #expect(try SQLParser.parseStatement("SHOW TABLES IN silver '*orders*'").kind == .show(.tables(schema: name("silver"), pattern: ShowPattern(pattern: string("*orders*"), isLike: false))))
        #expect(try SQLParser.parseStatement("SHOW DATABASES").kind == .show(.schemas(pattern: nil)))
        #expect(try SQLParser.parseStatement("SHOW SCHEMAS LIKE 's%'").kind == .show(.schemas(pattern: ShowPattern(pattern: string("s%"), isLike: true))))
        #expect(try SQLParser.parseStatement("SHOW VIEWS IN gold").kind == .show(.views(schema: name("gold"), pattern: nil)))
        #expect(try SQLParser.parseStatement("SHOW PARTITIONS s.t").kind == .show(.partitions(name("s.t"))))
        #expect(try SQLParser.parseStatement("SHOW COLUMNS IN s.t").kind == .show(.columns(name("s.t"))))
        #expect(try SQLParser.parseStatement("SHOW CREATE TABLE s.t").kind == .show(.createTable(name("s.t"))))
        #expect(try SQLParser.parseStatement("SHOW CREATE VIEW v").kind == .show(.createView(name("v"))))
    }

    @Test func describeExplainSetUse() throws {
        #expect(try SQLParser.parseStatement("DESCRIBE s.t").kind == .describe(Describe(table: name("s.t"))))
        #expect(try SQLParser.parseStatement("DESC s.t").kind == .describe(Describe(table: name("s.t"))))
        #expect(try SQLParser.parseStatement("DESCRIBE FORMATTED t").kind == .describe(Describe(table: name("t"), detail: .formatted)))
        #expect(try SQLParser.parseStatement("DESCRIBE extended").kind == .describe(Describe(table: name("extended"))))
        let select = try SQLParser.parseStatement("SELECT 1")
        #expect(try SQLParser.parseStatement("EXPLAIN SELECT 1").kind == .explain(Explain(statement: select)))
        #expect(try SQLParser.parseStatement("EXPLAIN ANALYZE SELECT 1").kind == .explain(Explain(analyze: true, statement: select)))
        #expect(try SQLParser.parseStatement("EXPLAIN ANALYZE VERBOSE SELECT 1").kind == .explain(Explain(analyze: true, verbose: true, statement: select)))
        #expect(try SQLParser.parseStatement("SET a.b = 'x'").kind == .set(SetSession(isSession: false, name: name("a.b"), value: Expression(.literal(.string("x"))))))
        #expect(try SQLParser.parseStatement("SET SESSION a = 1").kind == .set(SetSession(isSession: true, name: name("a"), value: Expression(.literal(.integer("1"))))))
        #expect(try SQLParser.parseStatement("SET session = 1").kind == .set(SetSession(isSession: false, name: name("session"), value: Expression(.literal(.integer("1"))))))
        #expect(try SQLParser.parseStatement("USE lake.gold").kind == .use(name("lake.gold")))
    }

    @Test func copy() throws {
        guard case .copy(let copy) = try SQLParser.parseStatement(
            "COPY (SELECT * FROM t) TO 'out/' WITH (format = 'parquet', partitioned_by = ARRAY['k'])").kind
        else { throw Failure("not COPY") }
        #expect(copy.source == .query(try SQLParser.parseQuery("SELECT * FROM t")))
        #expect(copy.target == string("out/"))
        #expect(copy.options.map(\.name.value) == ["format", "partitioned_by"])
        #expect(try SQLParser.parseStatement("COPY s.t TO 'x.csv'").kind == .copy(Copy(source: .table(name("s.t")), target: string("x.csv"))))
    }

    @Test func scriptsSplitOnSemicolonsWithRanges() throws {
        let text = ";; SELECT 1;\n\n  SELECT 'a;b' -- c;\n ; ;SHOW TABLES"
        let statements = try SQLParser.parse(text)
        #expect(statements.count == 3)
        #expect(statements.map { $0.range.text(in: text) } == ["SELECT 1", "SELECT 'a;b'", "SHOW TABLES"])
        #expect(try SQLParser.parse("").isEmpty)
        #expect(try SQLParser.parse(" -- nothing\n ; /* */ ;").isEmpty)
    }

    @Test func parseStatementTakesExactlyOne() {
        #expect(throws: SQLError.self) { try SQLParser.parseStatement("") }
        #expect(throws: SQLError.self) { try SQLParser.parseStatement("SELECT 1; SELECT 2") }
        #expect((try? SQLParser.parseStatement("SELECT 1;;")) != nil)
        do throws(SQLError) {
            _ = try SQLParser.parseStatement("SELECT 1; SELECT 2")
        } catch {
            #expect(error.description == "line 1, column 11: expected one statement, found a second one here")
        }
    }

    @Test func completeInputEndsWithASemicolonOutsideQuotesAndComments() {
        #expect(SQLParser.isCompleteInput("SELECT 1;"))
        #expect(SQLParser.isCompleteInput("SELECT 1; -- done"))
        #expect(SQLParser.isCompleteInput("SELECT 1;\n"))
        #expect(!SQLParser.isCompleteInput("SELECT 1"))
        #expect(!SQLParser.isCompleteInput("SELECT ';"))
        #expect(!SQLParser.isCompleteInput("SELECT 1 /* ; "))
        #expect(!SQLParser.isCompleteInput("SELECT \"a;"))
        #expect(!SQLParser.isCompleteInput(""))
        #expect(!SQLParser.isCompleteInput("SELECT 1; SELECT 2"))
    }
}
