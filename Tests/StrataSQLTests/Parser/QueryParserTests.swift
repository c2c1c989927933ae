// Query structure: clauses, set operations, joins, FROM items, grouping, ordering and limits.
import Testing
@testable import StrataSQL

@Suite struct QueryParserTests {
    func select(_ sql: String) throws -> Select {
        let query = try SQLParser.parseQuery(sql)
        guard case .select(let select) = query.body.kind else {
            Issue.record("not a SELECT: \(sql)")
            return Select(items: [])
        }
        return select
    }

    @Test func selectClauses() throws {
        let query = try SQLParser.parseQuery(
            "SELECT DISTINCT a, b AS x, c y, * , t.* FROM t WHERE a > 1 GROUP BY a, 2 HAVING count(*) > 1 "
                + "WINDOW w AS (PARTITION BY a) ORDER BY a DESC NULLS FIRST, b OFFSET 5 LIMIT 10")
        guard case .select(let select) = query.body.kind else { throw Failure("not a select") }
        #expect(select.isDistinct)
        #expect(select.items.count == 5)
        #expect(select.items[1] == SelectItem(.expression(Expression(.column(QualifiedName([Identifier("b")]))), alias: Identifier("x"))))
        #expect(select.items[2] == SelectItem(.expression(Expression(.column(QualifiedName([Identifier("c")]))), alias: Identifier("y"))))
        #expect(select.items[3] == SelectItem(.allColumns(qualifier: nil)))
        #expect(select.items[4] == SelectItem(.allColumns(qualifier: QualifiedName([Identifier("t")]))))
        #expect(select.from.count == 1)
        #expect(select.where.map(SExpression.of) == "(> a 1)")
        #expect(select.groupBy?.elements.count == 2)
        #expect(select.groupBy?.elements[1] == GroupingElement(.expression(Expression(.literal(.integer("2"))))))
        #expect(select.having.map(SExpression.of) == "(> (call count *) 1)")
        #expect(select.windows.map(\.name.value) == ["w"])
        #expect(query.orderBy.count == 2)
        #expect(query.orderBy[0].direction == .descending && query.orderBy[0].nulls == .first)
        #expect(query.orderBy[1].direction == nil && query.orderBy[1].nulls == nil)
        #expect(query.offset == Expression(.literal(.integer("5"))))
        #expect(query.limit?.kind == .count(Expression(.literal(.integer("10")))))
    }

    @Test func limitForms() throws {
        #expect(try SQLParser.parseQuery("SELECT 1 LIMIT ALL").limit?.kind == .all)
        #expect(try SQLParser.parseQuery("SELECT 1 LIMIT 3 OFFSET 2").offset == Expression(.literal(.integer("2"))))
        #expect(try SQLParser.parseQuery("SELECT 1 FETCH FIRST 3 ROWS ONLY").limit?.kind == .fetchFirst(Expression(.literal(.integer("3"))), withTies: false))
        #expect(try SQLParser.parseQuery("SELECT 1 ORDER BY 1 FETCH NEXT ROW WITH TIES").limit?.kind == .fetchFirst(nil, withTies: true))
        #expect(try SQLParser.parseQuery("SELECT 1 OFFSET 1 ROW").offset != nil)
    }

    @Test func setOperationsFlattenChainsOfOneOperator() {
        #expect(squery("SELECT 1 UNION SELECT 2 UNION SELECT 3") == "(union (select 1) (select 2) (select 3))")
        #expect(squery("SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3") == "(union-all (select 1) (select 2) (select 3))")
        #expect(squery("SELECT 1 UNION SELECT 2 UNION ALL SELECT 3") == "(union-all (union (select 1) (select 2)) (select 3))")
        #expect(squery("SELECT 1 UNION DISTINCT SELECT 2") == "(union (select 1) (select 2))")
        #expect(squery("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3") == "(union (select 1) (intersect (select 2) (select 3)))")
        #expect(squery("SELECT 1 INTERSECT SELECT 2 UNION SELECT 3") == "(union (intersect (select 1) (select 2)) (select 3))")
        #expect(squery("SELECT 1 EXCEPT SELECT 2 EXCEPT SELECT 3") == "(except (select 1) (select 2) (select 3))")
        #expect(squery("SELECT 1 UNION SELECT 2 EXCEPT SELECT 3") == "(except (union (select 1) (select 2)) (select 3))")
        #expect(squery("SELECT 1 EXCEPT (SELECT 2 EXCEPT SELECT 3)") == "(except (select 1) (nested (except (select 2) (select 3))))")
        #expect(squery("(SELECT 1) UNION (SELECT 2) ORDER BY 1") == "(union (nested (select 1)) (nested (select 2)))")
        #expect(squery("VALUES 1 UNION TABLE t") == "(union (values (1)) (table t))")
    }

    @Test func longUnionChainsStayShallow() throws {
        let sql = (0..<2000).map { "SELECT \($0)" }.joined(separator: " UNION ALL ")
        let query = try SQLParser.parseQuery(sql)
        guard case .setOperation(let operation) = query.body.kind else { throw Failure("not a set operation") }
        #expect(operation.operands.count == 2000)
        let conditions = (0..<5000).map { "x = \($0)" }.joined(separator: " OR ")
        guard case .logical(.or, let operands) = try SQLParser.parseExpression(conditions).kind else { throw Failure("not OR") }
        #expect(operands.count == 5000)
    }

