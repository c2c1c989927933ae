-- gold.dimensions.dim_country: one row per ISO 3166 alpha-2 country code, the shop's reference list plus any
-- code seen in users or events (those get NULL names until the list learns them), with the name, region
-- and the currency payments from there are taken in, and how many users (current profile) and events it has.
-- @not_null country_code, user_count, active_user_count, event_count
-- @unique country_code
-- @row_count >= 1
CREATE TABLE gold.dimensions.dim_country
WITH (format = 'PARQUET')
AS WITH reference (country_code, country_name, region, currency_code) AS (
    VALUES
        ('AU', 'Australia', 'Oceania', 'AUD'),
        ('BR', 'Brazil', 'South America', 'BRL'),
        ('CA', 'Canada', 'North America', 'CAD'),
        ('DE', 'Germany', 'Europe', 'EUR'),
        ('FR', 'France', 'Europe', 'EUR'),
        ('GB', 'United Kingdom', 'Europe', 'GBP'),
        ('IL', 'Israel', 'Middle East', 'ILS'),
        ('IN', 'India', 'Asia', 'INR'),
        ('NL', 'Netherlands', 'Europe', 'EUR'),
        ('US', 'United States', 'North America', 'USD')
),
codes AS (
    SELECT country_code FROM reference
    UNION
    SELECT country FROM silver.users WHERE country IS NOT NULL
    UNION
    SELECT country FROM silver.events WHERE country IS NOT NULL
),
users AS (
    SELECT country, count(*) AS user_count, count_if(status = 'active') AS active_user_count
    FROM silver.users
    WHERE is_current
    GROUP BY country
),
events AS (
    SELECT country, count(*) AS event_count FROM silver.events GROUP BY country
)
SELECT
    c.country_code,
    r.country_name,
    r.region,
    r.currency_code,
    coalesce(u.user_count, 0) AS user_count,
    coalesce(u.active_user_count, 0) AS active_user_count,
    coalesce(e.event_count, 0) AS event_count
FROM codes c
LEFT JOIN reference r ON r.country_code = c.country_code
LEFT JOIN users u ON u.country = c.country_code
LEFT JOIN events e ON e.country = c.country_code
