-- gold.marts.fact_rate_enriched: the rates team's pre-joined fact, one row per rate (fact_uid), with what analysts
-- join for every query: per code, market (statistical area within its state; NULL = outside any area) and month, the
-- market's rate count, avg/median/min/max rate, this rate's ratio to avg and median and its percentile (share of the
-- other rates below it), the payers and providers quoting it (billing classes together; percentage-of-charges rates
-- only against each other, rate_unit). In the seeds' nine partition keys so Athena prunes the same way; the NULL
-- stat_area_name stays a NULL partition. Averages add up whole cents (rates are priced in cents): exact in any
-- order, so every engine gets the same figure.
-- @not_null fact_uid, payer_name, code, negotiated_rate, rate_unit, market_rate_count, market_avg_rate, market_median_rate, market_min_rate, market_max_rate, rate_to_market_avg, rate_to_market_median, rate_percentile, market_payer_count, payer_slug, state, billing_class, year, month
-- @unique fact_uid
-- @accepted_values rate_unit: 'dollars', 'percent'
-- @row_count >= 1
-- @check rate_within_market_range:
--   SELECT fact_uid FROM gold.marts.fact_rate_enriched WHERE negotiated_rate < market_min_rate OR negotiated_rate > market_max_rate
-- @check median_and_percentile_in_range:
--   SELECT fact_uid FROM gold.marts.fact_rate_enriched WHERE market_median_rate < market_min_rate OR market_median_rate > market_max_rate OR rate_percentile < 0 OR rate_percentile > 1
CREATE TABLE gold.marts.fact_rate_enriched
WITH (
    format = 'PARQUET',
    partitioned_by = ARRAY['payer_slug', 'state', 'billing_class', 'procedure_set', 'procedure_class', 'taxonomy', 'stat_area_name', 'year', 'month'])
AS WITH rates AS (
    SELECT
        r.*,
        CASE WHEN r.negotiated_type = 'percentage' THEN 'percent' ELSE 'dollars' END AS rate_unit
    FROM silver.negotiated_rates r
),
ranked AS (
    SELECT
        rates.*,
        dense_rank() OVER (
            PARTITION BY state, stat_area_name, code, rate_unit, year, month
            ORDER BY payer_slug) AS payer_rank,
        dense_rank() OVER (
            PARTITION BY state, stat_area_name, code, rate_unit, year, month
            ORDER BY npi) AS provider_rank,
        row_number() OVER (
            PARTITION BY state, stat_area_name, code, rate_unit, year, month
            ORDER BY negotiated_rate) AS rate_position,
        percent_rank() OVER (
            PARTITION BY state, stat_area_name, code, rate_unit, year, month
            ORDER BY negotiated_rate) AS rate_percent_rank,
        count(*) OVER (PARTITION BY state, stat_area_name, code, rate_unit, year, month) AS market_size
    FROM rates
),
market AS (
    SELECT
        ranked.*,
        count(*) OVER w AS market_rate_count,
        sum(round(negotiated_rate * 100)) OVER w / count(*) OVER w / 100 AS market_avg,
        -- the median: the middle rate, or the mean of the two middle rates (positions n/2 and n/2 + 1)
        avg(CASE WHEN 2 * rate_position BETWEEN market_size AND market_size + 2 THEN negotiated_rate END) OVER w AS market_median,
        min(negotiated_rate) OVER w AS market_min_rate,
        max(negotiated_rate) OVER w AS market_max_rate,
        max(payer_rank) OVER w AS market_payer_count,
        max(provider_rank) OVER w AS market_provider_count
    FROM ranked
    WINDOW w AS (PARTITION BY state, stat_area_name, code, rate_unit, year, month)
)
SELECT
    fact_uid,
    year_month,
    payer_name,
    code_type,
    code,
    code_description,
    negotiated_type,
    negotiation_arrangement,
    negotiated_rate,
    rate_unit,
    expiration_date,
    expiration_date = DATE '9999-12-31' AS is_open_ended,
    billing_code_modifier,
    npi,
    tin_value,
    provider_name,
    county_name,
    latitude,
    longitude,
    market_rate_count,
    round(market_avg, 6) AS market_avg_rate,
    round(market_median, 6) AS market_median_rate,
    market_min_rate,
    market_max_rate,
    round(negotiated_rate / market_avg, 6) AS rate_to_market_avg,
    round(100 * (negotiated_rate - market_avg) / market_avg, 6) AS pct_vs_market_avg,
    round(negotiated_rate / market_median, 6) AS rate_to_market_median,
    round(rate_percent_rank, 6) AS rate_percentile,
    market_payer_count,
    market_provider_count,
    payer_slug,
    state,
    billing_class,
    procedure_set,
    procedure_class,
    taxonomy,
    stat_area_name,
    year,
    month
FROM market
