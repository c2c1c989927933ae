-- gold.marts.user_ltv: lifetime value per paying user: one row per user and currency they paid in (a user who
-- moves country pays in another currency, and amounts in two currencies do not add up; nearly every user
-- has one row). lifetime_revenue is the exact sum of completed payments, first/last purchase are completed
-- ones; a user with payments but none completed is here with zero revenue. Profile columns are current.
-- @not_null user_id, currency, transactions, completed_orders, lifetime_revenue, refunded_amount
-- @unique user_id, currency
-- @row_count >= 1
-- @check purchases_ordered: SELECT user_id FROM gold.marts.user_ltv WHERE last_purchase_at < first_purchase_at
CREATE TABLE gold.marts.user_ltv
WITH (format = 'PARQUET')
AS WITH payments AS (
    SELECT
        user_id,
        currency,
        count(*) AS transactions,
        count(DISTINCT order_id) FILTER (WHERE status = 'completed') AS completed_orders,
        coalesce(sum(amount) FILTER (WHERE status = 'completed'), 0) AS lifetime_revenue,
        sum(amount) FILTER (WHERE status = 'completed')
            / nullif(count(DISTINCT order_id) FILTER (WHERE status = 'completed'), 0) AS avg_order_value,
        count_if(status = 'refunded') AS refunds,
        coalesce(sum(amount) FILTER (WHERE status = 'refunded'), 0) AS refunded_amount,
        min(created_at) FILTER (WHERE status = 'completed') AS first_purchase_at,
        max(created_at) FILTER (WHERE status = 'completed') AS last_purchase_at,
        min(created_at) AS first_transaction_at
    FROM gold.facts.fact_transactions
    WHERE user_id IS NOT NULL
    GROUP BY user_id, currency
)
SELECT
    p.user_id,
    p.currency,
    u.country,
    u.status AS user_status,
    u.signup_date,
    p.transactions,
    p.completed_orders,
    p.lifetime_revenue,
    p.avg_order_value,
    p.refunds,
    p.refunded_amount,
    p.first_purchase_at,
    p.last_purchase_at,
    date_diff('day', CAST(p.first_purchase_at AS DATE), CAST(p.last_purchase_at AS DATE)) AS purchase_span_days,
    p.completed_orders >= 2 AS is_repeat_buyer,
    p.first_transaction_at
FROM payments p
LEFT JOIN gold.dimensions.dim_users u ON u.user_id = p.user_id
