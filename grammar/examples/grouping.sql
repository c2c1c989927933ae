-- GROUP BY by name, ordinal and expression; GROUPING SETS, ROLLUP and CUBE as nodes.
SELECT country, count(*) FROM t GROUP BY country;
SELECT country, state, count(*) FROM t GROUP BY 1, 2;
SELECT year(d), count(*) FROM t GROUP BY year(d);
SELECT a + b, count(*) FROM t GROUP BY a + b;
SELECT country, state, sum(x) FROM t GROUP BY GROUPING SETS ((country, state), (country), ());
SELECT country, state, sum(x) FROM t GROUP BY ROLLUP (country, state);
SELECT country, state, sum(x) FROM t GROUP BY CUBE (country, state);
SELECT a, b, c, sum(x) FROM t GROUP BY a, ROLLUP (b, c);
SELECT a, b, sum(x) FROM t GROUP BY GROUPING SETS (a, b, (a, b));
SELECT a, b, sum(x) FROM t GROUP BY ROLLUP ((a, b), c);
SELECT a, b FROM t GROUP BY (a, b);
SELECT count(*) FROM t HAVING count(*) > 0;
