-- gold.analytics.scada_daily_summary: the Citect historian's daily summary per tag (pH, temperature, dissolved oxygen,
-- PAR, CO2 flow per reactor; CO2 supply pressure and tank level per TPU): readings, avg / min / max value and the
-- readings flagged Bad. The tag name is decoded into TPU, reactor (NULL for TPU-wide tags) and the measured
-- quantity, so the table joins to dim_reactor without string parsing downstream.
-- @not_null date, tag_name, tpu_id, measurement, readings
-- @unique date, tag_name
-- @row_count >= 1
-- @check value_ordered: SELECT * FROM gold.analytics.scada_daily_summary WHERE min_value > avg_value OR avg_value > max_value
CREATE TABLE gold.analytics.scada_daily_summary
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    tag_name,
    CAST(regexp_extract(tag_name, '^TPU([0-9]+)_', 1) AS BIGINT) AS tpu_id,
    CAST(regexp_extract(tag_name, '^TPU[0-9]+_R([0-9]+)_', 1) AS BIGINT) AS reactor_id,
    regexp_extract(tag_name, '^TPU[0-9]+_(R[0-9]+_)?([A-Z0-9_]+?)(_PV)?$', 2) AS measurement,
    max(units) AS units,
    count(*) AS readings,
    avg(value) AS avg_value,
    min(value) AS min_value,
    max(value) AS max_value,
    stddev(value) AS stddev_value,
    count_if(quality <> 'Good') AS bad_quality_readings,
    min("timestamp") AS first_reading_time,
    max("timestamp") AS last_reading_time,
    date
FROM silver.scada_citect
GROUP BY date, tag_name
