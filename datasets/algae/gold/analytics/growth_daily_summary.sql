-- gold.analytics.growth_daily_summary: the operators' culture measurements per reactor and day (usually a morning and an
-- afternoon round): optical density at 680 nm, dry weight, chlorophyll a, pH and temperature averaged over the
-- day's rounds, the culture volume at the last round and the volume harvested that day.
-- @not_null date, tpu_id, reactor_id, measurements, harvested_volume_l, harvests
-- @unique date, tpu_id, reactor_id
-- @row_count >= 1
-- @check harvest_not_negative: SELECT * FROM gold.analytics.growth_daily_summary WHERE harvested_volume_l < 0
CREATE TABLE gold.analytics.growth_daily_summary
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    tpu_id,
    reactor_id,
    count(*) AS measurements,
    avg(optical_density_680) AS avg_od680,
    max(optical_density_680) AS max_od680,
    avg(dry_weight_g_l) AS avg_dry_weight_g_l,
    avg(chlorophyll_a_mg_l) AS avg_chlorophyll_a_mg_l,
    avg(ph) AS avg_ph,
    avg(temperature_c) AS avg_temperature_c,
    max_by(culture_volume_l, measurement_time) AS culture_volume_l,
    coalesce(sum(harvested_volume_l), 0) AS harvested_volume_l,
    count_if(harvested_volume_l > 0) AS harvests,
    min(measurement_time) AS first_measurement_time,
    max(measurement_time) AS last_measurement_time,
    date
FROM silver.growth_tracking
GROUP BY date, tpu_id, reactor_id
