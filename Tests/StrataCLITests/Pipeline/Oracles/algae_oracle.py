#!/usr/bin/env python3
"""Independent oracle for the algae plant's pipeline (BarAlgae: bronze -> silver -> gold).

    python3 algae_oracle.py --lake DIR      (DIR holds bronze/ of the algae lake)

Reads the bronze CSV files itself (the standard library's csv, every field as text, an empty field NULL, the
Hive folders date=/TPU=/reactor= as text columns), applies the silver models' ingestion rules
(datasets/algae/silver/*.sql: CASTs as TRY_CAST with a non-NULL value that does not cast quarantined, @key NULL
quarantined and the last delivered copy kept, @rule predicates FALSE quarantined), then computes the gold
figures of datasets/algae/gold/** with DuckDB. Prints one JSON object
{"checks": [{"name", "strata_sql", "columns", "rows"}]}: `rows` is what `strata_sql`, run by Strata on the
materialized lake, must return. Doubles are compared unrounded (compare_oracle.py allows a relative 1e-9): averages of 96 three-decimal
readings land exactly on a 7th-decimal 5 so often that round(x, 6) flips with summation order. Timestamps as Strata's CSV
prints them. Nothing here reads Strata's output.
"""
import argparse
import datetime
import decimal
import json
import sys

import duckdb

from oracle_support import load, read_csv_glob, strata_column_names

FLOWCAM_COLUMNS = ["sample_id", "capture_time", "particle_count", "particles_per_ml", "density", "biovolume",
                   "mean_esd_um", "mean_length_um", "mean_width_um", "mean_aspect_ratio", "volume_imaged_ml",
                   "flow_rate_ml_min", "dilution_factor", "operator"]
GROWTH_COLUMNS = ["record_id", "measurement_time", "tpu_id", "reactor_id", "optical_density_680", "dry_weight_g_l",
                  "chlorophyll_a_mg_l", "ph", "temperature_c", "culture_volume_l", "harvested_volume_l", "operator",
                  "notes"]
CITECT_COLUMNS = ["timestamp", "tag_name", "value", "units", "quality"]
STATUS_COLUMNS = ["event_id", "timestamp", "equipment_id", "tag_name", "status", "alarm_state", "alarm_priority",
                  "alarm_message", "acknowledged_by"]
HISTORICAL_COLUMNS = ["observation_time", "station_id", "temperature_c", "relative_humidity_pct",
                      "solar_radiation_w_m2", "wind_speed_m_s", "wind_direction_deg", "precipitation_mm",
                      "cloud_cover_pct", "pressure_hpa"]
FORECAST_COLUMNS = ["issued_at", "forecast_time", "station_id", "temperature_c", "relative_humidity_pct",
                    "solar_radiation_w_m2", "wind_speed_m_s", "precipitation_probability_pct", "precipitation_mm",
                    "cloud_cover_pct"]


# ---------------------------------------------------------------------------------------------------------
# Bronze, read as text: (values by column, file, line) per record; Hive folder values appended as columns.

# ---------------------------------------------------------------------------------------------------------
# Silver: the ingestion rules of datasets/algae/silver/*.sql, generated from (column, type) lists.

PLAUSIBLE = "BETWEEN TIMESTAMP '2020-01-01 00:00:00' AND TIMESTAMP '2030-01-01 00:00:00' - INTERVAL 1 MICROSECOND"


def silver(table, source, typed, keys, rules, extra):
    """typed: [(output name, source column, type)]; keys: output names; rules: SQL over output names, NULL passes;
    extra: [(output name, SQL over typed columns)] (partition columns, derived dates)."""
    casts = ", ".join(f'TRY_CAST("{src}" AS {t}) AS "{name}"' for name, src, t in typed)
    bad = " OR ".join(f'("{src}" IS NOT NULL AND TRY_CAST("{src}" AS {t}) IS NULL)' for name, src, t in typed)
    extras = "".join(f", {sql} AS \"{name}\"" for name, sql in extra)
    key_ok = " AND ".join(f'"{k}" IS NOT NULL' for k in keys)
    rules_ok = " AND ".join(f"coalesce({r}, true)" for r in rules) or "true"
    partition = ", ".join(f'"{k}"' for k in keys)
    names = ", ".join(f'"{n}"' for n, _, _ in typed) + "".join(f', "{n}"' for n, _ in extra)
    return f"""
CREATE TABLE {table} AS
WITH typed AS (
    SELECT {casts}, NOT ({bad}) AS _cast_ok, _file, _line FROM {source}
), derived AS (
    SELECT *{extras} FROM typed WHERE _cast_ok
), kept AS (
    SELECT * FROM derived WHERE {key_ok} AND {rules_ok}
), last AS (
    SELECT *, row_number() OVER (PARTITION BY {partition} ORDER BY _file DESC, _line DESC) AS _copy FROM kept
)
SELECT {names} FROM last WHERE _copy = 1;
"""


