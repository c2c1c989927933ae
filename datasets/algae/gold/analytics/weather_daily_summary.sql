-- gold.analytics.weather_daily_summary: the plant's weather per day from the station's hourly observations: temperature
-- min / avg / max, solar radiation (sum of the hourly means = Wh/m2 of the day, and the average), precipitation,
-- humidity, wind, cloud cover; plus the day-ahead forecast for the same day (the latest forecast issued before
-- the day began), so forecast error can be read next to the observation. One row per observed day.
-- @not_null date, observations
-- @unique date
-- @row_count >= 1
-- @check temperature_ordered: SELECT * FROM gold.analytics.weather_daily_summary WHERE temperature_min_c > temperature_avg_c OR temperature_avg_c > temperature_max_c
CREATE TABLE gold.analytics.weather_daily_summary
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS WITH observed AS (
    SELECT
        date,
        count(*) AS observations,
        min(temperature_c) AS temperature_min_c,
        avg(temperature_c) AS temperature_avg_c,
        max(temperature_c) AS temperature_max_c,
        sum(solar_radiation_w_m2) AS solar_radiation_sum_wh_m2,
        avg(solar_radiation_w_m2) AS solar_radiation_avg_w_m2,
        max(solar_radiation_w_m2) AS solar_radiation_max_w_m2,
        sum(precipitation_mm) AS precipitation_mm,
        avg(relative_humidity_pct) AS relative_humidity_avg_pct,
        avg(wind_speed_m_s) AS wind_speed_avg_m_s,
        max(wind_speed_m_s) AS wind_speed_max_m_s,
        avg(cloud_cover_pct) AS cloud_cover_avg_pct,
        avg(pressure_hpa) AS pressure_avg_hpa
    FROM silver.weather_historical
    GROUP BY date
),
forecast AS (
    SELECT CAST(forecast_time AS DATE) AS forecast_date, issued_at, temperature_c, solar_radiation_w_m2, precipitation_mm
    FROM silver.weather_forecast
    WHERE issued_at < CAST(CAST(forecast_time AS DATE) AS TIMESTAMP)
),
latest AS (
    SELECT forecast_date, max(issued_at) AS issued_at FROM forecast GROUP BY forecast_date
),
day_ahead AS (
    SELECT
        f.forecast_date,
        max(f.issued_at) AS forecast_issued_at,
        count(*) AS forecast_hours,
        avg(f.temperature_c) AS forecast_temperature_avg_c,
        max(f.temperature_c) AS forecast_temperature_max_c,
        sum(f.solar_radiation_w_m2) AS forecast_solar_radiation_sum_wh_m2,
        sum(f.precipitation_mm) AS forecast_precipitation_mm
    FROM forecast f
    JOIN latest l ON l.forecast_date = f.forecast_date AND l.issued_at = f.issued_at
    GROUP BY f.forecast_date
)
SELECT
    o.observations,
    o.temperature_min_c,
    o.temperature_avg_c,
    o.temperature_max_c,
    o.solar_radiation_sum_wh_m2,
    o.solar_radiation_avg_w_m2,
    o.solar_radiation_max_w_m2,
    o.precipitation_mm,
    o.relative_humidity_avg_pct,
    o.wind_speed_avg_m_s,
    o.wind_speed_max_m_s,
    o.cloud_cover_avg_pct,
    o.pressure_avg_hpa,
    d.forecast_issued_at,
    d.forecast_hours,
    d.forecast_temperature_avg_c,
    d.forecast_temperature_max_c,
    d.forecast_solar_radiation_sum_wh_m2,
    d.forecast_precipitation_mm,
    o.date
FROM observed o
LEFT JOIN day_ahead d ON d.forecast_date = o.date
