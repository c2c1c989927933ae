-- gold.marts.dim_reactor: one row per photobioreactor (TPU and reactor number) seen by the FlowCam, the
-- operators' log or the historian, with its codes (TPU01-R01 as the status log names it), when it was first and
-- last seen, how much data each source has for it, and its latest culture state (volume, OD680, density) and
-- harvest totals. Unpartitioned: 16 reactors.
-- @not_null tpu_id, reactor_id, reactor_key, tpu_code, first_seen_date, last_seen_date, flowcam_days, flowcam_samples, growth_measurements, harvests, total_harvested_volume_l, scada_tags, alarm_events
-- @unique tpu_id, reactor_id
-- @unique reactor_key
-- @row_count >= 1
CREATE TABLE gold.marts.dim_reactor
WITH (format = 'PARQUET')
AS WITH seen AS (
    SELECT tpu_id, reactor_id, date FROM gold.analytics.flowcam_daily_summary
    UNION
    SELECT tpu_id, reactor_id, date FROM gold.analytics.growth_daily_summary
    UNION
    SELECT tpu_id, reactor_id, date FROM gold.analytics.scada_daily_summary WHERE reactor_id IS NOT NULL
),
reactors AS (
    SELECT tpu_id, reactor_id, min(date) AS first_seen_date, max(date) AS last_seen_date
    FROM seen
    GROUP BY tpu_id, reactor_id
),
flowcam AS (
    SELECT
        tpu_id,
        reactor_id,
        count(*) AS flowcam_days,
        sum(samples) AS flowcam_samples,
        max_by(avg_density, date) AS latest_avg_density,
        max(date) AS latest_flowcam_date
    FROM gold.analytics.flowcam_daily_summary
    GROUP BY tpu_id, reactor_id
),
growth AS (
    SELECT
        tpu_id,
        reactor_id,
        count(*) AS growth_measurements,
        max_by(culture_volume_l, measurement_time) AS latest_culture_volume_l,
        max_by(optical_density_680, measurement_time) AS latest_od680,
        count_if(harvested_volume_l > 0) AS harvests,
        coalesce(sum(harvested_volume_l), 0) AS total_harvested_volume_l
    FROM silver.growth_tracking
    GROUP BY tpu_id, reactor_id
),
scada AS (
    SELECT tpu_id, reactor_id, count(DISTINCT tag_name) AS scada_tags
    FROM gold.analytics.scada_daily_summary
    WHERE reactor_id IS NOT NULL
    GROUP BY tpu_id, reactor_id
),
alarms AS (
    SELECT tpu_id, reactor_id, sum(alarm_events) AS alarm_events
    FROM gold.marts.fact_scada_summary
    GROUP BY tpu_id, reactor_id
)
SELECT
    r.tpu_id,
    r.reactor_id,
    'TPU' || lpad(CAST(r.tpu_id AS VARCHAR), 2, '0') || '-R' || lpad(CAST(r.reactor_id AS VARCHAR), 2, '0') AS reactor_key,
    'TPU' || lpad(CAST(r.tpu_id AS VARCHAR), 2, '0') AS tpu_code,
    r.first_seen_date,
    r.last_seen_date,
    coalesce(f.flowcam_days, 0) AS flowcam_days,
    coalesce(f.flowcam_samples, 0) AS flowcam_samples,
    f.latest_flowcam_date,
    f.latest_avg_density,
    coalesce(g.growth_measurements, 0) AS growth_measurements,
    g.latest_culture_volume_l,
    g.latest_od680,
    coalesce(g.harvests, 0) AS harvests,
    coalesce(g.total_harvested_volume_l, 0) AS total_harvested_volume_l,
    coalesce(s.scada_tags, 0) AS scada_tags,
    coalesce(a.alarm_events, 0) AS alarm_events
FROM reactors r
LEFT JOIN flowcam f ON f.tpu_id = r.tpu_id AND f.reactor_id = r.reactor_id
LEFT JOIN growth g ON g.tpu_id = r.tpu_id AND g.reactor_id = r.reactor_id
LEFT JOIN scada s ON s.tpu_id = r.tpu_id AND s.reactor_id = r.reactor_id
LEFT JOIN alarms a ON a.tpu_id = r.tpu_id AND a.reactor_id = r.reactor_id