def silver_sql():
    f = [(c, c, "VARCHAR") for c in ["sample_id"]] + [("capture_time", "capture_time", "TIMESTAMP"),
         ("particle_count", "particle_count", "BIGINT")] + \
        [(c, c, "DOUBLE") for c in ["particles_per_ml", "density", "biovolume", "mean_esd_um", "mean_length_um",
                                     "mean_width_um", "mean_aspect_ratio", "volume_imaged_ml", "flow_rate_ml_min"]] + \
        [("dilution_factor", "dilution_factor", "BIGINT"), ("operator", "operator", "VARCHAR"),
         ("_capture_date", "capture_time", "TIMESTAMP"),
         ("tpu_id", "TPU", "BIGINT"), ("reactor_id", "reactor", "BIGINT")]
    g = [("record_id", "record_id", "VARCHAR"), ("measurement_time", "measurement_time", "TIMESTAMP"),
         ("tpu_id", "tpu_id", "BIGINT"), ("reactor_id", "reactor_id", "BIGINT")] + \
        [(c, c, "DOUBLE") for c in ["optical_density_680", "dry_weight_g_l", "chlorophyll_a_mg_l", "ph",
                                     "temperature_c", "culture_volume_l", "harvested_volume_l"]] + \
        [("operator", "operator", "VARCHAR"), ("notes", "notes", "VARCHAR")]
    c = [("timestamp", "timestamp", "TIMESTAMP"), ("tag_name", "tag_name", "VARCHAR"), ("value", "value", "DOUBLE"),
         ("units", "units", "VARCHAR"), ("quality", "quality", "VARCHAR")]
    s = [("event_id", "event_id", "BIGINT"), ("timestamp", "timestamp", "TIMESTAMP")] + \
        [(x, x, "VARCHAR") for x in ["equipment_id", "tag_name", "status", "alarm_state"]] + \
        [("alarm_priority", "alarm_priority", "BIGINT")] + \
        [(x, x, "VARCHAR") for x in ["alarm_message", "acknowledged_by"]]
    h = [("observation_time", "observation_time", "TIMESTAMP"), ("station_id", "station_id", "VARCHAR")] + \
        [(x, x, "DOUBLE") for x in ["temperature_c", "relative_humidity_pct", "solar_radiation_w_m2",
                                     "wind_speed_m_s"]] + \
        [("wind_direction_deg", "wind_direction_deg", "BIGINT"), ("precipitation_mm", "precipitation_mm", "DOUBLE"),
         ("cloud_cover_pct", "cloud_cover_pct", "BIGINT"), ("pressure_hpa", "pressure_hpa", "DOUBLE")]
    w = [("issued_at", "issued_at", "TIMESTAMP"), ("forecast_time", "forecast_time", "TIMESTAMP"),
         ("station_id", "station_id", "VARCHAR")] + \
        [(x, x, "DOUBLE") for x in ["temperature_c", "relative_humidity_pct", "solar_radiation_w_m2",
                                     "wind_speed_m_s"]] + \
        [("precipitation_probability_pct", "precipitation_probability_pct", "BIGINT"),
         ("precipitation_mm", "precipitation_mm", "DOUBLE"), ("cloud_cover_pct", "cloud_cover_pct", "BIGINT")]
    f_typed = [x for x in f if x[0] != "_capture_date"]
    return "".join([
        silver("silver_flowcam", "bronze_flowcam", f_typed, ["sample_id"],
               [f"capture_time {PLAUSIBLE}", "biovolume >= 0"], [("date", "CAST(capture_time AS DATE)")]),
        silver("silver_growth_tracking", "bronze_growth_tracking", g, ["record_id"],
               [f"measurement_time {PLAUSIBLE}"], [("date", "CAST(measurement_time AS DATE)")]),
        silver("silver_scada_citect", "bronze_scada_citect", c, ["timestamp", "tag_name"],
               [f'"timestamp" {PLAUSIBLE}'], [("date", 'CAST("timestamp" AS DATE)')]),
        silver("silver_scada_status", "bronze_scada_status", s, ["event_id"],
               [f'"timestamp" {PLAUSIBLE}'], [("date", 'CAST("timestamp" AS DATE)')]),
        silver("silver_weather_historical", "bronze_weather_historical", h, ["station_id", "observation_time"],
               ["temperature_c BETWEEN -60 AND 60"], [("date", "CAST(observation_time AS DATE)")]),
        silver("silver_weather_forecast", "bronze_weather_forecast", w, ["station_id", "issued_at", "forecast_time"],
               ["temperature_c BETWEEN -60 AND 60"], [("date", "CAST(issued_at AS DATE)")]),
    ])


# ---------------------------------------------------------------------------------------------------------
# Gold, computed here from the oracle's own silver tables.

