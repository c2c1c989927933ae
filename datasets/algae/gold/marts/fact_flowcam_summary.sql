-- gold.marts.fact_flowcam_summary: the culture fact per reactor and day: the FlowCam's density, biovolume and
-- cell size next to the operators' lab measurements of the same day (OD680, dry weight, chlorophyll a, harvest),
-- with the FlowCam's coverage (share of the 24 hourly samples that arrived) so a thin day is visible. One row per
-- reactor-day with FlowCam samples; lab columns NULL when no round was recorded. Partitioned by date.
-- @not_null date, tpu_id, reactor_id, reactor_key, samples, sample_coverage_pct
-- @unique date, tpu_id, reactor_id
-- @row_count >= 1
-- @check coverage_in_range: SELECT * FROM gold.marts.fact_flowcam_summary WHERE sample_coverage_pct <= 0 OR sample_coverage_pct > 100
CREATE TABLE gold.marts.fact_flowcam_summary
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    f.tpu_id,
    f.reactor_id,
    'TPU' || lpad(CAST(f.tpu_id AS VARCHAR), 2, '0') || '-R' || lpad(CAST(f.reactor_id AS VARCHAR), 2, '0') AS reactor_key,
    f.samples,
    round(CAST(f.samples AS DOUBLE) * 100 / 24, 2) AS sample_coverage_pct,
    f.avg_density,
    f.min_density,
    f.max_density,
    f.max_density - f.min_density AS density_range,
    f.avg_biovolume,
    f.total_particles,
    f.avg_particles_per_ml,
    f.avg_esd_um,
    f.avg_aspect_ratio,
    g.measurements AS lab_measurements,
    g.avg_od680,
    g.avg_dry_weight_g_l,
    g.avg_chlorophyll_a_mg_l,
    g.avg_ph AS lab_ph,
    g.culture_volume_l,
    g.harvested_volume_l,
    f.avg_density / nullif(g.avg_od680, 0) AS density_per_od680,
    f.date
FROM gold.analytics.flowcam_daily_summary f
LEFT JOIN gold.analytics.growth_daily_summary g
    ON g.date = f.date AND g.tpu_id = f.tpu_id AND g.reactor_id = f.reactor_id
