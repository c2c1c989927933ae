-- gold.dimensions.dim_date: the calendar, one row per day from the earliest signup to the latest event,
-- payment or profile change (so every date in the facts and in dim_users joins), with the usual
-- attributes (ISO weeks, Monday = 1) and whether the day has clickstream events and payments.
-- @not_null date_key, calendar_date, year, month, day_of_week, is_weekend, has_events, has_transactions
-- @unique calendar_date
-- @unique date_key
-- @row_count >= 1
-- @check no_gaps:
--   SELECT count(*) FROM gold.dimensions.dim_date
--   HAVING count(*) <> date_diff('day', min(calendar_date), max(calendar_date)) + 1
CREATE TABLE gold.dimensions.dim_date
WITH (format = 'PARQUET')
AS WITH bounds AS (
    SELECT min(d) AS first_day, max(d) AS last_day
    FROM (
        SELECT CAST(created_at AS DATE) AS d FROM silver.users
        UNION ALL SELECT CAST(updated_at AS DATE) FROM silver.users
        UNION ALL SELECT event_date FROM silver.events
        UNION ALL SELECT transaction_date FROM silver.transactions
    ) dates
),
digits (n) AS (VALUES 0, 1, 2, 3, 4, 5, 6, 7, 8, 9),
offsets AS (
    SELECT a.n + 10 * b.n + 100 * c.n + 1000 * d.n AS n
    FROM digits a CROSS JOIN digits b CROSS JOIN digits c CROSS JOIN digits d
),
days AS (
    SELECT date_add('day', o.n, b.first_day) AS calendar_date
    FROM offsets o CROSS JOIN bounds b
    WHERE o.n <= date_diff('day', b.first_day, b.last_day)
),
event_days AS (SELECT DISTINCT event_date FROM silver.events),
transaction_days AS (SELECT DISTINCT transaction_date FROM silver.transactions)
SELECT
    CAST(date_format(d.calendar_date, '%Y%m%d') AS INTEGER) AS date_key,
    d.calendar_date,
    year(d.calendar_date) AS year,
    quarter(d.calendar_date) AS quarter,
    month(d.calendar_date) AS month,
    date_format(d.calendar_date, '%M') AS month_name,
    day(d.calendar_date) AS day_of_month,
    day_of_year(d.calendar_date) AS day_of_year,
    day_of_week(d.calendar_date) AS day_of_week,
    date_format(d.calendar_date, '%W') AS day_name,
    week(d.calendar_date) AS iso_week,
    year_of_week(d.calendar_date) AS iso_year,
    day_of_week(d.calendar_date) >= 6 AS is_weekend,
    date_trunc('week', d.calendar_date) AS week_start,
    date_trunc('month', d.calendar_date) AS month_start,
    e.event_date IS NOT NULL AS has_events,
    t.transaction_date IS NOT NULL AS has_transactions
FROM days d
LEFT JOIN event_days e ON e.event_date = d.calendar_date
LEFT JOIN transaction_days t ON t.transaction_date = d.calendar_date