GOLD_SQL = r"""
CREATE MACRO reactor_key(t, r) AS 'TPU' || lpad(CAST(t AS VARCHAR), 2, '0') || '-R' || lpad(CAST(r AS VARCHAR), 2, '0');

CREATE TABLE flowcam_daily AS
SELECT date, tpu_id, reactor_id, count(*) AS samples, count(density) AS density_samples,
       avg(density) AS avg_density, min(density) AS min_density, max(density) AS max_density,
       avg(biovolume) AS avg_biovolume, sum(particle_count) AS total_particles,
       avg(particles_per_ml) AS avg_particles_per_ml, avg(mean_esd_um) AS avg_esd_um,
       avg(mean_aspect_ratio) AS avg_aspect_ratio, sum(volume_imaged_ml) AS volume_imaged_ml,
       min(capture_time) AS first_capture_time, max(capture_time) AS last_capture_time
FROM silver_flowcam GROUP BY ALL;

CREATE TABLE scada_daily AS
SELECT date, tag_name,
       CAST(nullif(regexp_extract(tag_name, '^TPU(\d+)_', 1), '') AS BIGINT) AS tpu_id,
       CAST(nullif(regexp_extract(tag_name, '^TPU\d+_R(\d+)_', 1), '') AS BIGINT) AS reactor_id,
       regexp_replace(regexp_replace(tag_name, '^TPU\d+_(R\d+_)?', ''), '_PV$', '') AS measurement,
       max(units) AS units, count(*) AS readings, avg(value) AS avg_value, min(value) AS min_value,
       max(value) AS max_value, stddev_samp(value) AS stddev_value,
       count(*) FILTER (WHERE quality <> 'Good') AS bad_quality_readings,
       min("timestamp") AS first_reading_time, max("timestamp") AS last_reading_time
FROM silver_scada_citect GROUP BY date, tag_name;

CREATE TABLE weather_daily AS
WITH forecast AS (
    SELECT CAST(forecast_time AS DATE) AS forecast_date, * FROM silver_weather_forecast
    WHERE issued_at < CAST(CAST(forecast_time AS DATE) AS TIMESTAMP)
), day_ahead AS (
    SELECT forecast_date, max(issued_at) AS forecast_issued_at, count(*) AS forecast_hours,
           avg(temperature_c) AS forecast_temperature_avg_c, max(temperature_c) AS forecast_temperature_max_c,
           sum(solar_radiation_w_m2) AS forecast_solar_radiation_sum_wh_m2,
           sum(precipitation_mm) AS forecast_precipitation_mm
    FROM forecast f
    WHERE issued_at = (SELECT max(issued_at) FROM forecast f2 WHERE f2.forecast_date = f.forecast_date)
    GROUP BY forecast_date
)
SELECT o.date, count(*) AS observations, min(temperature_c) AS temperature_min_c, avg(temperature_c) AS temperature_avg_c,
       max(temperature_c) AS temperature_max_c, sum(solar_radiation_w_m2) AS solar_radiation_sum_wh_m2,
       avg(solar_radiation_w_m2) AS solar_radiation_avg_w_m2, max(solar_radiation_w_m2) AS solar_radiation_max_w_m2,
       sum(precipitation_mm) AS precipitation_mm, avg(relative_humidity_pct) AS relative_humidity_avg_pct,
       avg(wind_speed_m_s) AS wind_speed_avg_m_s, max(wind_speed_m_s) AS wind_speed_max_m_s,
       avg(cloud_cover_pct) AS cloud_cover_avg_pct, avg(pressure_hpa) AS pressure_avg_hpa,
       any_value(d.forecast_issued_at) AS forecast_issued_at, any_value(d.forecast_hours) AS forecast_hours,
       any_value(d.forecast_temperature_avg_c) AS forecast_temperature_avg_c,
       any_value(d.forecast_temperature_max_c) AS forecast_temperature_max_c,
       any_value(d.forecast_solar_radiation_sum_wh_m2) AS forecast_solar_radiation_sum_wh_m2,
       any_value(d.forecast_precipitation_mm) AS forecast_precipitation_mm
FROM silver_weather_historical o LEFT JOIN day_ahead d ON d.forecast_date = o.date
GROUP BY o.date;

CREATE TABLE growth_daily AS
SELECT date, tpu_id, reactor_id, count(*) AS measurements, avg(optical_density_680) AS avg_od680,
       max(optical_density_680) AS max_od680, avg(dry_weight_g_l) AS avg_dry_weight_g_l,
       avg(chlorophyll_a_mg_l) AS avg_chlorophyll_a_mg_l, avg(ph) AS avg_ph, avg(temperature_c) AS avg_temperature_c,
       arg_max(culture_volume_l, measurement_time) AS culture_volume_l,
       coalesce(sum(harvested_volume_l), 0) AS harvested_volume_l,
       count(*) FILTER (WHERE harvested_volume_l > 0) AS harvests,
       min(measurement_time) AS first_measurement_time, max(measurement_time) AS last_measurement_time
FROM silver_growth_tracking GROUP BY ALL;

CREATE TABLE fact_scada_summary AS
WITH r AS (
    SELECT date, tpu_id, reactor_id, sum(readings) AS readings, sum(bad_quality_readings) AS bad_quality_readings,
           max(avg_value) FILTER (WHERE measurement = 'PH') AS avg_ph,
           max(min_value) FILTER (WHERE measurement = 'PH') AS min_ph,
           max(max_value) FILTER (WHERE measurement = 'PH') AS max_ph,
           max(avg_value) FILTER (WHERE measurement = 'TEMP') AS avg_temperature_c,
           max(max_value) FILTER (WHERE measurement = 'TEMP') AS max_temperature_c,
           max(avg_value) FILTER (WHERE measurement = 'DO') AS avg_do_pct_sat,
           max(avg_value) FILTER (WHERE measurement = 'PAR') AS avg_par_umol_m2_s,
           max(max_value) FILTER (WHERE measurement = 'PAR') AS max_par_umol_m2_s,
           max(avg_value) FILTER (WHERE measurement = 'CO2_FLOW') AS avg_co2_flow_l_min
    FROM scada_daily WHERE reactor_id IS NOT NULL GROUP BY ALL
), t AS (
    SELECT date, tpu_id,
           max(avg_value) FILTER (WHERE measurement = 'CO2_SUPPLY_PRESS') AS avg_co2_supply_pressure_bar,
           max(min_value) FILTER (WHERE measurement = 'CO2_SUPPLY_PRESS') AS min_co2_supply_pressure_bar,
           max(avg_value) FILTER (WHERE measurement = 'TANK_LEVEL') AS avg_tank_level_pct
    FROM scada_daily WHERE reactor_id IS NULL GROUP BY ALL
), ev AS (
    SELECT date, CAST(nullif(regexp_extract(equipment_id, '^TPU(\d+)', 1), '') AS BIGINT) AS tpu_id,
           CAST(nullif(regexp_extract(equipment_id, '^TPU\d+-R(\d+)', 1), '') AS BIGINT) AS reactor_id,
           status, alarm_state, alarm_priority
    FROM silver_scada_status
), re AS (
    SELECT date, tpu_id, reactor_id,
           count(*) FILTER (WHERE status = 'ALARM' AND alarm_state = 'ACTIVE') AS alarm_events,
           count(*) FILTER (WHERE status = 'ALARM' AND alarm_state = 'ACTIVE' AND alarm_priority <= 2) AS high_priority_alarms,
           count(*) FILTER (WHERE status = 'STOPPED') AS pump_stops
    FROM ev WHERE reactor_id IS NOT NULL GROUP BY ALL
), te AS (
    SELECT date, tpu_id, count(*) FILTER (WHERE status = 'ALARM' AND alarm_state = 'ACTIVE') AS tpu_co2_alarms
    FROM ev WHERE reactor_id IS NULL GROUP BY ALL
)
SELECT r.date, r.tpu_id, r.reactor_id, reactor_key(r.tpu_id, r.reactor_id) AS reactor_key, r.readings,
       r.bad_quality_readings, avg_ph, min_ph, max_ph, avg_temperature_c, max_temperature_c, avg_do_pct_sat,
       avg_par_umol_m2_s, max_par_umol_m2_s, avg_co2_flow_l_min, avg_co2_supply_pressure_bar,
       min_co2_supply_pressure_bar, avg_tank_level_pct, coalesce(alarm_events, 0) AS alarm_events,
       coalesce(high_priority_alarms, 0) AS high_priority_alarms, coalesce(pump_stops, 0) AS pump_stops,
       coalesce(tpu_co2_alarms, 0) AS tpu_co2_alarms
FROM r LEFT JOIN t USING (date, tpu_id) LEFT JOIN re USING (date, tpu_id, reactor_id) LEFT JOIN te USING (date, tpu_id);

CREATE TABLE fact_flowcam_summary AS
SELECT f.date, f.tpu_id, f.reactor_id, reactor_key(f.tpu_id, f.reactor_id) AS reactor_key, f.samples,
       round(f.samples * 100.0::DOUBLE / 24, 2) AS sample_coverage_pct, avg_density, min_density, max_density,
       max_density - min_density AS density_range, avg_biovolume, total_particles, avg_particles_per_ml,
       avg_esd_um, avg_aspect_ratio, g.measurements AS lab_measurements, g.avg_od680, g.avg_dry_weight_g_l,
       g.avg_chlorophyll_a_mg_l, g.avg_ph AS lab_ph, g.culture_volume_l, g.harvested_volume_l,
       f.avg_density / nullif(g.avg_od680, 0) AS density_per_od680
FROM flowcam_daily f LEFT JOIN growth_daily g USING (date, tpu_id, reactor_id);

CREATE TABLE dim_reactor AS
WITH seen AS (
    SELECT tpu_id, reactor_id, date FROM flowcam_daily
    UNION SELECT tpu_id, reactor_id, date FROM growth_daily
    UNION SELECT tpu_id, reactor_id, date FROM scada_daily WHERE reactor_id IS NOT NULL
), r AS (SELECT tpu_id, reactor_id, min(date) AS first_seen_date, max(date) AS last_seen_date FROM seen GROUP BY ALL),
f AS (
    SELECT tpu_id, reactor_id, count(*) AS flowcam_days, sum(samples) AS flowcam_samples,
           arg_max(avg_density, date) AS latest_avg_density, max(date) AS latest_flowcam_date
    FROM flowcam_daily GROUP BY ALL
), g AS (
    SELECT tpu_id, reactor_id, count(*) AS growth_measurements,
           arg_max(culture_volume_l, measurement_time) AS latest_culture_volume_l,
           arg_max(optical_density_680, measurement_time) AS latest_od680,
           count(*) FILTER (WHERE harvested_volume_l > 0) AS harvests,
           coalesce(sum(harvested_volume_l), 0) AS total_harvested_volume_l
    FROM silver_growth_tracking GROUP BY ALL
), s AS (
    SELECT tpu_id, reactor_id, count(DISTINCT tag_name) AS scada_tags FROM scada_daily WHERE reactor_id IS NOT NULL GROUP BY ALL
), a AS (
    SELECT tpu_id, reactor_id, sum(alarm_events) AS alarm_events FROM fact_scada_summary GROUP BY ALL
)
SELECT r.tpu_id, r.reactor_id, reactor_key(r.tpu_id, r.reactor_id) AS reactor_key,
       'TPU' || lpad(CAST(r.tpu_id AS VARCHAR), 2, '0') AS tpu_code, first_seen_date, last_seen_date,
       coalesce(flowcam_days, 0) AS flowcam_days, coalesce(flowcam_samples, 0) AS flowcam_samples,
       latest_flowcam_date, latest_avg_density, coalesce(growth_measurements, 0) AS growth_measurements,
       latest_culture_volume_l, latest_od680, coalesce(harvests, 0) AS harvests,
       coalesce(total_harvested_volume_l, 0) AS total_harvested_volume_l, coalesce(scada_tags, 0) AS scada_tags,
       coalesce(alarm_events, 0) AS alarm_events
FROM r LEFT JOIN f USING (tpu_id, reactor_id) LEFT JOIN g USING (tpu_id, reactor_id)
LEFT JOIN s USING (tpu_id, reactor_id) LEFT JOIN a USING (tpu_id, reactor_id);

CREATE TABLE dim_tpu AS
WITH c AS (
    SELECT tpu_id, sum(tpu_co2_alarms) AS co2_alarm_events
    FROM (SELECT DISTINCT date, tpu_id, tpu_co2_alarms FROM fact_scada_summary) GROUP BY tpu_id
)
SELECT r.tpu_id, max(tpu_code) AS tpu_code, count(*) AS reactors, min(first_seen_date) AS first_seen_date,
       max(last_seen_date) AS last_seen_date, sum(latest_culture_volume_l) AS culture_volume_l,
       sum(flowcam_samples) AS flowcam_samples, avg(latest_avg_density) AS avg_latest_density,
       sum(harvests) AS harvests, sum(total_harvested_volume_l) AS total_harvested_volume_l,
       sum(alarm_events) AS reactor_alarm_events, coalesce(max(c.co2_alarm_events), 0) AS co2_alarm_events
FROM dim_reactor r LEFT JOIN c USING (tpu_id) GROUP BY r.tpu_id;

CREATE TABLE flowcam_features AS
WITH d AS (
    SELECT tpu_id, reactor_id, date, samples, avg_density, max_density - min_density AS density_range,
           avg_biovolume, avg_esd_um,
           row_number() OVER (PARTITION BY tpu_id, reactor_id ORDER BY date) AS day_number,
           avg(avg_density) OVER w3 AS density_3d_avg, count(*) OVER w3 AS days_in_3d_window,
           avg(avg_biovolume) OVER w3 AS biovolume_3d_avg
    FROM flowcam_daily
    WINDOW w3 AS (PARTITION BY tpu_id, reactor_id ORDER BY date RANGE BETWEEN INTERVAL 2 DAY PRECEDING AND CURRENT ROW)
), p AS (
    SELECT d.*, y.avg_density AS prev_day_density
    FROM d LEFT JOIN flowcam_daily y
      ON y.tpu_id = d.tpu_id AND y.reactor_id = d.reactor_id AND y.date = d.date - INTERVAL 1 DAY
)
SELECT date, tpu_id, reactor_id, day_number, samples, avg_density, density_range, density_3d_avg,
       days_in_3d_window, prev_day_density,
       (avg_density - prev_day_density) / nullif(prev_day_density, 0) AS density_growth_rate,
       CASE WHEN avg_density > 0 AND prev_day_density > 0 THEN ln(avg_density / prev_day_density) END AS specific_growth_rate,
       avg_biovolume, biovolume_3d_avg, avg_esd_um
FROM p;

CREATE TABLE scada_features AS
SELECT date, tpu_id, reactor_id, readings, bad_quality_readings::DOUBLE / readings AS bad_quality_ratio, avg_ph,
       max_ph - min_ph AS ph_range, avg(avg_ph) OVER w3 AS ph_3d_avg, avg_temperature_c,
       avg(avg_temperature_c) OVER w3 AS temperature_3d_avg_c, max_temperature_c, avg_par_umol_m2_s,
       avg(avg_par_umol_m2_s) OVER w3 AS par_3d_avg_umol_m2_s, avg_do_pct_sat, avg_co2_flow_l_min,
       avg_co2_supply_pressure_bar, alarm_events, sum(alarm_events) OVER w3 AS alarm_events_3d, high_priority_alarms
FROM fact_scada_summary
WINDOW w3 AS (PARTITION BY tpu_id, reactor_id ORDER BY date RANGE BETWEEN INTERVAL 2 DAY PRECEDING AND CURRENT ROW);

CREATE TABLE combined_features AS
SELECT f.date, f.tpu_id, f.reactor_id, reactor_key(f.tpu_id, f.reactor_id) AS reactor_key, f.day_number,
       f.avg_density, f.density_3d_avg, f.prev_day_density, f.density_growth_rate, f.specific_growth_rate,
       f.biovolume_3d_avg, f.avg_esd_um, g.avg_od680, g.avg_dry_weight_g_l, g.avg_chlorophyll_a_mg_l,
       coalesce(g.harvested_volume_l, 0) AS harvested_volume_l, g.culture_volume_l, s.avg_ph, s.ph_3d_avg,
       s.avg_temperature_c, s.temperature_3d_avg_c, s.avg_par_umol_m2_s, s.par_3d_avg_umol_m2_s, s.avg_do_pct_sat,
       s.avg_co2_flow_l_min, s.alarm_events_3d, w.temperature_avg_c AS air_temperature_avg_c,
       w.temperature_max_c AS air_temperature_max_c, w.solar_radiation_sum_wh_m2, w.precipitation_mm,
       w.cloud_cover_avg_pct, n.avg_density AS next_day_density
FROM flowcam_features f
LEFT JOIN growth_daily g USING (date, tpu_id, reactor_id)
LEFT JOIN scada_features s USING (date, tpu_id, reactor_id)
LEFT JOIN weather_daily w USING (date)
LEFT JOIN flowcam_daily n ON n.tpu_id = f.tpu_id AND n.reactor_id = f.reactor_id AND n.date = f.date + INTERVAL 1 DAY;
"""


