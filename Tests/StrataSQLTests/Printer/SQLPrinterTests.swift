// What the printer writes: parentheses only where the tree needs them, quoting only where a name needs it,
// Trino syntax for queries and Hive syntax for external tables.
import Testing
@testable import StrataSQL

@Suite struct SQLPrinterTests {
    let printer = SQLPrinter(layout: .singleLine)

    func reprinted(_ sql: String) throws -> String { printer.print(try SQLParser.parseStatement(sql)) }

    @Test(arguments: [
        ("SELECT (a + b) * c, a + b * c, (a * b) + c", "SELECT (a + b) * c, a + b * c, a * b + c"),
        ("SELECT a - (b - c), (a - b) - c", "SELECT a - (b - c), a - b - c"),
        ("SELECT a || (b || c), (a || b) + 1", "SELECT a || (b || c), (a || b) + 1"),
        ("SELECT -(-a), - -a, -(a + b), -(1)", "SELECT - -a, - -a, -(a + b), -1"),
        ("SELECT NOT (a AND b), NOT a = b, (NOT a) = b", "SELECT NOT (a AND b), NOT a = b, (NOT a) = b"),
        ("SELECT (a AND b) OR c, a AND (b OR c), (a AND b) AND c", "SELECT a AND b OR c, a AND (b OR c), (a AND b) AND c"),
        ("SELECT (a = b) = c, (a IS NULL) IS NULL", "SELECT (a = b) = c, (a IS NULL) IS NULL"),
        ("SELECT (a + 1) BETWEEN (b) AND (c OR d)", "SELECT a + 1 BETWEEN b AND (c OR d)"),
        ("SELECT (-ts) AT TIME ZONE 'UTC', -(ts AT TIME ZONE 'UTC')", "SELECT (-ts) AT TIME ZONE 'UTC', -ts AT TIME ZONE 'UTC'"),
        ("SELECT (a + b)[1], (a)[1]", "SELECT (a + b)[1], a[1]"),
        ("select COUNT(*), Sum(DISTINCT x) filter (where y) from T", "SELECT count(*), sum(DISTINCT x) FILTER (WHERE y) FROM t"),
        ("SELECT \"Mixed Case\", \"select\", \"plain\", \"a\"\"b\" FROM \"S\".\"T\"", "SELECT \"Mixed Case\", \"select\", \"plain\", \"a\"\"b\" FROM \"S\".\"T\""),
        ("SELECT 'it''s', X'0a', 1.50, 1e3, .5", "SELECT 'it''s', X'0a', 1.50, 1e3, .5"),
        ("SELECT a b FROM t u", "SELECT a AS b FROM t AS u"),
        ("SELECT position('a' IN s), substring(s FROM 1 FOR 2), trim(LEADING 'x' FROM s)", "SELECT strpos(s, 'a'), substring(s, 1, 2), ltrim(s, 'x')"),
        ("SELECT 1 UNION SELECT 2 UNION ALL SELECT 3", "SELECT 1 UNION SELECT 2 UNION ALL SELECT 3"),
        ("SELECT 1 UNION (SELECT 2 UNION SELECT 3)", "SELECT 1 UNION (SELECT 2 UNION SELECT 3)"),
        ("(SELECT 1 UNION SELECT 2) UNION SELECT 3", "(SELECT 1 UNION SELECT 2) UNION SELECT 3"),
        ("SELECT * FROM a JOIN (b JOIN c ON q) ON p", "SELECT * FROM a JOIN (b JOIN c ON q) ON p"),
        ("SELECT * FROM (a JOIN b ON p) JOIN c ON q", "SELECT * FROM a JOIN b ON p JOIN c ON q"),
        ("SELECT * FROM read_csv('x', header = true)", "SELECT * FROM read_csv('x', header => TRUE)"),
        ("SELECT 1 LIMIT 5 OFFSET 2", "SELECT 1 OFFSET 2 LIMIT 5"),
        ("SELECT 1 FETCH NEXT 1 ROW ONLY", "SELECT 1 FETCH FIRST 1 ROWS ONLY"),
        ("VALUES 1, (2)", "VALUES (1), (2)"),
        ("INSERT OVERWRITE t SELECT 1", "INSERT OVERWRITE TABLE t SELECT 1"),
        ("SHOW DATABASES", "SHOW SCHEMAS"),
        ("SHOW TABLES FROM s", "SHOW TABLES IN s"),
        ("desc t", "DESCRIBE t"),
        ("SELECT CAST(x AS struct<a:int>), CAST(y AS array<varchar(3)>)", "SELECT CAST(x AS ROW(a INT)), CAST(y AS ARRAY(VARCHAR(3)))"),
    ])
    func printsMinimalSQL(sql: String, printed: String) throws {
        #expect(try reprinted(sql) == printed, "\(sql)")
    }

