-- silver.growth_tracking: the operators' daily culture measurements per reactor (optical density, dry weight,
-- chlorophyll, pH, harvests). A decimal comma (`0,67`) or a reactor typed as a label (`R2`) is not a number:
-- those entries go to quarantine for the operator to correct.
-- @key record_id
-- @rule measurement_time_plausible: measurement_time >= TIMESTAMP '2020-01-01 00:00:00' AND measurement_time < TIMESTAMP '2030-01-01 00:00:00'
-- @not_null measurement_time, tpu_id, reactor_id, date
CREATE TABLE silver.growth_tracking
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    CAST(record_id AS VARCHAR) AS record_id,
    CAST(measurement_time AS TIMESTAMP) AS measurement_time,
    CAST(tpu_id AS BIGINT) AS tpu_id,
    CAST(reactor_id AS BIGINT) AS reactor_id,
    CAST(optical_density_680 AS DOUBLE) AS optical_density_680,
    CAST(dry_weight_g_l AS DOUBLE) AS dry_weight_g_l,
    CAST(chlorophyll_a_mg_l AS DOUBLE) AS chlorophyll_a_mg_l,
    CAST(ph AS DOUBLE) AS ph,
    CAST(temperature_c AS DOUBLE) AS temperature_c,
    CAST(culture_volume_l AS DOUBLE) AS culture_volume_l,
    CAST(harvested_volume_l AS DOUBLE) AS harvested_volume_l,
    CAST(operator AS VARCHAR) AS operator,
    CAST(notes AS VARCHAR) AS notes,
    CAST(CAST(measurement_time AS TIMESTAMP) AS DATE) AS date
FROM read_csv('bronze/growth_tracking/date=*/growth_data.csv')
