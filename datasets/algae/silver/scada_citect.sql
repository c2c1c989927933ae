-- silver.scada_citect: the Citect historian's sensor readings (pH, temperature, PAR, flows), one row per tag
-- and time. `#COMM` (communication loss) is not a reading: such rows go to quarantine as values that are not
-- numbers; the epoch written for a missing time is not a time of this plant.
-- @key timestamp, tag_name
-- @rule timestamp_plausible: "timestamp" >= TIMESTAMP '2020-01-01 00:00:00' AND "timestamp" < TIMESTAMP '2030-01-01 00:00:00'
-- @not_null timestamp, value, date
CREATE TABLE silver.scada_citect
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    CAST("timestamp" AS TIMESTAMP) AS "timestamp",
    CAST(tag_name AS VARCHAR) AS tag_name,
    CAST(value AS DOUBLE) AS value,
    CAST(units AS VARCHAR) AS units,
    CAST(quality AS VARCHAR) AS quality,
    CAST(CAST("timestamp" AS TIMESTAMP) AS DATE) AS date
FROM read_csv('bronze/scada/date=*/citect/scada_citect.csv')
