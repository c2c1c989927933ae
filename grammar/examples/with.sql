-- WITH queries (common table expressions).
WITH x AS (SELECT 1 AS a) SELECT * FROM x;
WITH x (a, b) AS (SELECT 1, 2) SELECT a + b FROM x;
WITH x AS (SELECT 1 AS a), y AS (SELECT a * 2 AS b FROM x) SELECT * FROM x CROSS JOIN y;
WITH daily AS (
  SELECT "date", reactor_id, avg(avg_density) AS density
  FROM silver.flowcam
  WHERE "date" >= DATE '2024-01-01'
  GROUP BY "date", reactor_id
),
ranked AS (
  SELECT *, rank() OVER (PARTITION BY "date" ORDER BY density DESC) AS rnk FROM daily
)
SELECT * FROM ranked WHERE rnk <= 3 ORDER BY "date", rnk;
WITH x AS ((SELECT 1 AS a) UNION (SELECT 2)) SELECT * FROM x;
WITH x AS (WITH y AS (SELECT 1 AS a) SELECT a FROM y) SELECT * FROM x;
WITH "Quoted Name" AS (SELECT 1 AS a) SELECT * FROM "Quoted Name";
WITH x AS (SELECT 1 AS a) SELECT a FROM x ORDER BY a LIMIT 1;
