-- gold.marts.daily_active_users: one row per UTC day (activity_date) of the clickstream: active users (known
-- users with at least one event that day), the 7-day rolling active users ending that day (WAU, distinct over
-- the window, not a sum), sessions including anonymous ones, buyers (users with a completed payment) and the
-- day's signups, so engagement and conversion read from one small table.
-- @not_null activity_date, active_users, active_users_7d, sessions, anonymous_sessions, events, buyers, signups
-- @unique activity_date
-- @row_count >= 1
-- @check wau_at_least_dau: SELECT activity_date FROM gold.marts.daily_active_users WHERE active_users_7d < active_users
CREATE TABLE gold.marts.daily_active_users
WITH (format = 'PARQUET', partitioned_by = ARRAY['activity_date'])
AS WITH days AS (
    SELECT
        event_date AS activity_date,
        count(*) AS events,
        count(DISTINCT session_id) AS sessions,
        count(DISTINCT session_id) FILTER (WHERE user_id IS NULL) AS anonymous_sessions,
        count(DISTINCT user_id) AS active_users,
        count_if(event_type = 'purchase') AS purchase_events
    FROM gold.facts.fact_events
    GROUP BY event_date
),
active AS (
    SELECT DISTINCT user_id, activity_date FROM gold.facts.fact_user_activity WHERE events > 0
),
rolling AS (
    SELECT d.activity_date, count(DISTINCT a.user_id) AS active_users_7d
    FROM days d
    JOIN active a
        ON a.activity_date <= d.activity_date
        AND a.activity_date > date_add('day', -7, d.activity_date)
    GROUP BY d.activity_date
),
buyers AS (
    SELECT activity_date, count(*) AS buyers
    FROM gold.facts.fact_user_activity
    WHERE completed_orders > 0
    GROUP BY activity_date
),
signups AS (
    SELECT signup_date, count(*) AS signups FROM gold.dimensions.dim_users GROUP BY signup_date
)
SELECT
    d.active_users,
    coalesce(r.active_users_7d, 0) AS active_users_7d,
    d.sessions,
    d.anonymous_sessions,
    d.events,
    d.purchase_events,
    coalesce(b.buyers, 0) AS buyers,
    round(coalesce(b.buyers, 0) / CAST(nullif(d.active_users, 0) AS DOUBLE), 6) AS buyer_conversion_rate,
    coalesce(s.signups, 0) AS signups,
    d.activity_date
FROM days d
LEFT JOIN rolling r ON r.activity_date = d.activity_date
LEFT JOIN buyers b ON b.activity_date = d.activity_date
LEFT JOIN signups s ON s.signup_date = d.activity_date
