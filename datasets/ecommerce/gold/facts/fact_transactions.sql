-- gold.facts.fact_transactions: one row per payment (webhook retries collapsed in silver), partitioned by the
-- UTC day it was created (transaction_date). Each payment carries the user's profile as it was at created_at
-- (the dim_users_history version with valid_from <= created_at < valid_to, NULL when the user had no valid
-- version yet) and the purchase event of its order (session, device, campaign) for attribution.
-- @not_null transaction_id, order_id, amount, currency, status, created_at, transaction_date
-- @unique transaction_id
-- @accepted_values status: 'completed', 'failed', 'pending', 'refunded'
-- @row_count >= 1
-- @check completed_not_negative: SELECT transaction_id FROM gold.facts.fact_transactions WHERE status = 'completed' AND amount < 0
CREATE TABLE gold.facts.fact_transactions
WITH (format = 'PARQUET', partitioned_by = ARRAY['transaction_date'])
AS SELECT
    t.transaction_id,
    t.order_id,
    t.user_id,
    t.amount,
    t.currency,
    t.status,
    t.payment_method,
    t.created_at,
    u.valid_from AS user_valid_from,
    u.country AS user_country,
    u.city AS user_city,
    u.status AS user_status,
    u.marketing_opt_in AS user_marketing_opt_in,
    p.purchase_event_id,
    p.purchase_event_ts,
    p.session_id,
    p.device,
    p.campaign_id,
    t.transaction_date
FROM silver.transactions t
LEFT JOIN silver.users u
    ON u.user_id = t.user_id
    AND u.valid_from <= t.created_at
    AND (u.valid_to IS NULL OR t.created_at < u.valid_to)
LEFT JOIN (
    SELECT
        order_id,
        min_by(event_id, ts) AS purchase_event_id,
        min(ts) AS purchase_event_ts,
        min_by(session_id, ts) AS session_id,
        min_by(device, ts) AS device,
        min_by(campaign_id, ts) AS campaign_id
    FROM silver.events
    WHERE event_type = 'purchase' AND order_id IS NOT NULL
    GROUP BY order_id
) p ON p.order_id = t.order_id
