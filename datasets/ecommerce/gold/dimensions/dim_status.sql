-- gold.dimensions.dim_status: the statuses of the two status columns, user accounts (silver.users.status) and
-- payments (silver.transactions.status), one row per status_type and status, with what each means, whether
-- it counts as revenue (only a completed payment does) or is final, and how many current users / payments
-- have it. Statuses seen in the data but not in the reference list show up with NULL descriptions.
-- @not_null status_type, status, record_count
-- @unique status_type, status
-- @accepted_values status_type: 'user', 'transaction'
-- @row_count >= 1
CREATE TABLE gold.dimensions.dim_status
WITH (format = 'PARQUET')
AS WITH reference (status_type, status, description, is_revenue, is_final, sort_order) AS (
    VALUES
        ('user', 'active', 'Account in use: can sign in and buy', false, false, 1),
        ('user', 'inactive', 'Account not in use; can be reactivated', false, false, 2),
        ('user', 'suspended', 'Account blocked by the shop', false, false, 3),
        ('user', 'deleted', 'Account deleted on request; profile kept only for history', false, true, 4),
        ('transaction', 'completed', 'Payment captured: counts as revenue', true, true, 1),
        ('transaction', 'pending', 'Payment authorised, not yet captured', false, false, 2),
        ('transaction', 'failed', 'Payment declined or errored: no money moved', false, true, 3),
        ('transaction', 'refunded', 'Payment captured, then returned to the customer', false, true, 4)
),
observed AS (
    SELECT 'user' AS status_type, status, count(*) AS record_count
    FROM silver.users
    WHERE is_current AND status IS NOT NULL
    GROUP BY status
    UNION ALL
    SELECT 'transaction' AS status_type, status, count(*) AS record_count
    FROM silver.transactions
    WHERE status IS NOT NULL
    GROUP BY status
)
SELECT
    coalesce(r.status_type, o.status_type) AS status_type,
    coalesce(r.status, o.status) AS status,
    r.description,
    r.is_revenue,
    r.is_final,
    r.sort_order,
    coalesce(o.record_count, 0) AS record_count
FROM reference r
FULL OUTER JOIN observed o ON o.status_type = r.status_type AND o.status = r.status
