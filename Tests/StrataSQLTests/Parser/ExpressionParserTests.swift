// Expression trees: precedence and associativity as in Trino, literals as written, special forms.
import Testing
@testable import StrataSQL

@Suite struct ExpressionParserTests {
    @Test(arguments: [
        ("1 + 2 * 3", "(+ 1 (* 2 3))"),
        ("(1 + 2) * 3", "(* (+ 1 2) 3)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a - (b - c)", "(- a (- b c))"),
        ("a / b * c % d", "(% (* (/ a b) c) d)"),
        ("a || b + c", "(|| a (+ b c))"),
        ("a || b || c", "(|| (|| a b) c)"),
        ("-a * b", "(* (- a) b)"),
        ("- -a", "(- (- a))"),
        ("-(a + b)", "(- (+ a b))"),
        ("+a", "(+ a)"),
        ("a = b", "(= a b)"),
        ("a + 1 >= b * 2", "(>= (+ a 1) (* b 2))"),
        ("a <> b", "(<> a b)"),
        ("a != b", "(<> a b)"),
        ("NOT a = b", "(NOT (= a b))"),
        ("NOT NOT a", "(NOT (NOT a))"),
        ("a AND b OR c", "(OR (AND a b) c)"),
        ("a OR b AND c", "(OR a (AND b c))"),
        ("a AND b AND c AND d", "(AND a b c d)"),
        ("a OR b OR c", "(OR a b c)"),
        ("a AND (b AND c)", "(AND a (AND b c))"),
        ("(a AND b) AND c", "(AND (AND a b) c)"),
        ("NOT a AND b", "(AND (NOT a) b)"),
        ("(a = b) = c", "(= (= a b) c)"),
        ("a IS NULL", "(null a)"),
        ("a + 1 IS NOT NULL", "(not-null (+ a 1))"),
        ("a IS DISTINCT FROM b", "(distinct a b)"),
        ("a IS NOT DISTINCT FROM b + 1", "(not-distinct a (+ b 1))"),
        ("a BETWEEN 1 AND 2 AND b", "(AND (between a 1 2) b)"),
        ("a NOT BETWEEN b - 1 AND c || d", "(not-between a (- b 1) (|| c d))"),
        ("a IN (1, 2)", "(in a 1 2)"),
        ("a NOT IN ('x')", "(not-in a 'x')"),
        ("(a, b) IN ((1, 2), (3, 4))", "(in (row a b) (row 1 2) (row 3 4))"),
        ("a LIKE 'x%'", "(like a 'x%')"),
        ("a NOT LIKE b || '%' ESCAPE '\\'", "(not-like a (|| b '%') '\\')"),
        ("a[1]", "(subscript a 1)"),
        ("a[1][i + 1]", "(subscript (subscript a 1) (+ i 1))"),
        ("ts AT TIME ZONE 'UTC'", "(at-time-zone ts 'UTC')"),
        ("-ts AT TIME ZONE 'UTC'", "(- (at-time-zone ts 'UTC'))"),
        ("ts AT TIME ZONE INTERVAL '2' HOUR", "(at-time-zone ts (interval '2' HOUR))"),
    ])
    func precedence(sql: String, tree: String) {
        #expect(sexpr(sql) == tree, "\(sql)")
    }

    @Test func literalsKeepTheirText() {
        #expect(sexpr("42") == "42")
        #expect(sexpr("007") == "007")
        #expect(sexpr("4.20") == "dec:4.20")
        #expect(sexpr(".5") == "dec:.5")
        #expect(sexpr("4.") == "dec:4.")
        #expect(sexpr("1E-3") == "dbl:1E-3")
        #expect(sexpr("123456789012345678901234567890.000000001") == "dec:123456789012345678901234567890.000000001")
        #expect(sexpr("'it''s'") == "'it's'")
        #expect(sexpr("''") == "''")
        #expect(sexpr("X'00fF'") == "X'00fF'")
        #expect(sexpr("NULL") == "NULL")
        #expect(sexpr("true") == "TRUE")
        #expect(sexpr("FALSE") == "FALSE")
        #expect(sexpr("-1") == "(- 1)")
    }

