-- GROUP BY by name, ordinal and expression; GROUPING SETS, ROLLUP and CUBE as nodes.
SELECT country, count(*) FROM t GROUP BY country