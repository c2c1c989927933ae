-- gold.marts.payer_market_share: how much of a state's published rates each payer accounts for, one row per state,
-- billing_class and payer (all months): rates quoted, their share of the state and billing class, the codes,
-- providers (NPIs) and markets (statistical areas; NULL area not counted) it quotes, and its rank in the state.
-- Answers "who dominates professional rates in GA" without scanning the nine-key fact.
-- @not_null state, billing_class, payer_slug, payer_name, rates_quoted, state_rates, rate_share, share_rank
-- @unique state, billing_class, payer_slug
-- @row_count >= 1
-- @check shares_add_up:
--   SELECT state, billing_class FROM gold.marts.payer_market_share GROUP BY state, billing_class HAVING abs(sum(rate_share) - 1) > 0.00001
CREATE TABLE gold.marts.payer_market_share
WITH (format = 'PARQUET')
AS WITH quoted AS (
    SELECT
        state,
        billing_class,
        payer_slug,
        min(payer_name) AS payer_name,
        count(*) AS rates_quoted,
        count(DISTINCT code) AS codes_quoted,
        count(DISTINCT npi) AS providers,
        count(DISTINCT stat_area_name) AS markets,
        min(year_month) AS first_year_month,
        max(year_month) AS last_year_month
    FROM silver.negotiated_rates
    GROUP BY state, billing_class, payer_slug
)
SELECT
    state,
    billing_class,
    payer_slug,
    payer_name,
    rates_quoted,
    sum(rates_quoted) OVER (PARTITION BY state, billing_class) AS state_rates,
    round(CAST(rates_quoted AS DOUBLE) / sum(rates_quoted) OVER (PARTITION BY state, billing_class), 6) AS rate_share,
    CAST(rank() OVER (PARTITION BY state, billing_class ORDER BY rates_quoted DESC) AS BIGINT) AS share_rank,
    codes_quoted,
    providers,
    markets,
    first_year_month,
    last_year_month
FROM quoted
