-- gold.ml_features.flowcam_features: growth features per reactor and day from the FlowCam's daily density, for
-- the culture growth models: the 3-day rolling mean (the day and the two calendar days before it, however many
-- of them have samples), the previous calendar day's density (NULL if that day has no samples, never an older
-- day) and the day-over-day growth rate, relative and specific (ln ratio per day). Partitioned by date.
-- @not_null date, tpu_id, reactor_id, day_number, avg_density, density_3d_avg, days_in_3d_window
-- @unique date, tpu_id, reactor_id
-- @row_count >= 1
-- @check window_size: SELECT * FROM gold.ml_features.flowcam_features WHERE days_in_3d_window NOT BETWEEN 1 AND 3
CREATE TABLE gold.ml_features.flowcam_features
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS WITH daily AS (
    SELECT
        tpu_id,
        reactor_id,
        date,
        samples,
        avg_density,
        max_density - min_density AS density_range,
        avg_biovolume,
        avg_esd_um,
        CAST(row_number() OVER (PARTITION BY tpu_id, reactor_id ORDER BY date) AS BIGINT) AS day_number,
        avg(avg_density) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
            RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS density_3d_avg,
        count(*) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
            RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS days_in_3d_window,
        avg(avg_biovolume) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
            RANGE BETWEEN INTERVAL '2' DAY PRECEDING AND CURRENT ROW) AS biovolume_3d_avg,
        max(avg_density) OVER (PARTITION BY tpu_id, reactor_id ORDER BY date
            RANGE BETWEEN INTERVAL '1' DAY PRECEDING AND INTERVAL '1' DAY PRECEDING) AS prev_day_density
    FROM gold.analytics.flowcam_daily_summary
)
SELECT
    tpu_id,
    reactor_id,
    day_number,
    samples,
    avg_density,
    density_range,
    density_3d_avg,
    days_in_3d_window,
    prev_day_density,
    (avg_density - prev_day_density) / nullif(prev_day_density, 0) AS density_growth_rate,
    CASE WHEN avg_density > 0 AND prev_day_density > 0 THEN ln(avg_density / prev_day_density) END AS specific_growth_rate,
    avg_biovolume,
    biovolume_3d_avg,
    avg_esd_um,
    date
FROM daily
