-- gold.ml_features.combined_features: the training table of the growth model, one row per reactor-day with
-- FlowCam samples: the FlowCam growth features, the day's lab measurements (OD680, dry weight, chlorophyll,
-- harvest), the reactor's process conditions and the plant's weather, plus the label next_day_density (the next
-- calendar day's average density, NULL when that day has no samples yet). Partitioned by date.
-- @not_null date, tpu_id, reactor_id, reactor_key, avg_density, density_3d_avg, harvested_volume_l
-- @unique date, tpu_id, reactor_id
-- @row_count >= 1
CREATE TABLE gold.ml_features.combined_features
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    f.tpu_id,
    f.reactor_id,
    'TPU' || lpad(CAST(f.tpu_id AS VARCHAR), 2, '0') || '-R' || lpad(CAST(f.reactor_id AS VARCHAR), 2, '0') AS reactor_key,
    f.day_number,
    f.avg_density,
    f.density_3d_avg,
    f.prev_day_density,
    f.density_growth_rate,
    f.specific_growth_rate,
    f.biovolume_3d_avg,
    f.avg_esd_um,
    g.avg_od680,
    g.avg_dry_weight_g_l,
    g.avg_chlorophyll_a_mg_l,
    coalesce(g.harvested_volume_l, 0) AS harvested_volume_l,
    g.culture_volume_l,
    s.avg_ph,
    s.ph_3d_avg,
    s.avg_temperature_c,
    s.temperature_3d_avg_c,
    s.avg_par_umol_m2_s,
    s.par_3d_avg_umol_m2_s,
    s.avg_do_pct_sat,
    s.avg_co2_flow_l_min,
    s.alarm_events_3d,
    w.temperature_avg_c AS air_temperature_avg_c,
    w.temperature_max_c AS air_temperature_max_c,
    w.solar_radiation_sum_wh_m2,
    w.precipitation_mm,
    w.cloud_cover_avg_pct,
    max(f.avg_density) OVER (PARTITION BY f.tpu_id, f.reactor_id ORDER BY f.date
        RANGE BETWEEN INTERVAL '1' DAY FOLLOWING AND INTERVAL '1' DAY FOLLOWING) AS next_day_density,
    f.date
FROM gold.ml_features.flowcam_features f
LEFT JOIN gold.analytics.growth_daily_summary g ON g.date = f.date AND g.tpu_id = f.tpu_id AND g.reactor_id = f.reactor_id
LEFT JOIN gold.ml_features.scada_features s ON s.date = f.date AND s.tpu_id = f.tpu_id AND s.reactor_id = f.reactor_id
LEFT JOIN gold.analytics.weather_daily_summary w ON w.date = f.date
