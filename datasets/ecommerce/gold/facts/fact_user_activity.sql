-- gold.facts.fact_user_activity: one row per known user and UTC day with clickstream events or payments
-- (activity_date), the funnel counts of the day (views, searches, carts, checkouts, purchases), sessions,
-- first/last event, and the day's payments. Anonymous traffic has no user and is not here; money stays in
-- fact_transactions and the marts, whose currency is explicit.
-- @not_null user_id, activity_date, events, transactions, completed_orders
-- @unique user_id, activity_date
-- @row_count >= 1
-- @check not_empty_rows: SELECT user_id FROM gold.facts.fact_user_activity WHERE events = 0 AND transactions = 0
CREATE TABLE gold.facts.fact_user_activity
WITH (format = 'PARQUET', partitioned_by = ARRAY['activity_date'])
AS WITH events AS (
    SELECT
        user_id,
        event_date AS activity_date,
        count(*) AS events,
        count(DISTINCT session_id) AS sessions,
        count_if(event_type = 'page_view') AS page_views,
        count_if(event_type = 'product_view') AS product_views,
        count_if(event_type = 'search') AS searches,
        count_if(event_type = 'add_to_cart') AS add_to_carts,
        count_if(event_type = 'remove_from_cart') AS remove_from_carts,
        count_if(event_type = 'checkout_start') AS checkout_starts,
        count_if(event_type = 'purchase') AS purchase_events,
        count(DISTINCT product_id) AS distinct_products,
        min(event_ts) AS first_event_ts,
        max(event_ts) AS last_event_ts
    FROM gold.facts.fact_events
    WHERE user_id IS NOT NULL
    GROUP BY user_id, event_date
),
payments AS (
    SELECT
        user_id,
        transaction_date AS activity_date,
        count(*) AS transactions,
        count(DISTINCT order_id) FILTER (WHERE status = 'completed') AS completed_orders,
        count_if(status = 'failed') AS failed_payments
    FROM gold.facts.fact_transactions
    WHERE user_id IS NOT NULL
    GROUP BY user_id, transaction_date
)
SELECT
    coalesce(e.user_id, p.user_id) AS user_id,
    coalesce(e.events, 0) AS events,
    coalesce(e.sessions, 0) AS sessions,
    coalesce(e.page_views, 0) AS page_views,
    coalesce(e.product_views, 0) AS product_views,
    coalesce(e.searches, 0) AS searches,
    coalesce(e.add_to_carts, 0) AS add_to_carts,
    coalesce(e.remove_from_carts, 0) AS remove_from_carts,
    coalesce(e.checkout_starts, 0) AS checkout_starts,
    coalesce(e.purchase_events, 0) AS purchase_events,
    coalesce(e.distinct_products, 0) AS distinct_products,
    e.first_event_ts,
    e.last_event_ts,
    coalesce(p.transactions, 0) AS transactions,
    coalesce(p.completed_orders, 0) AS completed_orders,
    coalesce(p.failed_payments, 0) AS failed_payments,
    coalesce(e.activity_date, p.activity_date) AS activity_date
FROM events e
FULL OUTER JOIN payments p ON p.user_id = e.user_id AND p.activity_date = e.activity_date
