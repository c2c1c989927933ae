-- silver.flowcam: the FlowCam's hourly samples of every reactor, typed, checked and one row per sample.
-- A sample belongs to the day it was taken: the two samples exported with the next day's file land in their
-- own day, which is why `date` comes from `capture_time` and not from the folder.
-- @key sample_id
-- @rule capture_time_plausible: capture_time >= TIMESTAMP '2020-01-01 00:00:00' AND capture_time < TIMESTAMP '2030-01-01 00:00:00'
-- @rule biovolume_not_negative: biovolume >= 0
-- @not_null capture_time, date, tpu_id, reactor_id
CREATE TABLE silver.flowcam
WITH (format = 'PARQUET', partitioned_by = ARRAY['date', 'tpu_id', 'reactor_id'])
AS SELECT
    CAST(sample_id AS VARCHAR) AS sample_id,
    CAST(capture_time AS TIMESTAMP) AS capture_time,
    CAST(particle_count AS BIGINT) AS particle_count,
    CAST(particles_per_ml AS DOUBLE) AS particles_per_ml,
    CAST(density AS DOUBLE) AS density,
    CAST(biovolume AS DOUBLE) AS biovolume,
    CAST(mean_esd_um AS DOUBLE) AS mean_esd_um,
    CAST(mean_length_um AS DOUBLE) AS mean_length_um,
    CAST(mean_width_um AS DOUBLE) AS mean_width_um,
    CAST(mean_aspect_ratio AS DOUBLE) AS mean_aspect_ratio,
    CAST(volume_imaged_ml AS DOUBLE) AS volume_imaged_ml,
    CAST(flow_rate_ml_min AS DOUBLE) AS flow_rate_ml_min,
    CAST(dilution_factor AS BIGINT) AS dilution_factor,
    CAST(operator AS VARCHAR) AS operator,
    CAST(CAST(capture_time AS TIMESTAMP) AS DATE) AS date,
    CAST("TPU" AS BIGINT) AS tpu_id,
    CAST(reactor AS BIGINT) AS reactor_id
FROM read_csv('bronze/flowcam/date=*/TPU=*/reactor=*/flowcam_data.csv')
