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
GROUP BY tpu_id, reactor_id, "date"