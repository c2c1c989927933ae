-- gold.facts.fact_events: the clickstream fact, one row per event (deduplicated in silver), partitioned by the
-- UTC day the event happened (event_date), so an event delivered days late lands in its own day and a day's
-- BI query reads one folder. user_id is NULL for anonymous visitors (is_anonymous); campaign_id exists from
-- the middle day on and is NULL before.
-- @not_null event_id, event_ts, event_type, is_anonymous, event_date
-- @unique event_id
-- @accepted_values event_type: 'page_view', 'product_view', 'search', 'add_to_cart', 'remove_from_cart', 'checkout_start', 'purchase'
-- @row_count >= 1
-- @check purchases_have_order: SELECT event_id FROM gold.facts.fact_events WHERE event_type = 'purchase' AND order_id IS NULL
CREATE TABLE gold.facts.fact_events
WITH (format = 'PARQUET', partitioned_by = ARRAY['event_date'])
AS SELECT
    event_id,
    ts AS event_ts,
    hour(ts) AS event_hour,
    user_id,
    user_id IS NULL AS is_anonymous,
    session_id,
    event_type,
    page_url,
    product_id,
    order_id,
    device,
    country,
    campaign_id,
    event_date
FROM silver.events
