#!/usr/bin/env python3
"""Independent oracle for the e-commerce pipeline (bronze -> silver -> gold).

    python3 ecommerce_oracle.py --lake DIR      (DIR holds bronze/ of the e-commerce lake)

Reads the bronze files itself (csv, json and gzip from the standard library), applies the silver models'
ingestion rules (datasets/ecommerce/silver/*.sql: every column read as text, CASTs as TRY_CAST with a
non-NULL value that does not cast quarantined, @key NULL quarantined and the last delivered copy kept,
@rule predicates FALSE quarantined, @history valid_from/valid_to/is_current), then computes the gold
figures of datasets/ecommerce/gold/** with DuckDB. Prints one JSON object
{"checks": [{"name", "strata_sql", "columns", "rows"}]}: `rows` is what `strata_sql`, run by Strata on the
materialized lake, must return. Money is compared as text (CAST(x AS VARCHAR) in strata_sql, exact
DECIMAL on both sides), doubles rounded to 6 places, timestamps as Strata's CSV prints them.
Nothing here reads Strata's output.
"""
import argparse
import datetime
import decimal
import glob
import gzip
import json
import os
import sys
import zlib

import duckdb

from oracle_support import bad_cast, load, read_csv_glob, strata_column_names

EVENT_COLUMNS = ["event_id", "user_id", "session_id", "event_type", "ts", "page_url", "product_id", "order_id",
                 "device", "country", "campaign_id"]
USER_COLUMNS = ["user_id", "email", "first_name", "last_name", "country", "city", "status", "created_at",
                "updated_at", "marketing_opt_in"]
TRANSACTION_COLUMNS = ["transaction_id", "order_id", "user_id", "amount", "currency", "status", "payment_method",
                       "created_at"]


# ---------------------------------------------------------------------------------------------------------
# Bronze, read as text: (values by column, file, line) per record.

def json_text(value):
    """A JSON scalar as the text ingestion sees: strings as they are, null as NULL, others as written."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value)


def read_events(lake):
    records = []
    for path in sorted(glob.glob(os.path.join(lake, "bronze", "events", "*.ndjson*"))):
        rel = os.path.relpath(path, lake).replace(os.sep, "/")
        try:
            if path.endswith(".gz"):
                with gzip.open(path, "rb") as f:
                    data = f.read()
            else:
                with open(path, "rb") as f:
                    data = f.read()
        except (EOFError, OSError, zlib.error):
            continue  # an unreadable file goes to quarantine whole: no rows
        for number, line in enumerate(data.decode("utf-8").split("\n"), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                continue  # a line that does not parse is quarantined
            if not isinstance(obj, dict):
                continue
            records.append(([json_text(obj.get(c)) for c in EVENT_COLUMNS], rel, number))
    return records


# ---------------------------------------------------------------------------------------------------------
# Silver: the ingestion rules of datasets/ecommerce/silver/*.sql.



SILVER_SQL = f"""
CREATE TABLE silver_events AS
WITH typed AS (
    SELECT event_id, TRY_CAST(user_id AS BIGINT) AS user_id_t, user_id, session_id, event_type,
           TRY_CAST(ts AS TIMESTAMP) AS ts_t, ts, page_url, product_id, order_id, device, country, campaign_id,
           _file, _line
    FROM bronze_events
), kept AS (
    SELECT * FROM typed
    WHERE NOT {bad_cast('user_id', 'user_id_t')} AND NOT {bad_cast('ts', 'ts_t')}
      AND event_id IS NOT NULL
      AND (ts_t IS NULL OR (ts_t >= TIMESTAMP '2020-01-01 00:00:00' AND ts_t < TIMESTAMP '2030-01-01 00:00:00'))
), last AS (
    SELECT *, row_number() OVER (PARTITION BY event_id ORDER BY _file DESC, _line DESC) AS copy FROM kept
)
SELECT event_id, user_id_t AS user_id, session_id, event_type, ts_t AS ts, page_url, product_id, order_id,
       device, country, campaign_id, CAST(ts_t AS DATE) AS event_date
FROM last WHERE copy = 1;

