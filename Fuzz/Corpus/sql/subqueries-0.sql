-- Subqueries: scalar, IN, EXISTS, derived tables, nested queries in parentheses.
SELECT (SELECT count(*) FROM t) AS n