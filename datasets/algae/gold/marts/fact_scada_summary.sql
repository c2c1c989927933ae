-- gold.marts.fact_scada_summary: process conditions per reactor and day, the historian's tags pivoted into one
-- row: pH, temperature, dissolved oxygen, PAR light and CO2 flow of the reactor, the CO2 supply pressure and
-- tank level of its TPU, and the day's alarm and pump events from the status log (equipment TPUnn-Rnn and
-- TPUnn-Rnn-PUMP belong to the reactor; TPUnn-CO2 alarms are the TPU's). Partitioned by date.
-- @not_null date, tpu_id, reactor_id, reactor_key, readings, bad_quality_readings, alarm_events, high_priority_alarms, pump_stops, tpu_co2_alarms
-- @unique date, tpu_id, reactor_id
-- @row_count >= 1
-- @check ph_in_range: SELECT * FROM gold.marts.fact_scada_summary WHERE min_ph < 0 OR max_ph > 14
CREATE TABLE gold.marts.fact_scada_summary
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS WITH reactor_tags AS (
    SELECT
        date,
        tpu_id,
        reactor_id,
        sum(readings) AS readings,
        sum(bad_quality_readings) AS bad_quality_readings,
        max(avg_value) FILTER (WHERE measurement = 'PH') AS avg_ph,
        max(min_value) FILTER (WHERE measurement = 'PH') AS min_ph,
        max(max_value) FILTER (WHERE measurement = 'PH') AS max_ph,
        max(avg_value) FILTER (WHERE measurement = 'TEMP') AS avg_temperature_c,
        max(max_value) FILTER (WHERE measurement = 'TEMP') AS max_temperature_c,
        max(avg_value) FILTER (WHERE measurement = 'DO') AS avg_do_pct_sat,
        max(avg_value) FILTER (WHERE measurement = 'PAR') AS avg_par_umol_m2_s,
        max(max_value) FILTER (WHERE measurement = 'PAR') AS max_par_umol_m2_s,
        max(avg_value) FILTER (WHERE measurement = 'CO2_FLOW') AS avg_co2_flow_l_min
    FROM gold.analytics.scada_daily_summary
    WHERE reactor_id IS NOT NULL
    GROUP BY date, tpu_id, reactor_id
),
tpu_tags AS (
    SELECT
        date,
        tpu_id,
        max(avg_value) FILTER (WHERE measurement = 'CO2_SUPPLY_PRESS') AS avg_co2_supply_pressure_bar,
        max(min_value) FILTER (WHERE measurement = 'CO2_SUPPLY_PRESS') AS min_co2_supply_pressure_bar,
        max(avg_value) FILTER (WHERE measurement = 'TANK_LEVEL') AS avg_tank_level_pct
    FROM gold.analytics.scada_daily_summary
    WHERE reactor_id IS NULL
    GROUP BY date, tpu_id
),
events AS (
    SELECT
        date,
        CAST(regexp_extract(equipment_id, '^TPU([0-9]+)', 1) AS BIGINT) AS tpu_id,
        CAST(regexp_extract(equipment_id, '^TPU[0-9]+-R([0-9]+)', 1) AS BIGINT) AS reactor_id,
        status,
        alarm_state,
        alarm_priority
    FROM silver.scada_status
),
reactor_events AS (
    SELECT
        date,
        tpu_id,
        reactor_id,
        count_if(status = 'ALARM' AND alarm_state = 'ACTIVE') AS alarm_events,
        count_if(status = 'ALARM' AND alarm_state = 'ACTIVE' AND alarm_priority <= 2) AS high_priority_alarms,
        count_if(status = 'STOPPED') AS pump_stops
    FROM events
    WHERE reactor_id IS NOT NULL
    GROUP BY date, tpu_id, reactor_id
),
tpu_events AS (
    SELECT date, tpu_id, count_if(status = 'ALARM' AND alarm_state = 'ACTIVE') AS tpu_co2_alarms
    FROM events
    WHERE reactor_id IS NULL
    GROUP BY date, tpu_id
)
SELECT
    r.tpu_id,
    r.reactor_id,
    'TPU' || lpad(CAST(r.tpu_id AS VARCHAR), 2, '0') || '-R' || lpad(CAST(r.reactor_id AS VARCHAR), 2, '0') AS reactor_key,
    r.readings,
    r.bad_quality_readings,
    r.avg_ph,
    r.min_ph,
    r.max_ph,
    r.avg_temperature_c,
    r.max_temperature_c,
    r.avg_do_pct_sat,
    r.avg_par_umol_m2_s,
    r.max_par_umol_m2_s,
    r.avg_co2_flow_l_min,
    t.avg_co2_supply_pressure_bar,
    t.min_co2_supply_pressure_bar,
    t.avg_tank_level_pct,
    coalesce(e.alarm_events, 0) AS alarm_events,
    coalesce(e.high_priority_alarms, 0) AS high_priority_alarms,
    coalesce(e.pump_stops, 0) AS pump_stops,
    coalesce(te.tpu_co2_alarms, 0) AS tpu_co2_alarms,
    r.date
FROM reactor_tags r
LEFT JOIN tpu_tags t ON t.date = r.date AND t.tpu_id = r.tpu_id
LEFT JOIN reactor_events e ON e.date = r.date AND e.tpu_id = r.tpu_id AND e.reactor_id = r.reactor_id
LEFT JOIN tpu_events te ON te.date = r.date AND te.tpu_id = r.tpu_id
