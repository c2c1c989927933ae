-- Athena CTAS: CREATE TABLE ... WITH (properties) AS query [WITH [NO] DATA].

CREATE TABLE gold.flowcam_daily_summary
WITH (
  format = 'PARQUET',
  write_compression = 'SNAPPY',
  external_location = 's3://baralgae-gold/analytics/daily_summary/',
  partitioned_by = ARRAY['measurement_date']
) AS
SELECT tpu_id, reactor_id, avg(avg_density) AS avg_density, count(*) AS readings, "date" AS measurement_date
FROM silver.flowcam
GROUP BY tpu_id, reactor_id, "date";

CREATE TABLE IF NOT EXISTS gold.orders_by_day
WITH (format = 'PARQUET', partitioned_by = ARRAY['order_date', 'country'])
AS SELECT customer_id, sum(amount) AS revenue, order_date, country
FROM silver.orders
GROUP BY customer_id, order_date, country;

CREATE TABLE new_table WITH (format = 'TEXTFILE', field_delimiter = ',') AS SELECT * FROM old_table;

CREATE TABLE new_table WITH (format = 'JSON') AS SELECT * FROM old_table WITH NO DATA;

CREATE TABLE copy_of_table AS SELECT * FROM old_table WITH DATA;

CREATE TABLE ctas_bucketed
WITH (
  format = 'PARQUET',
  bucketed_by = ARRAY['customer_id'],
  bucket_count = 16,
  parquet_compression = 'ZSTD'
) AS
SELECT * FROM silver.customers;

CREATE TABLE gold.dim_customer (customer_key, customer_id, first_seen)
COMMENT 'one row per customer'
WITH (format = 'PARQUET')
AS SELECT row_number() OVER (ORDER BY customer_id), customer_id, min(order_ts)
FROM silver.orders GROUP BY customer_id;

CREATE TABLE gold.rates_by_state WITH (
  format = 'PARQUET',
  write_compression = 'ZSTD',
  partitioned_by = ARRAY['state', 'year', 'month'],
  is_external = true,
  table_type = 'HIVE'
) AS
WITH latest AS (
  SELECT * FROM rates.fact_rate_enriched WHERE year = 2024
)
SELECT billing_class, avg(negotiated_rate) AS avg_rate, approx_percentile(negotiated_rate, 0.5) AS median_rate, state, year, month
FROM latest
GROUP BY billing_class, state, year, month;

CREATE TABLE gold.top_customers WITH (format = 'ORC') AS
(SELECT customer_id, sum(amount) AS total FROM silver.orders GROUP BY 1 ORDER BY 2 DESC LIMIT 100);

CREATE TABLE lab.values_table AS VALUES (1, 'one'), (2, 'two'), (3, 'three');

CREATE TABLE lab.empty_like WITH (format = 'PARQUET', external_location = 'lab/empty_like/') AS TABLE silver.orders WITH NO DATA;

CREATE TABLE gold.weekly_growth WITH (format = 'PARQUET', partitioned_by = ARRAY['week_start']) AS
SELECT reactor_id, avg(growth_rate) AS avg_growth, date_trunc('week', measured_on) AS week_start
FROM silver.growth_tracking
WHERE measured_on >= DATE '2024-01-01'
GROUP BY reactor_id, date_trunc('week', measured_on);

CREATE TABLE metrics.null_rates WITH (format = 'PARQUET', partitioned_by = ARRAY['run_date']) AS
SELECT 'silver.orders' AS table_name,
       count(*) AS row_count,
       count(*) FILTER (WHERE customer_id IS NULL) * 1.0 / count(*) AS customer_id_null_rate,
       current_date AS run_date
FROM silver.orders;
