-- silver.weather_forecast: hourly forecasts for the plant, one row per station, issue time and forecast hour;
-- partitioned by the day the forecast was issued.
-- @key station_id, issued_at, forecast_time
-- @rule temperature_plausible: temperature_c BETWEEN -60 AND 60
-- @not_null issued_at, forecast_time, date
CREATE TABLE silver.weather_forecast
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    CAST(issued_at AS TIMESTAMP) AS issued_at,
    CAST(forecast_time AS TIMESTAMP) AS forecast_time,
    CAST(station_id AS VARCHAR) AS station_id,
    CAST(temperature_c AS DOUBLE) AS temperature_c,
    CAST(relative_humidity_pct AS DOUBLE) AS relative_humidity_pct,
    CAST(solar_radiation_w_m2 AS DOUBLE) AS solar_radiation_w_m2,
    CAST(wind_speed_m_s AS DOUBLE) AS wind_speed_m_s,
    CAST(precipitation_probability_pct AS BIGINT) AS precipitation_probability_pct,
    CAST(precipitation_mm AS DOUBLE) AS precipitation_mm,
    CAST(cloud_cover_pct AS BIGINT) AS cloud_cover_pct,
    CAST(CAST(issued_at AS TIMESTAMP) AS DATE) AS date
FROM read_csv('bronze/weather/date=*/forecast/weather_forecast.csv')
