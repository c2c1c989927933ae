-- silver.events: the clickstream, typed and one row per event, partitioned by the UTC day the event happened
-- (an event delivered days late lands in its own day). Epoch seconds in `ts`, or a user id written as
-- `u_100227`, are not of the declared types: quarantined, not guessed at.
-- @key event_id
-- @rule ts_plausible: ts >= TIMESTAMP '2020-01-01 00:00:00' AND ts < TIMESTAMP '2030-01-01 00:00:00'
-- @not_null ts, event_type, event_date
CREATE TABLE silver.events
WITH (format = 'PARQUET', partitioned_by = ARRAY['event_date'])
AS SELECT
    CAST(event_id AS VARCHAR) AS event_id,
    CAST(user_id AS BIGINT) AS user_id,
    CAST(session_id AS VARCHAR) AS session_id,
    CAST(event_type AS VARCHAR) AS event_type,
    CAST(ts AS TIMESTAMP) AS ts,
    CAST(page_url AS VARCHAR) AS page_url,
    CAST(product_id AS VARCHAR) AS product_id,
    CAST(order_id AS VARCHAR) AS order_id,
    CAST(device AS VARCHAR) AS device,
    CAST(country AS VARCHAR) AS country,
    CAST(campaign_id AS VARCHAR) AS campaign_id,
    CAST(CAST(ts AS TIMESTAMP) AS DATE) AS event_date
FROM read_json('bronze/events/*.ndjson*', format = 'newline_delimited')
