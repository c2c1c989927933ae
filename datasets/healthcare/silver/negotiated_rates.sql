-- silver.negotiated_rates: the payers' price-transparency rates, typed and one row per rate, kept in the nine
-- partition keys the rates team queries by. A zero, negative or placeholder (99999999.99) rate is not a
-- price; an NPI mangled into scientific notation by a spreadsheet is not an NPI.
-- @key fact_uid
-- @rule rate_is_a_price: negotiated_rate > 0 AND negotiated_rate < 99999999
-- @rule npi_is_ten_digits: regexp_like(npi, '^[0-9]{10}$')
-- @not_null payer_name, code, negotiated_rate, payer_slug, state, billing_class, year, month
CREATE TABLE silver.negotiated_rates
WITH (
    format = 'PARQUET',
    partitioned_by = ARRAY['payer_slug', 'state', 'billing_class', 'procedure_set', 'procedure_class', 'taxonomy', 'stat_area_name', 'year', 'month'])
AS SELECT
    CAST(fact_uid AS VARCHAR) AS fact_uid,
    CAST(year_month AS VARCHAR) AS year_month,
    CAST(payer_name AS VARCHAR) AS payer_name,
    CAST(code_type AS VARCHAR) AS code_type,
    CAST(code AS VARCHAR) AS code,
    CAST(code_description AS VARCHAR) AS code_description,
    CAST(negotiated_type AS VARCHAR) AS negotiated_type,
    CAST(negotiation_arrangement AS VARCHAR) AS negotiation_arrangement,
    CAST(negotiated_rate AS DOUBLE) AS negotiated_rate,
    CAST(expiration_date AS DATE) AS expiration_date,
    CAST(npi AS VARCHAR) AS npi,
    CAST(tin_value AS VARCHAR) AS tin_value,
    CAST(provider_name AS VARCHAR) AS provider_name,
    CAST(county_name AS VARCHAR) AS county_name,
    CAST(latitude AS DOUBLE) AS latitude,
    CAST(longitude AS DOUBLE) AS longitude,
    CAST(billing_code_modifier AS VARCHAR) AS billing_code_modifier,
    CAST(payer_slug AS VARCHAR) AS payer_slug,
    CAST(state AS VARCHAR) AS state,
    CAST(billing_class AS VARCHAR) AS billing_class,
    CAST(procedure_set AS VARCHAR) AS procedure_set,
    CAST(procedure_class AS VARCHAR) AS procedure_class,
    CAST(taxonomy AS VARCHAR) AS taxonomy,
    CAST(stat_area_name AS VARCHAR) AS stat_area_name,
    CAST(year AS BIGINT) AS year,
    CAST(month AS BIGINT) AS month
FROM read_parquet('bronze/fact_rate_enriched/payer_slug=*/state=*/billing_class=*/procedure_set=*/procedure_class=*/taxonomy=*/stat_area_name=*/year=*/month=*/*.parquet')
