-- gold.analytics.flowcam_daily_summary: the FlowCam's daily summary per reactor (measurement date, TPU, reactor): how
-- many hourly samples made it through silver, culture density (avg / min / max), biovolume, particle counts and
-- cell size. Partitioned by the sample's own day (`date`), as the plant's gold analytics/date=YYYY-MM-DD/ layout
-- wants; a reactor-day whose export was empty has no row.
-- @not_null date, tpu_id, reactor_id, samples
-- @unique date, tpu_id, reactor_id
-- @row_count >= 1
-- @check density_ordered: SELECT * FROM gold.analytics.flowcam_daily_summary WHERE min_density > avg_density OR avg_density > max_density
CREATE TABLE gold.analytics.flowcam_daily_summary
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    tpu_id,
    reactor_id,
    count(*) AS samples,
    count(density) AS density_samples,
    avg(density) AS avg_density,
    min(density) AS min_density,
    max(density) AS max_density,
    avg(biovolume) AS avg_biovolume,
    sum(particle_count) AS total_particles,
    avg(particles_per_ml) AS avg_particles_per_ml,
    avg(mean_esd_um) AS avg_esd_um,
    avg(mean_aspect_ratio) AS avg_aspect_ratio,
    sum(volume_imaged_ml) AS volume_imaged_ml,
    min(capture_time) AS first_capture_time,
    max(capture_time) AS last_capture_time,
    date
FROM silver.flowcam
GROUP BY date, tpu_id, reactor_id