CREATE TABLE silver_transactions AS
WITH typed AS (
    SELECT transaction_id, order_id, TRY_CAST(user_id AS BIGINT) AS user_id_t, user_id,
           TRY_CAST(amount AS DECIMAL(12, 2)) AS amount_t, amount, currency, status, payment_method,
           TRY_CAST(created_at AS TIMESTAMP) AS created_t, created_at, _file, _line
    FROM bronze_transactions
), kept AS (
    SELECT * FROM typed
    WHERE NOT {bad_cast('user_id', 'user_id_t')} AND NOT {bad_cast('amount', 'amount_t')}
      AND NOT {bad_cast('created_at', 'created_t')}
      AND transaction_id IS NOT NULL
      AND (created_t IS NULL OR (created_t >= TIMESTAMP '2020-01-01 00:00:00' AND created_t < TIMESTAMP '2030-01-01 00:00:00'))
      AND (status IS NULL OR amount_t IS NULL OR status <> 'completed' OR amount_t >= 0)
), last AS (
    SELECT *, row_number() OVER (PARTITION BY transaction_id ORDER BY _file DESC, _line DESC) AS copy FROM kept
)
SELECT transaction_id, order_id, user_id_t AS user_id, amount_t AS amount, currency, status, payment_method,
       created_t AS created_at, CAST(created_t AS DATE) AS transaction_date
FROM last WHERE copy = 1;

CREATE TABLE silver_users AS
WITH typed AS (
    SELECT TRY_CAST(user_id AS BIGINT) AS user_id_t, user_id, email, first_name, last_name, country, city, status,
           TRY_CAST(created_at AS TIMESTAMP) AS created_t, created_at,
           TRY_CAST(updated_at AS TIMESTAMP) AS updated_t, updated_at,
           TRY_CAST(marketing_opt_in AS BOOLEAN) AS opt_t, marketing_opt_in, _file, _line
    FROM bronze_users
), kept AS (
    SELECT * FROM typed
    WHERE NOT {bad_cast('user_id', 'user_id_t')} AND NOT {bad_cast('created_at', 'created_t')}
      AND NOT {bad_cast('updated_at', 'updated_t')} AND NOT {bad_cast('marketing_opt_in', 'opt_t')}
      AND user_id_t IS NOT NULL AND updated_t IS NOT NULL
      AND (updated_t >= TIMESTAMP '2000-01-01 00:00:00' AND updated_t < TIMESTAMP '2030-01-01 00:00:00')
), last AS (
    SELECT *, row_number() OVER (PARTITION BY user_id_t, updated_t ORDER BY _file DESC, _line DESC) AS copy
    FROM kept
), versions AS (
    SELECT user_id_t AS user_id, email, first_name, last_name, country, city, status, created_t AS created_at,
           updated_t AS updated_at, opt_t AS marketing_opt_in
    FROM last WHERE copy = 1
)
SELECT *, updated_at AS valid_from,
       lead(updated_at) OVER (PARTITION BY user_id ORDER BY updated_at) AS valid_to,
       lead(updated_at) OVER (PARTITION BY user_id ORDER BY updated_at) IS NULL AS is_current
