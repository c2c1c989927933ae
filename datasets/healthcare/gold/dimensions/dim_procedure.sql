-- gold.dimensions.dim_procedure: one row per billing code (CPT or MS-DRG) with its description and the rates team's
-- clinical grouping (procedure_set > procedure_class), how widely it is quoted (rates, payers, providers, markets)
-- and its national dollar range (negotiated and fee-schedule rates; percentage-of-charges rates counted apart).
-- @not_null code, code_type, code_description, procedure_set, procedure_class, rate_count, payer_count
-- @unique code
-- @accepted_values code_type: 'CPT', 'MS-DRG'
-- @row_count >= 1
CREATE TABLE gold.dimensions.dim_procedure
WITH (format = 'PARQUET')
AS SELECT
    code,
    min(code_type) AS code_type,
    min(code_description) AS code_description,
    min(procedure_set) AS procedure_set,
    min(procedure_class) AS procedure_class,
    count(*) AS rate_count,
    count_if(billing_class = 'professional') AS professional_rates,
    count_if(billing_class = 'institutional') AS institutional_rates,
    count_if(negotiated_type = 'percentage') AS percentage_rates,
    count(DISTINCT payer_slug) AS payer_count,
    count(DISTINCT npi) AS provider_count,
    count(DISTINCT state) AS state_count,
    count(DISTINCT stat_area_name) AS market_count,
    min(negotiated_rate) FILTER (WHERE negotiated_type <> 'percentage') AS min_rate,
    max(negotiated_rate) FILTER (WHERE negotiated_type <> 'percentage') AS max_rate,
    round(sum(round(negotiated_rate * 100)) FILTER (WHERE negotiated_type <> 'percentage')
        / nullif(count_if(negotiated_type <> 'percentage'), 0) / 100, 6) AS avg_rate,
    count_if(billing_code_modifier IS NOT NULL) AS rates_with_modifier
FROM silver.negotiated_rates
GROUP BY code
