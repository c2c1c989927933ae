WITH daily AS (
  SELECT "date", reactor_id, avg(avg_density) AS density
  FROM silver.flowcam
  WHERE "date" >= DATE '2024-01-01'
  GROUP BY "date", reactor_id
),
ranked AS (
  SELECT *, rank() OVER (PARTITION BY "date" ORDER BY density DESC) AS rnk FROM daily
)
SELECT * FROM ranked WHERE rnk <= 3 ORDER BY "date", rnk