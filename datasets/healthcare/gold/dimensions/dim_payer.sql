-- gold.dimensions.dim_payer: one row per payer (payer_slug, the first partition key of the rates) with its legal
-- name as its transparency files give it, where it publishes (states, markets, billing classes), how much (rates,
-- codes, providers, TINs) and over which months (year_month), for filters and labels in BI.
-- @not_null payer_slug, payer_name, rate_count, state_count, code_count, provider_count
-- @unique payer_slug
-- @row_count >= 1
CREATE TABLE gold.dimensions.dim_payer
WITH (format = 'PARQUET')
AS SELECT
    payer_slug,
    min(payer_name) AS payer_name,
    count(DISTINCT payer_name) AS payer_name_variants,
    count(DISTINCT state) AS state_count,
    min(state) AS first_state,
    max(state) AS last_state,
    count(DISTINCT stat_area_name) AS market_count,
    count(DISTINCT billing_class) AS billing_class_count,
    count(*) AS rate_count,
    count_if(billing_class = 'professional') AS professional_rates,
    count_if(billing_class = 'institutional') AS institutional_rates,
    count(DISTINCT code) AS code_count,
    count(DISTINCT npi) AS provider_count,
    count(DISTINCT tin_value) AS tin_count,
    count_if(negotiated_type = 'percentage') AS percentage_rates,
    count_if(expiration_date = DATE '9999-12-31') AS open_ended_rates,
    min(year_month) AS first_year_month,
    max(year_month) AS last_year_month
FROM silver.negotiated_rates
GROUP BY payer_slug