def checks():
    out = []

    def add(name, strata_sql, oracle_sql):
        out.append((name, " ".join(strata_sql.split()), oracle_sql))

    def table(name, gold, local, keys, columns, where=""):
        """A full (or filtered) table check: columns are plain names; doubles named in `columns` as ('x', 6)."""
        strata_items, oracle_items = [], []
        for c in columns:
            if isinstance(c, tuple):  # a DOUBLE: compared unrounded (compare_oracle.py allows 1e-9 relative)
                strata_items.append(c[0])
                oracle_items.append(c[0])
            else:
                strata_items.append(c)
                oracle_items.append(c)
        order = ", ".join(keys)
        filt = f" WHERE {where}" if where else ""
        add(name, f"SELECT {', '.join(strata_items)} FROM {gold}{filt} ORDER BY {order}",
            f"SELECT {', '.join(oracle_items)} FROM {local}{filt} ORDER BY {order}")

    for t in ["flowcam", "growth_tracking", "scada_citect", "scada_status", "weather_historical", "weather_forecast"]:
        add(f"silver_{t}_rows", f"SELECT count(*) AS n FROM silver.{t}", f"SELECT count(*) FROM silver_{t}")
    add("silver_flowcam_by_day", """SELECT date, count(*) AS n, count(DISTINCT sample_id) AS samples,
            sum(density) AS density FROM silver.flowcam GROUP BY date ORDER BY date""",
        "SELECT date, count(*), count(DISTINCT sample_id), sum(density) FROM silver_flowcam GROUP BY date ORDER BY date")

    D = lambda *names: [(n, 6) for n in names]
    table("flowcam_daily_rows", "gold.analytics.flowcam_daily_summary", "flowcam_daily", ["date", "tpu_id", "reactor_id"],
          ["date", "tpu_id", "reactor_id", "samples", "density_samples"]
          + D("avg_density", "min_density", "max_density", "avg_biovolume") + ["total_particles"]
          + D("avg_particles_per_ml", "avg_esd_um", "avg_aspect_ratio", "volume_imaged_ml")
          + ["first_capture_time", "last_capture_time"])
    table("scada_daily_rows", "gold.analytics.scada_daily_summary", "scada_daily", ["date", "tag_name"],
          ["date", "tag_name", "tpu_id", "reactor_id", "measurement", "units", "readings"]
          + D("avg_value", "min_value", "max_value", "stddev_value")
          + ["bad_quality_readings", "first_reading_time", "last_reading_time"])
    table("weather_daily_rows", "gold.analytics.weather_daily_summary", "weather_daily", ["date"],
          ["date", "observations"] + D("temperature_min_c", "temperature_avg_c", "temperature_max_c",
                                       "solar_radiation_sum_wh_m2", "solar_radiation_avg_w_m2",
                                       "solar_radiation_max_w_m2", "precipitation_mm", "relative_humidity_avg_pct",
                                       "wind_speed_avg_m_s", "wind_speed_max_m_s", "cloud_cover_avg_pct",
                                       "pressure_avg_hpa")
          + ["forecast_issued_at", "forecast_hours"]
          + D("forecast_temperature_avg_c", "forecast_temperature_max_c", "forecast_solar_radiation_sum_wh_m2",
              "forecast_precipitation_mm"))
    table("growth_daily_rows", "gold.analytics.growth_daily_summary", "growth_daily", ["date", "tpu_id", "reactor_id"],
          ["date", "tpu_id", "reactor_id", "measurements"]
          + D("avg_od680", "max_od680", "avg_dry_weight_g_l", "avg_chlorophyll_a_mg_l", "avg_ph", "avg_temperature_c",
              "culture_volume_l", "harvested_volume_l") + ["harvests", "first_measurement_time", "last_measurement_time"])
    table("fact_flowcam_summary_rows", "gold.marts.fact_flowcam_summary", "fact_flowcam_summary",
          ["date", "tpu_id", "reactor_id"],
          ["date", "tpu_id", "reactor_id", "reactor_key", "samples"]
          + D("sample_coverage_pct", "avg_density", "min_density", "max_density", "density_range", "avg_biovolume")
          + ["total_particles"] + D("avg_particles_per_ml", "avg_esd_um", "avg_aspect_ratio") + ["lab_measurements"]
          + D("avg_od680", "avg_dry_weight_g_l", "avg_chlorophyll_a_mg_l", "lab_ph", "culture_volume_l",
              "harvested_volume_l", "density_per_od680"))
    table("fact_scada_summary_rows", "gold.marts.fact_scada_summary", "fact_scada_summary",
          ["date", "tpu_id", "reactor_id"],
          ["date", "tpu_id", "reactor_id", "reactor_key", "readings", "bad_quality_readings"]
          + D("avg_ph", "min_ph", "max_ph", "avg_temperature_c", "max_temperature_c", "avg_do_pct_sat",
              "avg_par_umol_m2_s", "max_par_umol_m2_s", "avg_co2_flow_l_min", "avg_co2_supply_pressure_bar",
              "min_co2_supply_pressure_bar", "avg_tank_level_pct")
          + ["alarm_events", "high_priority_alarms", "pump_stops", "tpu_co2_alarms"])
    table("dim_reactor_rows", "gold.marts.dim_reactor", "dim_reactor", ["tpu_id", "reactor_id"],
          ["tpu_id", "reactor_id", "reactor_key", "tpu_code", "first_seen_date", "last_seen_date", "flowcam_days",
           "flowcam_samples", "latest_flowcam_date", ("latest_avg_density", 6), "growth_measurements",
           ("latest_culture_volume_l", 6), ("latest_od680", 6), "harvests", ("total_harvested_volume_l", 6),
           "scada_tags", "alarm_events"])
    table("dim_tpu_rows", "gold.marts.dim_tpu", "dim_tpu", ["tpu_id"],
          ["tpu_id", "tpu_code", "reactors", "first_seen_date", "last_seen_date", ("culture_volume_l", 6),
           "flowcam_samples", ("avg_latest_density", 6), "harvests", ("total_harvested_volume_l", 6),
           "reactor_alarm_events", "co2_alarm_events"])
    table("flowcam_features_rows", "gold.ml_features.flowcam_features", "flowcam_features",
          ["date", "tpu_id", "reactor_id"],
          ["date", "tpu_id", "reactor_id", "day_number", "samples"]
          + D("avg_density", "density_range", "density_3d_avg") + ["days_in_3d_window"]
          + D("prev_day_density", "density_growth_rate", "specific_growth_rate", "avg_biovolume", "biovolume_3d_avg",
              "avg_esd_um"))
    table("scada_features_rows", "gold.ml_features.scada_features", "scada_features",
          ["date", "tpu_id", "reactor_id"],
          ["date", "tpu_id", "reactor_id", "readings"]
          + D("bad_quality_ratio", "avg_ph", "ph_range", "ph_3d_avg", "avg_temperature_c", "temperature_3d_avg_c",
              "max_temperature_c", "avg_par_umol_m2_s", "par_3d_avg_umol_m2_s", "avg_do_pct_sat",
              "avg_co2_flow_l_min", "avg_co2_supply_pressure_bar") + ["alarm_events", "alarm_events_3d",
                                                                      "high_priority_alarms"])
    table("combined_features_rows", "gold.ml_features.combined_features", "combined_features",
          ["date", "tpu_id", "reactor_id"],
          ["date", "tpu_id", "reactor_id", "reactor_key", "day_number"]
          + D("avg_density", "density_3d_avg", "prev_day_density", "density_growth_rate", "specific_growth_rate",
              "biovolume_3d_avg", "avg_esd_um", "avg_od680", "avg_dry_weight_g_l", "avg_chlorophyll_a_mg_l",
              "harvested_volume_l", "culture_volume_l", "avg_ph", "ph_3d_avg", "avg_temperature_c",
              "temperature_3d_avg_c", "avg_par_umol_m2_s", "par_3d_avg_umol_m2_s", "avg_do_pct_sat",
              "avg_co2_flow_l_min") + ["alarm_events_3d"]
          + D("air_temperature_avg_c", "air_temperature_max_c", "solar_radiation_sum_wh_m2", "precipitation_mm",
              "cloud_cover_avg_pct", "next_day_density"))
    add("combined_features_summary",
        """SELECT count(*) AS reactor_days, count(next_day_density) AS labelled, count(prev_day_density) AS with_prev,
                  count(avg_od680) AS with_lab, count(avg_ph) AS with_scada, count(air_temperature_avg_c) AS with_weather,
                  sum(density_growth_rate) AS growth_rate_sum
           FROM gold.ml_features.combined_features""",
        """SELECT count(*), count(next_day_density), count(prev_day_density), count(avg_od680), count(avg_ph),
                  count(air_temperature_avg_c), sum(density_growth_rate) FROM combined_features""")
    return out


