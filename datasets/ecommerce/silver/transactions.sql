-- silver.transactions: payments, typed and one row per transaction (webhook retries collapse), partitioned by
-- the UTC day the payment was created. Amounts are exact (DECIMAL); `34,49` or `23.30 EUR` are not amounts.
-- @key transaction_id
-- @rule created_at_plausible: created_at >= TIMESTAMP '2020-01-01 00:00:00' AND created_at < TIMESTAMP '2030-01-01 00:00:00'
-- @rule completed_amount_not_negative: status <> 'completed' OR amount >= 0
-- @not_null order_id, amount, currency, status, transaction_date
-- @accepted_values status: 'completed', 'failed', 'pending', 'refunded'
CREATE TABLE silver.transactions
WITH (format = 'PARQUET', partitioned_by = ARRAY['transaction_date'])
AS SELECT
    CAST(transaction_id AS VARCHAR) AS transaction_id,
    CAST(order_id AS VARCHAR) AS order_id,
    CAST(user_id AS BIGINT) AS user_id,
    CAST(amount AS DECIMAL(12, 2)) AS amount,
    CAST(currency AS VARCHAR) AS currency,
    CAST(status AS VARCHAR) AS status,
    CAST(payment_method AS VARCHAR) AS payment_method,
    CAST(created_at AS TIMESTAMP) AS created_at,
    CAST(CAST(created_at AS TIMESTAMP) AS DATE) AS transaction_date
FROM read_csv('bronze/transactions/*.csv')