FROM versions;
"""

# ---------------------------------------------------------------------------------------------------------
# Gold, computed here from the oracle's own silver tables.

GOLD_SQL = """
-- exact money helpers: a DECIMAL(.,2) sum divided by a count, rounded half away from zero to cents (what
-- Trino / Strata do for DECIMAL / BIGINT).
CREATE MACRO cents(x) AS CAST(x * 100 AS HUGEINT);
CREATE MACRO div_half_up(c, n) AS
    CASE WHEN n IS NULL OR n = 0 OR c IS NULL THEN NULL
         WHEN c >= 0 THEN (2 * c + n) // (2 * n)
         ELSE -((2 * (-c) + n) // (2 * n)) END;
CREATE MACRO money_div(s, n) AS CAST(CAST(div_half_up(cents(s), n) AS DECIMAL(36, 0)) * CAST(0.01 AS DECIMAL(3, 2)) AS DECIMAL(38, 2));

CREATE TABLE dim_users AS
SELECT u.user_id, u.email, u.first_name, u.last_name, u.country, u.city, u.status, u.status = 'active' AS is_active,
       u.marketing_opt_in, u.created_at, CAST(u.created_at AS DATE) AS signup_date, u.updated_at,
       v.version_count, v.first_version_at
FROM silver_users u
JOIN (SELECT user_id, count(*) AS version_count, min(valid_from) AS first_version_at FROM silver_users GROUP BY user_id) v
  USING (user_id)
WHERE u.is_current;

CREATE TABLE dim_users_history AS
SELECT user_id, row_number() OVER (PARTITION BY user_id ORDER BY valid_from) AS version_number, email, first_name,
       last_name, country, city, status, marketing_opt_in, created_at, updated_at, valid_from, valid_to, is_current
FROM silver_users;

CREATE TABLE country_reference (country_code VARCHAR, country_name VARCHAR, region VARCHAR, currency_code VARCHAR);
INSERT INTO country_reference VALUES
    ('AU', 'Australia', 'Oceania', 'AUD'), ('BR', 'Brazil', 'South America', 'BRL'),
    ('CA', 'Canada', 'North America', 'CAD'), ('DE', 'Germany', 'Europe', 'EUR'), ('FR', 'France', 'Europe', 'EUR'),
    ('GB', 'United Kingdom', 'Europe', 'GBP'), ('IL', 'Israel', 'Middle East', 'ILS'), ('IN', 'India', 'Asia', 'INR'),
    ('NL', 'Netherlands', 'Europe', 'EUR'), ('US', 'United States', 'North America', 'USD');

CREATE TABLE dim_country AS
WITH codes AS (
    SELECT country_code FROM country_reference
    UNION SELECT country FROM silver_users WHERE country IS NOT NULL
    UNION SELECT country FROM silver_events WHERE country IS NOT NULL
)
SELECT c.country_code, r.country_name, r.region, r.currency_code,
       coalesce(u.n, 0) AS user_count, coalesce(u.active, 0) AS active_user_count, coalesce(e.n, 0) AS event_count
FROM codes c
LEFT JOIN country_reference r USING (country_code)
LEFT JOIN (SELECT country, count(*) AS n, count(*) FILTER (WHERE status = 'active') AS active
           FROM silver_users WHERE is_current GROUP BY country) u ON u.country = c.country_code
LEFT JOIN (SELECT country, count(*) AS n FROM silver_events GROUP BY country) e ON e.country = c.country_code;

CREATE TABLE status_reference (status_type VARCHAR, status VARCHAR, is_revenue BOOLEAN, is_final BOOLEAN, sort_order INTEGER);
INSERT INTO status_reference VALUES
    ('user', 'active', false, false, 1), ('user', 'inactive', false, false, 2), ('user', 'suspended', false, false, 3),
    ('user', 'deleted', false, true, 4), ('transaction', 'completed', true, true, 1),
    ('transaction', 'pending', false, false, 2), ('transaction', 'failed', false, true, 3),
    ('transaction', 'refunded', false, true, 4);

CREATE TABLE dim_status AS
WITH observed AS (
    SELECT 'user' AS status_type, status, count(*) AS n FROM silver_users WHERE is_current AND status IS NOT NULL GROUP BY status
    UNION ALL
    SELECT 'transaction', status, count(*) FROM silver_transactions WHERE status IS NOT NULL GROUP BY status
)
SELECT coalesce(r.status_type, o.status_type) AS status_type, coalesce(r.status, o.status) AS status,
       r.is_revenue, r.is_final, r.sort_order, coalesce(o.n, 0) AS record_count
FROM status_reference r FULL OUTER JOIN observed o ON o.status_type = r.status_type AND o.status = r.status;

CREATE TABLE dim_date AS
WITH dates AS (
    SELECT CAST(created_at AS DATE) AS d FROM silver_users
    UNION ALL SELECT CAST(updated_at AS DATE) FROM silver_users
    UNION ALL SELECT event_date FROM silver_events
    UNION ALL SELECT transaction_date FROM silver_transactions
), days AS (
    SELECT CAST(g AS DATE) AS calendar_date
    FROM (SELECT min(d) AS lo, max(d) AS hi FROM dates) b, generate_series(b.lo, b.hi, INTERVAL 1 DAY) AS s(g)
)
SELECT CAST(strftime(calendar_date, '%Y%m%d') AS INTEGER) AS date_key, calendar_date,
       year(calendar_date) AS year, quarter(calendar_date) AS quarter, month(calendar_date) AS month,
       strftime(calendar_date, '%B') AS month_name, day(calendar_date) AS day_of_month,
       dayofyear(calendar_date) AS day_of_year, isodow(calendar_date) AS day_of_week,
       strftime(calendar_date, '%A') AS day_name, weekofyear(calendar_date) AS iso_week,
       yearweek(calendar_date) // 100 AS iso_year, isodow(calendar_date) >= 6 AS is_weekend,
       CAST(date_trunc('week', calendar_date) AS DATE) AS week_start,
       CAST(date_trunc('month', calendar_date) AS DATE) AS month_start,
       calendar_date IN (SELECT event_date FROM silver_events) AS has_events,
       calendar_date IN (SELECT transaction_date FROM silver_transactions) AS has_transactions
FROM days;

CREATE TABLE fact_events AS
SELECT event_id, ts AS event_ts, hour(ts) AS event_hour, user_id, user_id IS NULL AS is_anonymous, session_id,
       event_type, page_url, product_id, order_id, device, country, campaign_id, event_date
FROM silver_events;

CREATE TABLE fact_transactions AS
WITH purchase AS (
    SELECT order_id, arg_min(event_id, ts) AS purchase_event_id, min(ts) AS purchase_event_ts,
           arg_min(session_id, ts) AS session_id, arg_min(device, ts) AS device, arg_min(campaign_id, ts) AS campaign_id
    FROM silver_events WHERE event_type = 'purchase' AND order_id IS NOT NULL GROUP BY order_id
)
SELECT t.transaction_id, t.order_id, t.user_id, t.amount, t.currency, t.status, t.payment_method, t.created_at,
       u.valid_from AS user_valid_from, u.country AS user_country, u.city AS user_city, u.status AS user_status,
       u.marketing_opt_in AS user_marketing_opt_in,
       p.purchase_event_id, p.purchase_event_ts, p.session_id, p.device, p.campaign_id, t.transaction_date
FROM silver_transactions t
LEFT JOIN silver_users u
  ON u.user_id = t.user_id AND u.valid_from <= t.created_at AND (u.valid_to IS NULL OR t.created_at < u.valid_to)
LEFT JOIN purchase p ON p.order_id = t.order_id;

CREATE TABLE fact_user_activity AS
WITH e AS (
    SELECT user_id, event_date AS activity_date, count(*) AS events, count(DISTINCT session_id) AS sessions,
           count(*) FILTER (WHERE event_type = 'page_view') AS page_views,
           count(*) FILTER (WHERE event_type = 'product_view') AS product_views,
           count(*) FILTER (WHERE event_type = 'search') AS searches,
           count(*) FILTER (WHERE event_type = 'add_to_cart') AS add_to_carts,
           count(*) FILTER (WHERE event_type = 'remove_from_cart') AS remove_from_carts,
           count(*) FILTER (WHERE event_type = 'checkout_start') AS checkout_starts,
           count(*) FILTER (WHERE event_type = 'purchase') AS purchase_events,
           count(DISTINCT product_id) AS distinct_products, min(ts) AS first_event_ts, max(ts) AS last_event_ts
    FROM silver_events WHERE user_id IS NOT NULL GROUP BY ALL
), p AS (
    SELECT user_id, transaction_date AS activity_date, count(*) AS transactions,
           count(DISTINCT order_id) FILTER (WHERE status = 'completed') AS completed_orders,
           count(*) FILTER (WHERE status = 'failed') AS failed_payments
    FROM silver_transactions WHERE user_id IS NOT NULL GROUP BY ALL
)
SELECT coalesce(e.user_id, p.user_id) AS user_id,
       coalesce(events, 0) AS events, coalesce(sessions, 0) AS sessions, coalesce(page_views, 0) AS page_views,
       coalesce(product_views, 0) AS product_views, coalesce(searches, 0) AS searches,
       coalesce(add_to_carts, 0) AS add_to_carts, coalesce(remove_from_carts, 0) AS remove_from_carts,
       coalesce(checkout_starts, 0) AS checkout_starts, coalesce(purchase_events, 0) AS purchase_events,
       coalesce(distinct_products, 0) AS distinct_products, first_event_ts, last_event_ts,
       coalesce(transactions, 0) AS transactions, coalesce(completed_orders, 0) AS completed_orders,
       coalesce(failed_payments, 0) AS failed_payments,
       coalesce(e.activity_date, p.activity_date) AS activity_date
FROM e FULL OUTER JOIN p ON p.user_id = e.user_id AND p.activity_date = e.activity_date;

CREATE TABLE daily_revenue AS
SELECT transaction_date, currency, count(*) AS transactions,
       count(DISTINCT order_id) FILTER (WHERE status = 'completed') AS completed_orders,
       coalesce(sum(amount) FILTER (WHERE status = 'completed'), 0) AS completed_revenue,
       money_div(sum(amount) FILTER (WHERE status = 'completed'),
                 count(DISTINCT order_id) FILTER (WHERE status = 'completed')) AS avg_order_value,
       max(amount) FILTER (WHERE status = 'completed') AS max_order_value,
       count(*) FILTER (WHERE status = 'refunded') AS refunds,
       coalesce(sum(amount) FILTER (WHERE status = 'refunded'), 0) AS refunded_amount,
       count(*) FILTER (WHERE status = 'failed') AS failed_payments,
       count(*) FILTER (WHERE status = 'pending') AS pending_payments,
       coalesce(sum(amount) FILTER (WHERE status = 'pending'), 0) AS pending_amount,
       count(DISTINCT user_id) FILTER (WHERE status = 'completed') AS paying_users
FROM silver_transactions GROUP BY transaction_date, currency;

CREATE TABLE daily_active_users AS
WITH days AS (
    SELECT event_date AS activity_date, count(*) AS events, count(DISTINCT session_id) AS sessions,
           count(DISTINCT session_id) FILTER (WHERE user_id IS NULL) AS anonymous_sessions,
           count(DISTINCT user_id) AS active_users, count(*) FILTER (WHERE event_type = 'purchase') AS purchase_events
    FROM silver_events GROUP BY event_date
), active AS (
    SELECT DISTINCT user_id, event_date FROM silver_events WHERE user_id IS NOT NULL
), buyers AS (
    SELECT transaction_date, count(DISTINCT user_id) AS buyers
    FROM silver_transactions WHERE status = 'completed' AND user_id IS NOT NULL GROUP BY transaction_date
)
SELECT d.activity_date, d.active_users,
       (SELECT count(DISTINCT a.user_id) FROM active a
        WHERE a.event_date BETWEEN d.activity_date - 6 AND d.activity_date) AS active_users_7d,
       d.sessions, d.anonymous_sessions, d.events, d.purchase_events, coalesce(b.buyers, 0) AS buyers,
       round(CASE WHEN d.active_users = 0 THEN NULL ELSE coalesce(b.buyers, 0) / d.active_users END, 6) AS buyer_conversion_rate,
       (SELECT count(*) FROM dim_users s WHERE s.signup_date = d.activity_date) AS signups
FROM days d LEFT JOIN buyers b ON b.transaction_date = d.activity_date;

CREATE TABLE user_ltv AS
WITH p AS (
    SELECT user_id, currency, count(*) AS transactions,
           count(DISTINCT order_id) FILTER (WHERE status = 'completed') AS completed_orders,
           coalesce(sum(amount) FILTER (WHERE status = 'completed'), 0) AS lifetime_revenue,
           money_div(sum(amount) FILTER (WHERE status = 'completed'),
                     count(DISTINCT order_id) FILTER (WHERE status = 'completed')) AS avg_order_value,
           count(*) FILTER (WHERE status = 'refunded') AS refunds,
           coalesce(sum(amount) FILTER (WHERE status = 'refunded'), 0) AS refunded_amount,
           min(created_at) FILTER (WHERE status = 'completed') AS first_purchase_at,
           max(created_at) FILTER (WHERE status = 'completed') AS last_purchase_at,
           min(created_at) AS first_transaction_at
    FROM silver_transactions WHERE user_id IS NOT NULL GROUP BY user_id, currency
)
SELECT p.user_id, p.currency, u.country, u.status AS user_status, u.signup_date, p.transactions, p.completed_orders,
       p.lifetime_revenue, p.avg_order_value, p.refunds, p.refunded_amount, p.first_purchase_at, p.last_purchase_at,
       CAST(first_purchase_at AS DATE) AS first_day, CAST(last_purchase_at AS DATE) AS last_day,
       p.completed_orders >= 2 AS is_repeat_buyer, p.first_transaction_at
FROM p LEFT JOIN dim_users u USING (user_id);
"""


# ---------------------------------------------------------------------------------------------------------
# Checks: (name, strata_sql, oracle_sql). Both select the same columns in the same order; money as VARCHAR.

def checks():
    out = []

    def add(name, strata_sql, oracle_sql):
        out.append((name, " ".join(strata_sql.split()), oracle_sql))

    # silver row counts
    for table in ["events", "users", "transactions"]:
        add(f"silver_{table}_rows", f"SELECT count(*) AS n FROM silver.{table}", f"SELECT count(*) AS n FROM silver_{table}")

    # dimensions
    add("dim_users_rows",
        """SELECT u.user_id, u.email, u.first_name, u.last_name, u.country, u.city, u.status, u.is_active,
                  u.marketing_opt_in, u.created_at, u.signup_date, u.updated_at, u.version_count, u.first_version_at
           FROM gold.dimensions.dim_users u ORDER BY u.user_id""",
        """SELECT user_id, email, first_name, last_name, country, city, status, is_active, marketing_opt_in, created_at,
                  signup_date, updated_at, version_count, first_version_at FROM dim_users ORDER BY user_id""")
    add("dim_users_by_country_status",
        """SELECT country, status, count(*) AS users, count_if(marketing_opt_in) AS opted_in,
                  sum(version_count) AS versions
           FROM gold.dimensions.dim_users GROUP BY country, status ORDER BY country, status""",
        """SELECT country, status, count(*), count(*) FILTER (WHERE marketing_opt_in), sum(version_count)
           FROM dim_users GROUP BY ALL ORDER BY country, status""")
    add("dim_users_history_rows",
        """SELECT user_id, version_number, email, country, city, status, marketing_opt_in, created_at, updated_at,
                  valid_from, valid_to, is_current
           FROM gold.dimensions.dim_users_history ORDER BY user_id, version_number""",
        """SELECT user_id, version_number, email, country, city, status, marketing_opt_in, created_at, updated_at,
                  valid_from, valid_to, is_current FROM dim_users_history ORDER BY user_id, version_number""")
    add("dim_users_history_summary",
        """SELECT count(*) AS versions, count(DISTINCT user_id) AS users, count_if(is_current) AS current_versions,
                  count_if(valid_to IS NOT NULL) AS closed_versions, max(version_number) AS max_version
           FROM gold.dimensions.dim_users_history""",
        """SELECT count(*), count(DISTINCT user_id), count(*) FILTER (WHERE is_current),
                  count(valid_to), max(version_number) FROM dim_users_history""")
    add("dim_country_rows",
        """SELECT country_code, country_name, region, currency_code, user_count, active_user_count, event_count
           FROM gold.dimensions.dim_country ORDER BY country_code""",
        "SELECT * FROM dim_country ORDER BY country_code")
    add("dim_status_rows",
        """SELECT status_type, status, is_revenue, is_final, sort_order, record_count
           FROM gold.dimensions.dim_status ORDER BY status_type, status""",
        "SELECT * FROM dim_status ORDER BY status_type, status")
    add("dim_status_described",
        """SELECT count(*) AS statuses, count(description) AS described FROM gold.dimensions.dim_status""",
        """SELECT count(*), count(sort_order) FROM dim_status""")
    add("dim_date_summary",
        """SELECT count(*) AS days, min(calendar_date) AS first_day, max(calendar_date) AS last_day,
                  count_if(is_weekend) AS weekend_days, count_if(has_events) AS event_days,
                  count_if(has_transactions) AS transaction_days, sum(date_key) AS key_sum,
                  count(DISTINCT month_start) AS months, count(DISTINCT week_start) AS weeks
           FROM gold.dimensions.dim_date""",
        """SELECT count(*), min(calendar_date), max(calendar_date), count(*) FILTER (WHERE is_weekend),
                  count(*) FILTER (WHERE has_events), count(*) FILTER (WHERE has_transactions), sum(date_key),
                  count(DISTINCT month_start), count(DISTINCT week_start) FROM dim_date""")
    add("dim_date_data_days",
        """SELECT date_key, calendar_date, year, quarter, month, month_name, day_of_month, day_of_year, day_of_week,
                  day_name, iso_week, iso_year, is_weekend, week_start, month_start, has_events, has_transactions
           FROM gold.dimensions.dim_date
           WHERE has_events OR has_transactions OR day_of_month = 1 OR day_of_year <= 7 OR day_of_year >= 360
           ORDER BY calendar_date""",
        """SELECT * FROM dim_date
           WHERE has_events OR has_transactions OR day_of_month = 1 OR day_of_year <= 7 OR day_of_year >= 360
           ORDER BY calendar_date""")

    # facts
    add("fact_events_by_day_type",
        """SELECT event_date, event_type, count(*) AS events, count_if(is_anonymous) AS anonymous_events,
                  count(DISTINCT user_id) AS users, count(DISTINCT session_id) AS sessions,
                  count(product_id) AS with_product, count(order_id) AS with_order, count(campaign_id) AS with_campaign,
                  sum(event_hour) AS hour_sum
           FROM gold.facts.fact_events GROUP BY event_date, event_type ORDER BY event_date, event_type""",
        """SELECT event_date, event_type, count(*), count(*) FILTER (WHERE is_anonymous), count(DISTINCT user_id),
                  count(DISTINCT session_id), count(product_id), count(order_id), count(campaign_id), sum(event_hour)
           FROM fact_events GROUP BY ALL ORDER BY event_date, event_type""")
    add("fact_events_by_device_country",
        """SELECT device, country, count(*) AS events, min(event_ts) AS first_ts, max(event_ts) AS last_ts
           FROM gold.facts.fact_events GROUP BY device, country ORDER BY device, country""",
        """SELECT device, country, count(*), min(event_ts), max(event_ts) FROM fact_events GROUP BY ALL
           ORDER BY device, country""")
    add("fact_events_purchases",
        """SELECT event_id, event_ts, event_hour, user_id, session_id, page_url, order_id, device, country, campaign_id,
                  event_date
           FROM gold.facts.fact_events WHERE event_type = 'purchase' ORDER BY event_id""",
        """SELECT event_id, event_ts, event_hour, user_id, session_id, page_url, order_id, device, country, campaign_id,
                  event_date FROM fact_events WHERE event_type = 'purchase' ORDER BY event_id""")
    add("fact_transactions_rows",
        """SELECT transaction_id, order_id, user_id, CAST(amount AS VARCHAR) AS amount, currency, status,
                  payment_method, created_at, user_valid_from, user_country, user_city, user_status,
                  user_marketing_opt_in, purchase_event_id, purchase_event_ts, session_id, device, campaign_id,
                  transaction_date
           FROM gold.facts.fact_transactions ORDER BY transaction_id""",
        """SELECT transaction_id, order_id, user_id, amount, currency, status, payment_method, created_at,
                  user_valid_from, user_country, user_city, user_status, user_marketing_opt_in, purchase_event_id,
                  purchase_event_ts, session_id, device, campaign_id, transaction_date
           FROM fact_transactions ORDER BY transaction_id""")
    add("fact_transactions_by_day_status",
        """SELECT transaction_date, status, count(*) AS transactions, CAST(sum(amount) AS VARCHAR) AS amount,
                  count(user_valid_from) AS with_user_version, count(purchase_event_id) AS with_purchase_event
           FROM gold.facts.fact_transactions GROUP BY transaction_date, status ORDER BY transaction_date, status""",
        """SELECT transaction_date, status, count(*), sum(amount), count(user_valid_from), count(purchase_event_id)
           FROM fact_transactions GROUP BY ALL ORDER BY transaction_date, status""")
    add("fact_user_activity_by_day",
        """SELECT activity_date, count(*) AS user_days, sum(events) AS events, sum(sessions) AS sessions,
                  sum(page_views) AS page_views, sum(product_views) AS product_views, sum(searches) AS searches,
                  sum(add_to_carts) AS add_to_carts, sum(remove_from_carts) AS remove_from_carts,
                  sum(checkout_starts) AS checkout_starts, sum(purchase_events) AS purchase_events,
                  sum(distinct_products) AS distinct_products, sum(transactions) AS transactions,
                  sum(completed_orders) AS completed_orders, sum(failed_payments) AS failed_payments,
                  count(first_event_ts) AS with_events, min(first_event_ts) AS first_ts, max(last_event_ts) AS last_ts
           FROM gold.facts.fact_user_activity GROUP BY activity_date ORDER BY activity_date""",
        """SELECT activity_date, count(*), sum(events), sum(sessions), sum(page_views), sum(product_views),
                  sum(searches), sum(add_to_carts), sum(remove_from_carts), sum(checkout_starts),
                  sum(purchase_events), sum(distinct_products), sum(transactions), sum(completed_orders),
                  sum(failed_payments), count(first_event_ts), min(first_event_ts), max(last_event_ts)
           FROM fact_user_activity GROUP BY ALL ORDER BY activity_date""")
    add("fact_user_activity_sample",
        """SELECT user_id, activity_date, events, sessions, page_views, product_views, searches, add_to_carts,
                  remove_from_carts, checkout_starts, purchase_events, distinct_products, first_event_ts,
                  last_event_ts, transactions, completed_orders, failed_payments
           FROM gold.facts.fact_user_activity WHERE user_id % 5 = 0 OR transactions > 0
           ORDER BY user_id, activity_date""",
        """SELECT user_id, activity_date, events, sessions, page_views, product_views, searches, add_to_carts,
                  remove_from_carts, checkout_starts, purchase_events, distinct_products, first_event_ts,
                  last_event_ts, transactions, completed_orders, failed_payments
           FROM fact_user_activity WHERE user_id % 5 = 0 OR transactions > 0 ORDER BY user_id, activity_date""")

    # marts
    add("daily_revenue_rows",
        """SELECT transaction_date, currency, transactions, completed_orders,
                  CAST(completed_revenue AS VARCHAR) AS completed_revenue,
                  CAST(avg_order_value AS VARCHAR) AS avg_order_value,
                  CAST(max_order_value AS VARCHAR) AS max_order_value, refunds,
                  CAST(refunded_amount AS VARCHAR) AS refunded_amount, failed_payments, pending_payments,
                  CAST(pending_amount AS VARCHAR) AS pending_amount, paying_users
           FROM gold.marts.daily_revenue ORDER BY transaction_date, currency""",
        """SELECT transaction_date, currency, transactions, completed_orders, completed_revenue, avg_order_value,
                  max_order_value, refunds, refunded_amount, failed_payments, pending_payments, pending_amount,
                  paying_users FROM daily_revenue ORDER BY transaction_date, currency""")
    add("daily_revenue_by_currency",
        """SELECT currency, CAST(sum(completed_revenue) AS VARCHAR) AS completed_revenue,
                  sum(completed_orders) AS completed_orders, CAST(sum(refunded_amount) AS VARCHAR) AS refunded_amount,
                  round(avg(CAST(completed_revenue AS DOUBLE)), 6) AS avg_daily_revenue
           FROM gold.marts.daily_revenue GROUP BY currency ORDER BY currency""",
        """SELECT currency, sum(completed_revenue), sum(completed_orders), sum(refunded_amount),
                  round(avg(CAST(completed_revenue AS DOUBLE)), 6)
           FROM daily_revenue GROUP BY currency ORDER BY currency""")
    add("daily_active_users_rows",
        """SELECT activity_date, active_users, active_users_7d, sessions, anonymous_sessions, events, purchase_events,
                  buyers, round(buyer_conversion_rate, 6) AS buyer_conversion_rate, signups
           FROM gold.marts.daily_active_users ORDER BY activity_date""",
        """SELECT activity_date, active_users, active_users_7d, sessions, anonymous_sessions, events, purchase_events,
                  buyers, buyer_conversion_rate, signups FROM daily_active_users ORDER BY activity_date""")
    add("user_ltv_rows",
        """SELECT user_id, currency, country, user_status, signup_date, transactions, completed_orders,
                  CAST(lifetime_revenue AS VARCHAR) AS lifetime_revenue,
                  CAST(avg_order_value AS VARCHAR) AS avg_order_value, refunds,
                  CAST(refunded_amount AS VARCHAR) AS refunded_amount, first_purchase_at, last_purchase_at,
                  purchase_span_days, is_repeat_buyer, first_transaction_at
           FROM gold.marts.user_ltv ORDER BY user_id, currency""",
        """SELECT user_id, currency, country, user_status, signup_date, transactions, completed_orders,
                  lifetime_revenue, avg_order_value, refunds, refunded_amount, first_purchase_at, last_purchase_at,
                  date_diff('day', first_day, last_day), is_repeat_buyer, first_transaction_at
           FROM user_ltv ORDER BY user_id, currency""")
    add("user_ltv_summary",
        """SELECT count(*) AS ltv_rows, count(DISTINCT user_id) AS users, count_if(is_repeat_buyer) AS repeat_buyers,
                  count_if(completed_orders = 0) AS never_completed, CAST(sum(lifetime_revenue) AS VARCHAR) AS revenue,
                  count(country) AS with_profile
           FROM gold.marts.user_ltv""",
        """SELECT count(*), count(DISTINCT user_id), count(*) FILTER (WHERE is_repeat_buyer),
                  count(*) FILTER (WHERE completed_orders = 0), sum(lifetime_revenue), count(country) FROM user_ltv""")
    return out


def value(v):
    """A value as the check's JSON holds it (Strata's CSV conventions)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, decimal.Decimal):
        return str(v)  # money: exact text, with its scale
    if isinstance(v, float):
        return round(v, 6)
    if isinstance(v, datetime.datetime):
        text = v.strftime("%Y-%m-%d %H:%M:%S")
        return text + (f".{v.microsecond:06d}" if v.microsecond else "")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, int):
        return v
    return v


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", required=True, help="the e-commerce lake root (holds bronze/)")
    args = parser.parse_args()

    con = duckdb.connect()
    con.execute("SET threads = 1")
    load(con, "bronze_events", EVENT_COLUMNS, read_events(args.lake))
    load(con, "bronze_users", USER_COLUMNS, read_csv_glob(args.lake, "bronze/users/*.csv", USER_COLUMNS))
    load(con, "bronze_transactions", TRANSACTION_COLUMNS, read_csv_glob(args.lake, "bronze/transactions/*.csv", TRANSACTION_COLUMNS))
    con.execute(SILVER_SQL)
    con.execute(GOLD_SQL)

    result = []
    for name, strata_sql, oracle_sql in checks():
        cur = con.execute(oracle_sql)
        rows = [[value(v) for v in row] for row in cur.fetchall()]
        strata_columns = strata_column_names(strata_sql)
        result.append({"name": name, "strata_sql": strata_sql, "columns": strata_columns, "rows": rows})
        if len(cur.description) != len(strata_columns):
            sys.exit(f"{name}: the oracle query has {len(cur.description)} columns, strata_sql {len(strata_columns)}")
    json.dump({"checks": result}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
