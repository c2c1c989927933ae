-- gold.marts.daily_revenue: revenue per UTC day (transaction_date) and currency, never summed across
-- currencies. completed_revenue is the exact DECIMAL sum of completed payments; refunds are payments that
-- were captured and returned (refunded_amount), kept apart; avg_order_value = completed_revenue /
-- completed_orders. Built from fact_transactions, so a late-settled payment counts on the day it was made.
-- @not_null transaction_date, currency, transactions, completed_orders, completed_revenue, refunded_amount
-- @unique transaction_date, currency
-- @row_count >= 1
-- @check revenue_not_negative: SELECT * FROM gold.marts.daily_revenue WHERE completed_revenue < 0 OR refunded_amount < 0
CREATE TABLE gold.marts.daily_revenue
WITH (format = 'PARQUET', partitioned_by = ARRAY['transaction_date'])
AS SELECT
    currency,
    count(*) AS transactions,
    count(DISTINCT order_id) FILTER (WHERE status = 'completed') AS completed_orders,
    coalesce(sum(amount) FILTER (WHERE status = 'completed'), 0) AS completed_revenue,
    sum(amount) FILTER (WHERE status = 'completed')
        / nullif(count(DISTINCT order_id) FILTER (WHERE status = 'completed'), 0) AS avg_order_value,
    max(amount) FILTER (WHERE status = 'completed') AS max_order_value,
    count_if(status = 'refunded') AS refunds,
    coalesce(sum(amount) FILTER (WHERE status = 'refunded'), 0) AS refunded_amount,
    count_if(status = 'failed') AS failed_payments,
    count_if(status = 'pending') AS pending_payments,
    coalesce(sum(amount) FILTER (WHERE status = 'pending'), 0) AS pending_amount,
    count(DISTINCT user_id) FILTER (WHERE status = 'completed') AS paying_users,
    transaction_date
FROM gold.facts.fact_transactions
GROUP BY transaction_date, currency