def value(v):
    """A value as the check's JSON holds it (Strata's CSV conventions)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, decimal.Decimal):
        return float(v)
    if isinstance(v, float):
        return v  # full precision: a round(x, 6) of an average of 3-decimal readings often sits on a tie
    if isinstance(v, datetime.datetime):
        text = v.strftime("%Y-%m-%d %H:%M:%S")
        return text + (f".{v.microsecond:06d}" if v.microsecond else "")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v




def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", required=True, help="the algae lake root (holds bronze/)")
    args = parser.parse_args()

    con = duckdb.connect()
    con.execute("SET threads = 1")
    load(con, "bronze_flowcam", FLOWCAM_COLUMNS + ["TPU", "reactor"],
         read_csv_glob(args.lake, "bronze/flowcam/date=*/TPU=*/reactor=*/flowcam_data.csv", FLOWCAM_COLUMNS,
                       ("TPU", "reactor")))
    load(con, "bronze_growth_tracking", GROWTH_COLUMNS,
         read_csv_glob(args.lake, "bronze/growth_tracking/date=*/growth_data.csv", GROWTH_COLUMNS))
    load(con, "bronze_scada_citect", CITECT_COLUMNS,
         read_csv_glob(args.lake, "bronze/scada/date=*/citect/scada_citect.csv", CITECT_COLUMNS))
    load(con, "bronze_scada_status", STATUS_COLUMNS,
         read_csv_glob(args.lake, "bronze/scada/date=*/status/scada_status.csv", STATUS_COLUMNS))
    load(con, "bronze_weather_historical", HISTORICAL_COLUMNS,
         read_csv_glob(args.lake, "bronze/weather/date=*/historical/weather_historical.csv", HISTORICAL_COLUMNS))
    load(con, "bronze_weather_forecast", FORECAST_COLUMNS,
         read_csv_glob(args.lake, "bronze/weather/date=*/forecast/weather_forecast.csv", FORECAST_COLUMNS))
    con.execute(silver_sql())
    con.execute(GOLD_SQL)

    result = []
    for name, strata_sql, oracle_sql in checks():
        cur = con.execute(oracle_sql)
        rows = [[value(v) for v in row] for row in cur.fetchall()]
        strata_columns = strata_column_names(strata_sql)
        if len(cur.description) != len(strata_columns):
            sys.exit(f"{name}: the oracle query has {len(cur.description)} columns, strata_sql {len(strata_columns)}")
        result.append({"name": name, "strata_sql": strata_sql, "columns": strata_columns, "rows": rows})
    json.dump({"checks": result}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
