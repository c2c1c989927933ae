-- gold.marts.dim_tpu: one row per TPU (a production unit of photobioreactors sharing a CO2 supply and a medium
-- tank), rolled up from dim_reactor: how many reactors, when first and last seen, the culture volume now in its
-- reactors, harvest totals, FlowCam samples, and alarms of its reactors and of its CO2 supply. Unpartitioned.
-- @not_null tpu_id, tpu_code, reactors, first_seen_date, last_seen_date, flowcam_samples, harvests, total_harvested_volume_l, reactor_alarm_events, co2_alarm_events
-- @unique tpu_id
-- @unique tpu_code
-- @row_count >= 1
CREATE TABLE gold.marts.dim_tpu
WITH (format = 'PARQUET')
AS WITH co2 AS (
    SELECT tpu_id, sum(tpu_co2_alarms) AS co2_alarm_events
    FROM (SELECT DISTINCT date, tpu_id, tpu_co2_alarms FROM gold.marts.fact_scada_summary) d
    GROUP BY tpu_id
)
SELECT
    r.tpu_id,
    max(r.tpu_code) AS tpu_code,
    count(*) AS reactors,
    min(r.first_seen_date) AS first_seen_date,
    max(r.last_seen_date) AS last_seen_date,
    sum(r.latest_culture_volume_l) AS culture_volume_l,
    sum(r.flowcam_samples) AS flowcam_samples,
    avg(r.latest_avg_density) AS avg_latest_density,
    sum(r.harvests) AS harvests,
    sum(r.total_harvested_volume_l) AS total_harvested_volume_l,
    sum(r.alarm_events) AS reactor_alarm_events,
    coalesce(max(c.co2_alarm_events), 0) AS co2_alarm_events
FROM gold.marts.dim_reactor r
LEFT JOIN co2 c ON c.tpu_id = r.tpu_id
GROUP BY r.tpu_id
