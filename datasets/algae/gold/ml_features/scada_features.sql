-- gold.ml_features.scada_features: process-condition features per reactor and day from fact_scada_summary: the
-- day's pH, temperature, light (PAR), dissolved oxygen and CO2 feed, their 3-day rolling means (the day and the
-- two calendar days before), the day's pH swing, the share of readings flagged Bad and alarms over 3 days, so a
-- model sees stress that builds up over days. Partitioned by date.
-- @not_null date, tpu_id, reactor_id, readings, bad_quality_ratio, alarm_events, alarm_events_3d
-- @unique date, tpu_id, reactor_id
-- @row_count >= 1
-- @check ratio_in_range: SELECT * FROM gold.ml_features.scada_features WHERE bad_quality_ratio < 0 OR bad_quality_ratio > 1
CREATE TABLE gold.ml_features.scada_features
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    tpu_id,
    reactor_id,
    readings,
    CAST(bad_quality_readings AS DOUBLE) / readings AS bad_quality_ratio,
    avg_ph,
    max_ph - min_ph AS ph_range,
    avg(avg_ph) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
        RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS ph_3d_avg,
    avg_temperature_c,
    avg(avg_temperature_c) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
        RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS temperature_3d_avg_c,
    max_temperature_c,
    avg_par_umol_m2_s,
    avg(avg_par_umol_m2_s) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
        RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS par_3d_avg_umol_m2_s,
    avg_do_pct_sat,
    avg_co2_flow_l_min,
    avg_co2_supply_pressure_bar,
    alarm_events,
    sum(alarm_events) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
        RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS alarm_events_3d,
    high_priority_alarms,
    date
FROM gold.marts.fact_scada_summary
