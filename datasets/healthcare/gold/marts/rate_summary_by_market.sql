-- gold.marts.rate_summary_by_market: what a procedure costs in a market, one row per state, stat_area_name (NULL:
-- providers outside any statistical area), billing_class, procedure_class, code, year and month, with the number of
-- rates, payers and providers (NPIs) quoting it and the min/max/avg/median rate. Dollar figures are over dollar rates
-- (negotiated and fee schedule); percentage-of-charges rates are counted and averaged apart, never mixed in.
-- @not_null state, billing_class, procedure_class, code, code_type, rate_count, dollar_rate_count, percentage_rate_count, payer_count, provider_count, year, month
-- @unique state, stat_area_name, billing_class, procedure_class, code, year, month
-- @row_count >= 1
-- @check min_not_above_max:
--   SELECT code FROM gold.marts.rate_summary_by_market WHERE min_rate > max_rate OR avg_rate < min_rate OR avg_rate > max_rate OR median_rate < min_rate OR median_rate > max_rate
CREATE TABLE gold.marts.rate_summary_by_market
WITH (format = 'PARQUET', partitioned_by = ARRAY['state', 'year', 'month'])
AS WITH positioned AS (
    SELECT
        r.*,
        CASE WHEN r.negotiated_type = 'percentage' THEN 'percent' ELSE 'dollars' END AS rate_unit
    FROM silver.negotiated_rates r
),
ordered AS (
    SELECT
        positioned.*,
        row_number() OVER market AS rate_position,
        count(*) OVER (PARTITION BY state, stat_area_name, billing_class, procedure_set, procedure_class, code, code_type, rate_unit, year, month) AS unit_rates
    FROM positioned
    WINDOW market AS (
        PARTITION BY state, stat_area_name, billing_class, procedure_set, procedure_class, code, code_type, rate_unit, year, month
        ORDER BY negotiated_rate)
)
SELECT
    stat_area_name,
    billing_class,
    procedure_set,
    procedure_class,
    code,
    code_type,
    min(code_description) AS code_description,
    count(*) AS rate_count,
    count_if(negotiated_type <> 'percentage') AS dollar_rate_count,
    count_if(negotiated_type = 'percentage') AS percentage_rate_count,
    count(DISTINCT payer_slug) AS payer_count,
    count(DISTINCT npi) AS provider_count,
    min(negotiated_rate) FILTER (WHERE negotiated_type <> 'percentage') AS min_rate,
    max(negotiated_rate) FILTER (WHERE negotiated_type <> 'percentage') AS max_rate,
    round(sum(round(negotiated_rate * 100)) FILTER (WHERE negotiated_type <> 'percentage')
        / nullif(count_if(negotiated_type <> 'percentage'), 0) / 100, 6) AS avg_rate,
    -- the median dollar rate: the middle one, or the mean of the two middle ones
    round(avg(negotiated_rate) FILTER (WHERE rate_unit = 'dollars' AND 2 * rate_position BETWEEN unit_rates AND unit_rates + 2), 6) AS median_rate,
    round(max(negotiated_rate) FILTER (WHERE negotiated_type <> 'percentage')
        / min(negotiated_rate) FILTER (WHERE negotiated_type <> 'percentage'), 6) AS max_to_min_ratio,
    round(sum(round(negotiated_rate * 100)) FILTER (WHERE negotiated_type = 'percentage')
        / nullif(count_if(negotiated_type = 'percentage'), 0) / 100, 6) AS avg_percentage_rate,
    state,
    year,
    month
FROM ordered
GROUP BY state, stat_area_name, billing_class, procedure_set, procedure_class, code, code_type, year, month
