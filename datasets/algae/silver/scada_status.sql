-- silver.scada_status: equipment status changes and alarms, one row per historian event.
-- @key event_id
-- @rule timestamp_plausible: "timestamp" >= TIMESTAMP '2020-01-01 00:00:00' AND "timestamp" < TIMESTAMP '2030-01-01 00:00:00'
-- @not_null timestamp, equipment_id, date
CREATE TABLE silver.scada_status
WITH (format = 'PARQUET', partitioned_by = ARRAY['date'])
AS SELECT
    CAST(event_id AS BIGINT) AS event_id,
    CAST("timestamp" AS TIMESTAMP) AS "timestamp",
    CAST(equipment_id AS VARCHAR) AS equipment_id,
    CAST(tag_name AS VARCHAR) AS tag_name,
    CAST(status AS VARCHAR) AS status,
    CAST(alarm_state AS VARCHAR) AS alarm_state,
    CAST(alarm_priority AS BIGINT) AS alarm_priority,
    CAST(alarm_message AS VARCHAR) AS alarm_message,
    CAST(acknowledged_by AS VARCHAR) AS acknowledged_by,
    CAST(CAST("timestamp" AS TIMESTAMP) AS DATE) AS date
FROM read_csv('bronze/scada/date=*/status/scada_status.csv')
