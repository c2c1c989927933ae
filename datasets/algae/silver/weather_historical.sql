-- silver.weather_historical: the plant's weather station, one observation per station and hour. -999 is the
-- logger's sensor-fault sentinel, not a temperature.
-- @key station_id, observation_time
-- @rule temperature_plausible: temperature_c BETWEEN -60 AND 60
-- @not_null observation_time, date
CREATE TABLE silver.weather_historical
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    CAST(observation_time AS TIMESTAMP) AS observation_time,
    CAST(station_id AS VARCHAR) AS station_id,
    CAST(temperature_c AS DOUBLE) AS temperature_c,
    CAST(relative_humidity_pct AS DOUBLE) AS relative_humidity_pct,
    CAST(solar_radiation_w_m2 AS DOUBLE) AS solar_radiation_w_m2,
    CAST(wind_speed_m_s AS DOUBLE) AS wind_speed_m_s,
    CAST(wind_direction_deg AS BIGINT) AS wind_direction_deg,
    CAST(precipitation_mm AS DOUBLE) AS precipitation_mm,
    CAST(cloud_cover_pct AS BIGINT) AS cloud_cover_pct,
    CAST(pressure_hpa AS DOUBLE) AS pressure_hpa,
    CAST(CAST(observation_time AS TIMESTAMP) AS DATE) AS date
FROM read_csv('bronze/weather/date=*/historical/weather_historical.csv')
