// Everything outside the dialect is rejected with a message that says what was expected, where, and — for
// near-miss keywords and other dialects' syntax — what to write instead.
import Testing
@testable import StrataSQL

@Suite struct ParserErrorTests {
    func failure(_ sql: String) -> String {
        do throws(SQLError) {
            _ = try SQLParser.parse(sql)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test(arguments: [
        // Missing and unexpected tokens, pointing just past the last token at the end of the input.
        ("SELECT 1 +", "line 1, column 11: expected an expression after '+'"),
        ("SELECT 1 + FROM t", "line 1, column 12: expected an expression after '+', found the keyword FROM"),
        ("SELECT * FROM t WHERE", "line 1, column 22: expected an expression after 'WHERE'"),
        ("SELECT a,\n  b +\n  FROM t", "line 3, column 3: expected an expression after '+', found the keyword FROM"),
        ("SELECT (1", "line 1, column 10: expected ')' after '1'"),
        ("SELECT a FROM t ORDER a", "line 1, column 23: expected BY after 'ORDER', found 'a'"),
        ("SELECT a FROM t JOIN u", "line 1, column 23: expected ON or USING and the join condition after 'u'"),
        ("SELECT CASE WHEN a THEN 1", "line 1, column 26: expected WHEN, ELSE or END after '1'"),
        ("SELECT 1 1", "line 1, column 10: expected ';' or the end of the input after '1', found '1'"),
        ("SELECT a FROM t LIMIT 'x'", "line 1, column 23: expected a row count (an integer) after 'LIMIT', found the string 'x'"),
        ("SELECT * FROM t WHERE a IN ()", "line 1, column 29: expected an expression after '(', found ')'"),
        ("SELECT DISTINCT FROM t", "line 1, column 17: expected an expression or '*' after 'DISTINCT', found the keyword FROM"),
        ("SELECT NOT FROM t", "line 1, column 12: expected an expression after 'NOT', found the keyword FROM"),
        ("INSERT INTO t", "line 1, column 14: expected a query (SELECT, VALUES, WITH, TABLE or '(') after 't'"),
        ("DESCRIBE", "line 1, column 9: expected a table name after 'DESCRIBE'"),
        ("SET x", "line 1, column 6: expected '=' and a value after 'x'"),
        ("CREATE TABLE t AS", "line 1, column 18: expected a query after 'AS'"),
        ("ALTER TABLE t ADD PARTITION (dt)", "line 1, column 32: expected '=' and the partition value after 'dt', found ')'"),
        ("CREATE EXTERNAL TABLE t (a int) LOCATION s3", "line 1, column 42: expected the location as a string after 'LOCATION', found 's3'"),
        ("SELECT 1;\nSELECT 2 +", "line 2, column 11: expected an expression after '+'"),
        ("", "no error"),
        // Misspelled keywords get a suggestion.
        ("SELEC * FROM t", "line 1, column 1: expected a statement (SELECT, WITH, CREATE, INSERT, DROP, SHOW, DESCRIBE, EXPLAIN, ...), found 'SELEC'; did you mean SELECT?"),
        ("SELECT 1;\nSELEC 2", "line 2, column 1: expected a statement (SELECT, WITH, CREATE, INSERT, DROP, SHOW, DESCRIBE, EXPLAIN, ...), found 'SELEC'; did you mean SELECT?"),
        ("CRATE TABLE t AS SELECT 1", "line 1, column 1: expected a statement (SELECT, WITH, CREATE, INSERT, DROP, SHOW, DESCRIBE, EXPLAIN, ...), found 'CRATE'; did you mean CREATE?"),
        ("SELECT a FORM t", "line 1, column 10: unexpected 't' after 'FORM', which reads as an alias; did you mean FROM?"),
        ("SELECT * FROM t WHER x = 1", "line 1, column 17: unexpected 'x' after 'WHER', which reads as an alias; did you mean WHERE?"),
        ("SELECT * FROM t LIMT 10", "line 1, column 17: unexpected '10' after 'LIMT', which reads as an alias; did you mean LIMIT?"),
        ("SELECT a FROM t GROUP BY a HAVNG count(*) > 1", "line 1, column 28: expected ';' or the end of the input after 'a', found 'HAVNG'; did you mean HAVING?"),
        ("SELECT a FROM t WHERE a = 1 GRUP BY a", "line 1, column 29: expected ';' or the end of the input after '1', found 'GRUP'; did you mean GROUP?"),
        ("SELECT a FROM t ORDER BYY a", "line 1, column 23: expected BY after 'ORDER', found 'BYY'; did you mean BY?"),
        ("SHOW TABLE", "line 1, column 6: expected TABLES, SCHEMAS, DATABASES, VIEWS, PARTITIONS, COLUMNS or CREATE after 'SHOW', found the keyword TABLE; did you mean TABLES?"),
        ("SELECT CAST(a AS INTEGR) FROM t", "line 1, column 18: unknown type 'INTEGR'; did you mean INTEGER?"),
        ("SELECT INTERVAL '1' DAYS", "line 1, column 21: expected an interval field (YEAR, MONTH, DAY, HOUR, MINUTE or SECOND) after the string '1', found 'DAYS'; did you mean DAY?"),
        ("SELECT EXTRACT(MONTHS FROM d) FROM t", "line 1, column 16: expected a date/time field (YEAR, QUARTER, MONTH, WEEK, DAY, DOW, DOY, HOUR, MINUTE, SECOND, ...) after '(', found 'MONTHS'; did you mean MONTH?"),
        ("SELECT * FROM a LEFT JION b ON p", "line 1, column 22: expected JOIN after 'LEFT', found 'JION'; did you mean JOIN?"),
        // Reserved words as names.
        ("SELECT select FROM t", "line 1, column 8: expected an expression after 'SELECT', found the keyword SELECT"),
        ("SELECT a FROM from", "line 1, column 15: expected a table name after 'FROM', found the reserved keyword FROM (write \"from\" to use it as a name)"),
        ("SELECT a AS order FROM t", "line 1, column 13: expected an alias after 'AS', found the reserved keyword ORDER (write \"order\" to use it as a name)"),
        // Lexical errors point at where the token starts.
        ("SELECT 'abc", "line 1, column 8: unterminated string: the quote that starts here is never closed"),
        ("SELECT 'a''\nb", "line 1, column 8: unterminated string: the quote that starts here is never closed"),
        ("SELECT /* never closed", "line 1, column 8: unterminated comment: the /* that starts here is never closed"),
        ("SELECT 1;\n\n  /* a\n b", "line 3, column 3: unterminated comment: the /* that starts here is never closed"),
        ("SELECT \"abc", "line 1, column 8: unterminated quoted name: the \" that starts here is never closed"),
        ("SELECT 12abc", "line 1, column 8: invalid number '12abc' (a name cannot start with a digit unless quoted)"),
        ("SELECT a | b", "line 1, column 10: unexpected character '|'; did you mean '||'?"),
        ("SELECT #", "line 1, column 8: unexpected character '#'"),
        ("SELECT é", "line 1, column 8: unexpected character 'é'"),
        ("SELECT 1 \u{0}", "line 1, column 10: unexpected character U+0"),
        ("SELECT 1 + 'oops", "line 1, column 12: unterminated string: the quote that starts here is never closed"),
        ("SELEC 1; SELECT 'oops", "line 1, column 1: expected a statement (SELECT, WITH, CREATE, INSERT, DROP, SHOW, DESCRIBE, EXPLAIN, ...), found 'SELEC'; did you mean SELECT?"),
        // Other dialects and unsupported statements, with what to write instead.
        ("SELECT a::int FROM t", "line 1, column 9: '::' casts are not Trino SQL; write CAST(expression AS type)"),
        ("WITH RECURSIVE x AS (SELECT 1) SELECT * FROM x", "line 1, column 6: WITH RECURSIVE is not supported"),
        ("SELECT a = b = c FROM t", "line 1, column 14: '=' cannot follow a comparison or predicate directly; combine them with AND/OR or use parentheses"),
        ("SELECT a IS NULL IS NULL FROM t", "line 1, column 18: the keyword IS cannot follow a comparison or predicate directly; combine them with AND/OR or use parentheses"),
        ("SELECT a = NOT b FROM t", "line 1, column 12: NOT cannot appear here without parentheses; write (NOT ...)"),
        ("SELECT INTERVAL 1 DAY", "line 1, column 17: the value of an INTERVAL is a string: write INTERVAL '1' DAY"),
        ("SELECT INTERVAL 3 days", "line 1, column 17: the value of an INTERVAL is a string: write INTERVAL '3' DAY"),
        ("SELECT `a` FROM t", "line 1, column 8: backquoted names are Hive DDL syntax; in queries quote names with double quotes: \"a\""),
        ("SELECT f(x => 1)", "line 1, column 12: named arguments (name => value) are only for table functions in FROM, such as read_parquet"),
        ("SELECT * FROM t NATURAL JOIN u", "line 1, column 17: NATURAL JOIN is not supported; write the join condition with ON or USING"),
        ("SELECT * FROM VALUES (1)", "line 1, column 15: VALUES in FROM must be parenthesized: FROM (VALUES (1, 'a')) AS t (id, name)"),
        ("SELECT * FROM SELECT 1", "line 1, column 15: a subquery in FROM must be parenthesized: FROM (SELECT ...) AS t"),
        ("SELECT * FROM t CROSS JOIN UNNEST(a)", "line 1, column 28: UNNEST is not supported"),
        ("SELECT * FROM (a JOIN b ON p) AS x", "line 1, column 31: an alias for a parenthesized join is not supported; alias the tables inside it"),
        ("SELECT a IS TRUE FROM t", "line 1, column 13: IS TRUE/FALSE/UNKNOWN is not supported; compare with = TRUE or use IS NULL"),
        ("SELECT 1 FROM t WHERE a NOT NULL", "line 1, column 25: write IS NOT NULL to test for a missing value"),
        ("SELECT ?", "line 1, column 8: parameters ('?') are not supported; write the value into the statement"),
        ("SELECT current_date()", "line 1, column 20: CURRENT_DATE is written without parentheses"),
        ("SELECT current_user", "line 1, column 8: CURRENT_USER is not supported"),
        ("SELECT x'ABC'", "line 1, column 8: a binary literal needs an even number of hexadecimal digits"),
        ("SELECT x'GG'", "line 1, column 8: a binary literal holds only hexadecimal digits: X'00FF'"),
        ("SELECT \"\"", "line 1, column 8: a quoted name cannot be empty"),
        ("SELECT CAST(a AS VARCHAR(99999999999))", "line 1, column 26: 99999999999 is too large for a length"),
        ("SELECT count(*) FROM t OFFSET 1 FETCH FIRST 1 ROWS ONLY OFFSET 2", "line 1, column 57: expected ';' or the end of the input after 'ONLY', found 'OFFSET'"),
        ("SELECT 1 FETCH FIRST 1 ROWS ONLY OFFSET 2", "line 1, column 34: OFFSET must come before FETCH FIRST"),
        ("SELECT lag(x) IGNORE NULLS FROM t", "line 1, column 28: expected OVER (IGNORE/RESPECT NULLS applies to window functions) after 'NULLS', found the keyword FROM"),
        ("DELETE FROM t", "line 1, column 1: DELETE is not supported"),
        ("UPDATE t SET a = 1", "line 1, column 1: UPDATE is not supported"),
        ("MERGE INTO t USING u ON p", "line 1, column 1: MERGE is not supported"),
        ("UNLOAD (SELECT 1) TO 's3://x'", "line 1, column 1: UNLOAD is not supported; write COPY (query) TO 'path' WITH (format = 'PARQUET')"),
        ("CREATE TABLE t (a int)", "line 1, column 19: CREATE TABLE with column types is not supported; declare files already in the lake with CREATE EXTERNAL TABLE ... LOCATION '...', or create a table from a query with CREATE TABLE ... AS SELECT"),
        ("CREATE SCHEMA s", "line 1, column 8: CREATE SCHEMA is not supported: schemas are the lake's folders"),
        ("CREATE OR REPLACE TABLE t AS SELECT 1", "line 1, column 19: expected VIEW (only views can be replaced) after 'REPLACE', found the keyword TABLE"),
        ("DROP SCHEMA s", "line 1, column 6: expected TABLE or VIEW after 'DROP', found 'SCHEMA'"),
        ("EXPLAIN EXPLAIN SELECT 1", "line 1, column 9: EXPLAIN cannot explain another EXPLAIN"),
        ("ALTER TABLE t RENAME TO u", "line 1, column 15: expected ADD PARTITION or DROP PARTITION after 't', found 'RENAME'"),
        ("ALTER TABLE t ADD PARTITION (dt = now())", "line 1, column 35: a partition value must be a literal: a string, a number, TRUE/FALSE or DATE '...'"),
        ("INSERT t SELECT 1", "line 1, column 8: expected INTO or OVERWRITE after 'INSERT', found 't'"),
        ("SHOW COLUMNS t", "line 1, column 14: expected FROM or IN and a table name after 'COLUMNS', found 't'"),
    ])
    func rejected(sql: String, message: String) {
        #expect(failure(sql) == message, "\(sql)")
    }

    @Test func errorsCarryCodesAndRanges() throws {
        func error(_ sql: String) -> SQLError? {
            do throws(SQLError) {
                _ = try SQLParser.parse(sql)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("SELECT 'abc")?.code == .unterminatedString)
        #expect(error("SELECT 'abc")?.range == SourceRange(7, 11))
        #expect(error("SELECT /*")?.code == .unterminatedComment)
        #expect(error("SELECT #")?.code == .invalidCharacter)
        #expect(error("SELECT 1a")?.code == .invalidNumber)
        #expect(error("SELECT a::int")?.code == .unsupported)
        #expect(error("SELEC 1")?.code == .syntax)
        #expect(error("SELEC 1")?.suggestion == "SELECT")
        #expect(error("SELEC 1")?.range == SourceRange(0, 5))
        #expect(error("SELECT 1 +")?.range == SourceRange(10, 10))
        #expect(error("SELECT \"\"")?.code == .invalidLiteral)
        #expect(error(String(repeating: "(", count: 1000))?.code == .nestingTooDeep)
    }
}