    @Test func typedLiteralsAndIntervals() {
        #expect(sexpr("DATE '2024-01-31'") == "(DATE '2024-01-31')")
        #expect(sexpr("timestamp '2024-01-31 10:00:00'") == "(TIMESTAMP '2024-01-31 10:00:00')")
        #expect(sexpr("TIME '10:00'") == "(TIME '10:00')")
        #expect(sexpr("DECIMAL '1.50'") == "(DECIMAL '1.50')")
        #expect(sexpr("double precision '1'") == "(DOUBLE PRECISION '1')")
        #expect(sexpr("INTERVAL '1' DAY") == "(interval '1' DAY)")
        #expect(sexpr("INTERVAL '2' hour TO second") == "(interval '2' HOUR SECOND)")
        #expect(sexpr("INTERVAL -'1-6' YEAR TO MONTH") == "(interval -'1-6' YEAR MONTH)")
        #expect(sexpr("DATE '2024-01-01' + INTERVAL '1' MONTH") == "(+ (DATE '2024-01-01') (interval '1' MONTH))")
        #expect(sexpr("current_date") == "CURRENT_DATE")
        #expect(sexpr("CURRENT_TIMESTAMP(3)") == "CURRENT_TIMESTAMP(3)")
        #expect(sexpr("localtimestamp") == "LOCALTIMESTAMP")
    }

    @Test func keywordsThatAreNamesHere() {
        #expect(sexpr("date") == "date")
        #expect(sexpr("date = DATE '2024-01-01'") == "(= date (DATE '2024-01-01'))")
        #expect(sexpr("interval + 1") == "(+ interval 1)")
        #expect(sexpr("year(d) + month") == "(+ (call year d) month)")
        #expect(sexpr("t.date") == "t.date")
        #expect(sexpr("array") == "array")
        #expect(sexpr("position") == "position")
        #expect(sexpr("try_cast") == "try_cast")
        #expect(sexpr("\"select\"") == "\"select\"")
        #expect(sexpr("Foo.BAR") == "foo.bar")
        #expect(sexpr("\"Foo\".BAR") == "\"Foo\".bar")
    }

    @Test func functionCalls() {
        #expect(sexpr("count(*)") == "(call count *)")
        #expect(sexpr("COUNT(DISTINCT a)") == "(call count distinct a)")
        #expect(sexpr("count(ALL a)") == "(call count a)")
        #expect(sexpr("f()") == "(call f)")
        #expect(sexpr("s.f(1, 'a')") == "(call s.f 1 'a')")
        #expect(sexpr("sum(x) FILTER (WHERE x > 0)") == "(call sum x filter:(> x 0))")
        #expect(sexpr("array_agg(x ORDER BY y DESC)") == "(call array_agg x order:y)")
        #expect(sexpr("lag(x) IGNORE NULLS OVER (ORDER BY t)") == "(call lag x ignore-nulls over:(order:t))")
        #expect(sexpr("row_number() OVER w") == "(call row_number over:w)")
        #expect(sexpr("grouping(a, b)") == "(call grouping a b)")
        #expect(sexpr("\"count\"(*)") == "(call count *)")
    }