    @Test func externalTablesPrintInHiveStyle() throws {
        let sql = "CREATE EXTERNAL TABLE s.t (`Date` DATE, m MAP<STRING, ARRAY<INT>>, r STRUCT<a: BIGINT>) "
            + "PARTITIONED BY (dt STRING) STORED AS parquet LOCATION 's3://b/t/' TBLPROPERTIES (\"k\" = 'v')"
        #expect(
            try reprinted(sql)
                == "CREATE EXTERNAL TABLE s.t (`Date` date, m map<string,array<int>>, r struct<a:bigint>) "
                + "PARTITIONED BY (dt string) STORED AS PARQUET LOCATION 's3://b/t/' TBLPROPERTIES ('k' = 'v')")
    }

    @Test func multiLineLayoutIndentsNestedQueries() throws {
        let statement = try SQLParser.parseStatement(
            "SELECT a, (SELECT max(b) FROM u) AS m FROM t WHERE a IN (SELECT a FROM v) GROUP BY a ORDER BY a LIMIT 3")
        #expect(
            SQLPrinter().print(statement) == """
                SELECT a, (
                  SELECT max(b)
                  FROM u
                ) AS m
                FROM t
                WHERE a IN (
                  SELECT a
                  FROM v
                )
                GROUP BY a
                ORDER BY a
                LIMIT 3
                """)
        let ctas = try SQLParser.parseStatement("CREATE TABLE g.d WITH (format = 'PARQUET', partitioned_by = ARRAY['dt']) AS SELECT 1 AS dt")
        #expect(
            SQLPrinter().print(ctas) == """
                CREATE TABLE g.d
                WITH (
                  format = 'PARQUET',
                  partitioned_by = ARRAY['dt']
                ) AS
                SELECT 1 AS dt
                """)
    }

    @Test func scriptsEndEachStatementWithASemicolon() throws {
        #expect(printer.print(try SQLParser.parse("select 1; use s")) == "SELECT 1;\nUSE s;")
    }

    @Test func programmaticNamesAreQuotedWhenTheyMustBe() {
        let names = ["select", "Upper", "has space", "1st", "", "ok_name", "date"]
        let printed = names.map { printer.print(Expression(.column(QualifiedName([Identifier($0)])))) }
        #expect(printed == ["\"select\"", "\"Upper\"", "\"has space\"", "\"1st\"", "\"\"", "ok_name", "date"])
        let call = Expression(.function(FunctionCall(name: QualifiedName([Identifier("trim")]), arguments: [Expression(.literal(.string("x")))])))
        #expect(printer.print(call) == "trim('x')")
    }

    @Test func programmaticTreesGetTheParenthesesTheyNeed() throws {
        let a = Expression(.column(QualifiedName([Identifier("a")])))
        let b = Expression(.column(QualifiedName([Identifier("b")])))
        let sum = Expression(.binary(.add, a, b))
        let product = Expression(.binary(.multiply, sum, Expression(.binary(.subtract, a, b))))
        #expect(printer.print(product) == "(a + b) * (a - b)")
        let negated = Expression(.unary(.minus, Expression(.unary(.minus, a))))
        #expect(printer.print(negated) == "- -a")
        #expect(try SQLParser.parseExpression(printer.print(product)) == product)
        let logical = Expression(.logical(.and, [Expression(.logical(.or, [a, b])), Expression(.logical(.and, [a, b]))]))
        #expect(printer.print(logical) == "(a OR b) AND (a AND b)")
        #expect(try SQLParser.parseExpression(printer.print(logical)) == logical)
    }
}
