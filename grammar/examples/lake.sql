-- Queries of the kind the lake's users run: partition predicates, medallion hops, data quality.
SELECT * FROM silver.flowcam WHERE "date" = DATE '2024-03-01' AND tpu_id = 1 AND reactor_id IN (1, 2, 3);
SELECT * FROM silver.flowcam WHERE "date" >= DATE '2024-03-01' AND "date" < DATE '2024-04-01' OR reactor_id = 7;
SELECT count(*) FROM silver.flowcam WHERE EXTRACT(MONTH FROM "date") = 3 AND EXTRACT(YEAR FROM "date") = 2024;
SELECT reactor_id, date_trunc('hour', measurement_ts) AS hour, avg(avg_density) AS density
FROM silver.flowcam
WHERE "date" BETWEEN current_date - INTERVAL '30' DAY AND current_date
GROUP BY reactor_id, date_trunc('hour', measurement_ts)
ORDER BY reactor_id, hour;
SELECT payer_slug, state, billing_class, avg(negotiated_rate) AS avg_rate, count(*) AS n
FROM rates.fact_rate_enriched
WHERE state IN ('GA', 'FL') AND year = 2024 AND month >= 6 AND billing_class = 'professional'
GROUP BY payer_slug, state, billing_class
HAVING count(*) >= 100
ORDER BY avg_rate DESC
LIMIT 50;
SELECT stat_area_name, approx_percentile(negotiated_rate, 0.9) AS p90
FROM rates.fact_rate_enriched
WHERE procedure_set = 'Evaluation and Management' AND taxonomy LIKE '101Y%'
GROUP BY stat_area_name;
SELECT o.country, date_trunc('week', o.order_ts) AS week, sum(o.amount) AS revenue, count(DISTINCT o.customer_id) AS buyers
FROM silver.orders AS o
WHERE o.order_date >= DATE '2024-01-01'
GROUP BY 1, 2
ORDER BY 1, 2;
SELECT *
FROM (
  SELECT *, row_number() OVER (PARTITION BY order_id ORDER BY ingested_at DESC) AS version
  FROM bronze.orders_parsed
) AS latest
WHERE version = 1;
SELECT 'amount' AS column_name, count(*) - count(amount) AS nulls, (count(*) - count(amount)) * 100.0 / nullif(count(*), 0) AS null_pct FROM silver.orders;
SELECT rule, count(*) AS failures FROM metrics.rule_outcomes WHERE run_date = current_date AND NOT passed GROUP BY rule ORDER BY failures DESC;
SELECT table_name, max(run_ts) AS last_run FROM metrics.row_counts GROUP BY table_name HAVING max(run_ts) < current_timestamp - INTERVAL '1' DAY;
SELECT f.reactor_id, g.growth_rate, w.temperature_c
FROM silver.flowcam AS f
JOIN silver.growth_tracking AS g ON g.reactor_id = f.reactor_id AND g."date" = f."date"
LEFT JOIN silver.weather AS w ON w."date" = f."date"
WHERE f."date" = DATE '2024-03-01';
SELECT tenant, count(*) FROM read_parquet('lake/silver/events/tenant=*/dt=*/*.parquet', hive_partitioning = true) WHERE dt = '2024-03-01' GROUP BY tenant;
SELECT count(*) FROM silver.orders WHERE order_date = DATE '2024-03-01' AND customer_id IS NOT NULL AND amount > 0 AND currency IN ('EUR', 'USD');
SELECT customer_id, sum(CASE WHEN status = 'refunded' THEN -amount ELSE amount END) AS net FROM silver.orders GROUP BY customer_id;
SELECT * FROM silver.scada_status WHERE "date" = DATE '2024-03-01' AND status <> 'OK' ORDER BY read_at DESC FETCH FIRST 20 ROWS ONLY;