    @Test func windows() {
        #expect(sexpr("sum(x) OVER ()") == "(call sum x over:())")
        #expect(sexpr("sum(x) OVER (PARTITION BY a, b ORDER BY c)") == "(call sum x over:(partition:a,b order:c))")
        #expect(
            sexpr("sum(x) OVER (ORDER BY t ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")
                == "(call sum x over:(order:t rows:unbounded-preceding..current-row))")
        #expect(
            sexpr("sum(x) OVER (ORDER BY t RANGE BETWEEN 3 PRECEDING AND 1 + 1 FOLLOWING)")
                == "(call sum x over:(order:t range:3-preceding..(+ 1 1)-following))")
        #expect(sexpr("sum(x) OVER (ORDER BY t ROWS 2 PRECEDING)") == "(call sum x over:(order:t rows:2-preceding))")
        #expect(sexpr("sum(x) OVER (w GROUPS CURRENT ROW)") == "(call sum x over:(w groups:current-row))")
        #expect(sexpr("avg(x) OVER (w ORDER BY t)") == "(call avg x over:(w order:t))")
    }

    @Test func specialFormsBecomeCalls() {
        #expect(sexpr("substring(s FROM 2 FOR 3)") == "(call substring s 2 3)")
        #expect(sexpr("SUBSTRING(s FROM 2)") == "(call substring s 2)")
        #expect(sexpr("substring(s, 2, 3)") == "(call substring s 2 3)")
        #expect(sexpr("position('@' IN email)") == "(call strpos email '@')")
        #expect(sexpr("trim(s)") == "(call trim s)")
        #expect(sexpr("trim(s, 'x')") == "(call trim s 'x')")
        #expect(sexpr("trim(BOTH 'x' FROM s)") == "(call trim s 'x')")
        #expect(sexpr("trim(LEADING FROM s)") == "(call ltrim s)")
        #expect(sexpr("trim(TRAILING '0' FROM s)") == "(call rtrim s '0')")
        #expect(sexpr("trim(FROM s)") == "(call trim s)")
        #expect(sexpr("trim('x' FROM s)") == "(call trim s 'x')")
    }

    @Test func caseCastExtract() {
        #expect(sexpr("CASE WHEN a THEN 1 ELSE 2 END") == "(case (when a 1) (else 2))")
        #expect(sexpr("CASE x WHEN 1 THEN 'a' WHEN 2 THEN 'b' END") == "(case x (when 1 'a') (when 2 'b'))")
        #expect(sexpr("CAST(a AS BIGINT)") == "(cast a BIGINT)")
        #expect(sexpr("try_cast(a AS decimal(10, 2))") == "(try_cast a DECIMAL(10,2))")
        #expect(sexpr("EXTRACT(year FROM d)") == "(extract YEAR d)")
        #expect(sexpr("extract(DAY_OF_WEEK FROM d)") == "(extract DAY_OF_WEEK d)")
        #expect(sexpr("ARRAY[1, 2]") == "(array 1 2)")
        #expect(sexpr("ARRAY[]") == "(array)")
        #expect(sexpr("ARRAY['k'][1]") == "(subscript (array 'k') 1)")
    }

    @Test func subqueries() {
        #expect(sexpr("(SELECT 1)") == "(select 1)")
        #expect(sexpr("x IN (SELECT y FROM t)") == "(in x (select y from t))")
        #expect(sexpr("EXISTS (SELECT * FROM t)") == "(exists (select * from t))")
        #expect(sexpr("NOT EXISTS (SELECT 1)") == "(NOT (exists (select 1)))")
        #expect(sexpr("x = ANY (SELECT y FROM t)") == "(= ANY x (select y from t))")
        #expect(sexpr("x > ALL (SELECT y FROM t)") == "(> ALL x (select y from t))")
        #expect(sexpr("x < SOME (SELECT 1)") == "(< SOME x (select 1))")
        #expect(sexpr("((SELECT 1) + 1)") == "(+ (select 1) 1)")
        #expect(sexpr("((SELECT 1))") == "(nested (select 1))")
        #expect(sexpr("((SELECT 1) UNION (SELECT 2))") == "(union (nested (select 1)) (nested (select 2)))")
        #expect(sexpr("((SELECT 1), 2)") == "(row (select 1) 2)")
        #expect(sexpr("x IN ((SELECT 1), 2)") == "(in x (select 1) 2)")
        #expect(sexpr("x IN ((SELECT 1) UNION (SELECT 2))") == "(in x (union (nested (select 1)) (nested (select 2))))")
    }

    @Test func parseExpressionNeedsTheWholeInput() {
        #expect(sexpr("a b").hasPrefix("error: line 1, column 3: expected the end of the input after 'a', found 'b'"))
        #expect(sexpr("a;") == "a")
    }
}