    @Test func values() {
        #expect(squery("VALUES (1, 'a'), (2, 'b')") == "(values (1 'a') (2 'b'))")
        #expect(squery("VALUES 1, 2") == "(values (1) (2))")
        #expect(squery("VALUES (1)") == "(values (1))")
        #expect(
            squery("SELECT * FROM (VALUES (1, 2)) AS t (a, b)")
                == "(select * from (derived (values (1 2)) as t(a,b)))")
    }

    @Test func with() throws {
        let query = try SQLParser.parseQuery("WITH a (x) AS (SELECT 1), b AS (SELECT x FROM a) SELECT * FROM b")
        #expect(query.with?.queries.map(\.name.value) == ["a", "b"])
        #expect(query.with?.queries[0].columns.map(\.value) == ["x"])
        #expect(squery("WITH a AS (SELECT 1) SELECT 2") == "(with (select 2))")
    }

    @Test(arguments: [
        ("SELECT * FROM a JOIN b ON a.x = b.x", "(join a b on:(= a.x b.x))"),
        ("SELECT * FROM a INNER JOIN b USING (x, y)", "(join a b using:x,y)"),
        ("SELECT * FROM a LEFT OUTER JOIN b ON p", "(left-join a b on:p)"),
        ("SELECT * FROM a RIGHT JOIN b ON p", "(right-join a b on:p)"),
        ("SELECT * FROM a FULL JOIN b ON p", "(full-join a b on:p)"),
        ("SELECT * FROM a CROSS JOIN b", "(cross-join a b)"),
        ("SELECT * FROM a JOIN b ON p JOIN c ON q", "(join (join a b on:p) c on:q)"),
        ("SELECT * FROM a JOIN b JOIN c ON q ON p", "(join a (join b c on:q) on:p)"),
        ("SELECT * FROM a JOIN (b JOIN c ON q) ON p", "(join a (join b c on:q) on:p)"),
        ("SELECT * FROM a CROSS JOIN b CROSS JOIN c", "(cross-join (cross-join a b) c)"),
        ("SELECT * FROM a, b CROSS JOIN c", "a, (cross-join b c)"),
        ("SELECT * FROM s.t AS x (p, q)", "s.t as x(p,q)"),
        ("SELECT * FROM t x", "t as x"),
        ("SELECT * FROM (SELECT 1) AS d", "(derived (select 1) as d)"),
        ("SELECT * FROM (SELECT 1)", "(derived (select 1))"),
        ("SELECT * FROM ((SELECT 1) UNION ALL (SELECT 2)) u", "(derived (union-all (nested (select 1)) (nested (select 2))) as u)"),
        ("SELECT * FROM ((SELECT 1) AS a JOIN b ON p)", "(join (derived (select 1) as a) b on:p)"),
        ("SELECT * FROM read_parquet('x/*.parquet', hive_partitioning => true) AS f", "(read_parquet 'x/*.parquet' hive_partitioning=TRUE) as f"),
        ("SELECT * FROM read_csv('a.csv', header = true, skip = 1, delim => ';')", "(read_csv 'a.csv' header=TRUE skip=1 delim=';')"),
        ("SELECT * FROM read_parquet()", "(read_parquet )"),
    ])
    func relations(sql: String, tree: String) throws {
        let from = try select(sql).from
        #expect(from.map(SExpression.of).joined(separator: ", ") == tree, "\(sql)")
    }

    @Test func implicitAliasesStopAtClauseKeywords() throws {
        #expect(try select("SELECT * FROM t LIMIT 1").from == [Relation(.table(QualifiedName([Identifier("t")]), alias: nil))])
        #expect(try SQLParser.parseQuery("SELECT * FROM t LIMIT 1").limit != nil)
        #expect(try select("SELECT * FROM t WINDOW w AS ()").windows.count == 1)
        #expect(try select("SELECT a year FROM t").items[0] == SelectItem(.expression(Expression(.column(QualifiedName([Identifier("a")]))), alias: Identifier("year"))))
        #expect(try select("SELECT a AS limit FROM t").items[0] == SelectItem(.expression(Expression(.column(QualifiedName([Identifier("a")]))), alias: Identifier("limit"))))
    }

    @Test func groupingElements() throws {
        let groupBy = try select("SELECT 1 FROM t GROUP BY a, ROLLUP (b, (c, d)), CUBE (e), GROUPING SETS ((a, b), a, ())").groupBy
        let a = Expression(.column(QualifiedName([Identifier("a")])))
        let b = Expression(.column(QualifiedName([Identifier("b")])))
        let c = Expression(.column(QualifiedName([Identifier("c")])))
        let d = Expression(.column(QualifiedName([Identifier("d")])))
        let e = Expression(.column(QualifiedName([Identifier("e")])))
        #expect(
            groupBy?.elements == [
                GroupingElement(.expression(a)),
                GroupingElement(.rollup([[b], [c, d]])),
                GroupingElement(.cube([[e]])),
                GroupingElement(.groupingSets([[a, b], [a], []])),
            ])
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

@Suite struct SetOperationBinaryViewTests {
    @Test func leftAndRightFoldTheChainFromTheLeft() throws {
        let query = try SQLParser.parseQuery("SELECT 1 EXCEPT SELECT 2 EXCEPT SELECT 3")
        guard case .setOperation(let operation) = query.body.kind else { throw Failure("not a set operation") }
        #expect(SExpression.of(operation.left) == "(except (select 1) (select 2))")
        #expect(SExpression.of(operation.right) == "(select 3)")
        guard case .setOperation(let inner) = operation.left.kind else { throw Failure("left is not a set operation") }
        #expect(SExpression.of(inner.left) == "(select 1)")
        #expect(SExpression.of(inner.right) == "(select 2)")
    }
}
