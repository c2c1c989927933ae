#!/usr/bin/env python3
"""Independent oracle for the healthcare price-transparency pipeline (bronze -> silver -> gold).

    python3 healthcare_oracle.py --lake DIR      (DIR holds bronze/ of the healthcare lake)

Reads every bronze Parquet file of bronze/fact_rate_enriched itself (one file at a time, every column cast to
VARCHAR, the nine partition values parsed from the path with Hive unescaping, __HIVE_DEFAULT_PARTITION__ as
NULL), applies the silver model's ingestion rules (datasets/healthcare/silver/negotiated_rates.sql: CASTs as
TRY_CAST with a non-NULL value that does not cast quarantined, NULL fact_uid quarantined, the last delivered copy
of a fact_uid kept, rate_is_a_price and npi_is_ten_digits FALSE quarantined), then computes the gold figures of
datasets/healthcare/gold/** with DuckDB (market figures by GROUP BY and join, not by windows as the models do).
Prints one JSON object {"checks": [{"name", "strata_sql", "columns", "rows"}]}: `rows` is what `strata_sql`, run
by Strata on the materialized lake, must return. Doubles are rounded to 6 places on both sides; dates as
'YYYY-MM-DD'. Nothing here reads Strata's output.
"""
import argparse
import datetime
import decimal
import glob
import json
import os
import sys
import urllib.parse

import duckdb

from oracle_support import bad_cast, load, strata_column_names

COLUMNS = ["fact_uid", "year_month", "payer_name", "code_type", "code", "code_description", "negotiated_type",
           "negotiation_arrangement", "negotiated_rate", "expiration_date", "npi", "tin_value", "provider_name",
           "county_name", "latitude", "longitude", "billing_code_modifier"]
PARTITIONS = ["payer_slug", "state", "billing_class", "procedure_set", "procedure_class", "taxonomy",
              "stat_area_name", "year", "month"]


# ---------------------------------------------------------------------------------------------------------
# Bronze, read as text: (values by column, partition values, file, row) per record.

def partition_values(rel):
    values = {}
    for part in rel.split("/"):
        if "=" in part:
            key, raw = part.split("=", 1)
            value = urllib.parse.unquote(raw)
            values[key] = None if value in ("__HIVE_DEFAULT_PARTITION__", "") else value
    return [values.get(k) for k in PARTITIONS]


def read_rates(con, lake):
    records = []
    pattern = os.path.join(lake, "bronze", "fact_rate_enriched", "**", "*.parquet")
    for path in sorted(glob.glob(pattern, recursive=True)):
        rel = os.path.relpath(path, lake).replace(os.sep, "/")
        try:
            described = con.execute("DESCRIBE SELECT * FROM read_parquet(?, hive_partitioning = false)", [path]).fetchall()
        except duckdb.Error:
            continue  # an unreadable file goes to quarantine whole: no rows
        present = {row[0] for row in described}
        select = ", ".join(f'CAST("{c}" AS VARCHAR)' if c in present else "CAST(NULL AS VARCHAR)" for c in COLUMNS)
        rows = con.execute(f"SELECT {select} FROM read_parquet(?, hive_partitioning = false)", [path]).fetchall()
        parts = partition_values(rel)
        for number, row in enumerate(rows):
            records.append((list(row) + parts, rel, number))
    return records


# ---------------------------------------------------------------------------------------------------------
# Silver: the ingestion rules of datasets/healthcare/silver/negotiated_rates.sql.



SILVER_SQL = f"""
CREATE TABLE silver_negotiated_rates AS
WITH typed AS (
    SELECT *,
           TRY_CAST(negotiated_rate AS DOUBLE) AS rate_t,
           TRY_CAST(expiration_date AS DATE) AS expiration_t,
           TRY_CAST(latitude AS DOUBLE) AS latitude_t,
           TRY_CAST(longitude AS DOUBLE) AS longitude_t,
           TRY_CAST(year AS BIGINT) AS year_t,
           TRY_CAST(month AS BIGINT) AS month_t
    FROM bronze_rates
), kept AS (
    SELECT * FROM typed
    WHERE NOT {bad_cast('negotiated_rate', 'rate_t')} AND NOT {bad_cast('expiration_date', 'expiration_t')}
      AND NOT {bad_cast('latitude', 'latitude_t')} AND NOT {bad_cast('longitude', 'longitude_t')}
      AND NOT {bad_cast('year', 'year_t')} AND NOT {bad_cast('month', 'month_t')}
      AND fact_uid IS NOT NULL
      AND (rate_t IS NULL OR (rate_t > 0 AND rate_t < 99999999))
      AND (npi IS NULL OR regexp_full_match(npi, '[0-9]{{10}}'))
), last AS (
    SELECT *, row_number() OVER (PARTITION BY fact_uid ORDER BY _file DESC, _line DESC) AS copy FROM kept
)
SELECT fact_uid, year_month, payer_name, code_type, code, code_description, negotiated_type,
       negotiation_arrangement, rate_t AS negotiated_rate, expiration_t AS expiration_date, npi, tin_value,
       provider_name, county_name, latitude_t AS latitude, longitude_t AS longitude, billing_code_modifier,
       payer_slug, state, billing_class, procedure_set, procedure_class, taxonomy, stat_area_name,
       year_t AS year, month_t AS month
FROM last WHERE copy = 1;
"""

# ---------------------------------------------------------------------------------------------------------
# Gold, computed here from the oracle's own silver table.

GOLD_SQL = """
CREATE TABLE rates AS
SELECT *, CASE WHEN negotiated_type = 'percentage' THEN 'percent' ELSE 'dollars' END AS rate_unit
FROM silver_negotiated_rates;

CREATE TABLE markets AS
SELECT state, stat_area_name, code, rate_unit, year, month,
       count(*) AS market_rate_count, sum(round(negotiated_rate * 100)) / count(*) / 100 AS market_avg,
       median(negotiated_rate) AS market_median, min(negotiated_rate) AS market_min_rate,
       max(negotiated_rate) AS market_max_rate, count(DISTINCT payer_slug) AS market_payer_count,
       count(DISTINCT npi) AS market_provider_count
FROM rates GROUP BY ALL;

-- the rate's percentile in its market: the share of the market's other rates that are strictly lower
CREATE TABLE lower_rates AS
SELECT r.fact_uid, count(o.fact_uid) AS lower
FROM rates r
LEFT JOIN rates o
  ON o.state = r.state AND o.stat_area_name IS NOT DISTINCT FROM r.stat_area_name
 AND o.code = r.code AND o.rate_unit = r.rate_unit AND o.year = r.year AND o.month = r.month
 AND o.negotiated_rate < r.negotiated_rate
GROUP BY r.fact_uid;

CREATE TABLE fact_rate_enriched AS
SELECT r.fact_uid, r.year_month, r.payer_name, r.code_type, r.code, r.code_description, r.negotiated_type,
       r.negotiation_arrangement, r.negotiated_rate, r.rate_unit, r.expiration_date,
       r.expiration_date = DATE '9999-12-31' AS is_open_ended, r.billing_code_modifier, r.npi, r.tin_value,
       r.provider_name, r.county_name, r.latitude, r.longitude,
       m.market_rate_count, round(m.market_avg, 6) AS market_avg_rate, round(m.market_median, 6) AS market_median_rate,
       m.market_min_rate, m.market_max_rate,
       round(r.negotiated_rate / m.market_avg, 6) AS rate_to_market_avg,
       round(100 * (r.negotiated_rate - m.market_avg) / m.market_avg, 6) AS pct_vs_market_avg,
       round(r.negotiated_rate / m.market_median, 6) AS rate_to_market_median,
       round(CASE WHEN m.market_rate_count = 1 THEN 0 ELSE l.lower / (m.market_rate_count - 1) END, 6) AS rate_percentile,
       m.market_payer_count, m.market_provider_count,
       r.payer_slug, r.state, r.billing_class, r.procedure_set, r.procedure_class, r.taxonomy, r.stat_area_name,
       r.year, r.month
FROM rates r
JOIN markets m
  ON m.state = r.state AND m.stat_area_name IS NOT DISTINCT FROM r.stat_area_name
 AND m.code = r.code AND m.rate_unit = r.rate_unit
 AND m.year = r.year AND m.month = r.month
JOIN lower_rates l ON l.fact_uid = r.fact_uid;

CREATE TABLE rate_summary_by_market AS
SELECT state, stat_area_name, billing_class, procedure_set, procedure_class, code, code_type,
       min(code_description) AS code_description, count(*) AS rate_count,
       count(*) FILTER (WHERE rate_unit = 'dollars') AS dollar_rate_count,
       count(*) FILTER (WHERE rate_unit = 'percent') AS percentage_rate_count,
       count(DISTINCT payer_slug) AS payer_count, count(DISTINCT npi) AS provider_count,
       min(negotiated_rate) FILTER (WHERE rate_unit = 'dollars') AS min_rate,
       max(negotiated_rate) FILTER (WHERE rate_unit = 'dollars') AS max_rate,
       round(sum(round(negotiated_rate * 100)) FILTER (WHERE rate_unit = 'dollars')
             / nullif(count(*) FILTER (WHERE rate_unit = 'dollars'), 0) / 100, 6) AS avg_rate,
       round(median(negotiated_rate) FILTER (WHERE rate_unit = 'dollars'), 6) AS median_rate,
       round(max(negotiated_rate) FILTER (WHERE rate_unit = 'dollars')
             / min(negotiated_rate) FILTER (WHERE rate_unit = 'dollars'), 6) AS max_to_min_ratio,
       round(sum(round(negotiated_rate * 100)) FILTER (WHERE rate_unit = 'percent')
             / nullif(count(*) FILTER (WHERE rate_unit = 'percent'), 0) / 100, 6) AS avg_percentage_rate,
       year, month
FROM rates GROUP BY state, stat_area_name, billing_class, procedure_set, procedure_class, code, code_type, year, month;

CREATE TABLE payer_market_share AS
WITH q AS (
    SELECT state, billing_class, payer_slug, min(payer_name) AS payer_name, count(*) AS rates_quoted,
           count(DISTINCT code) AS codes_quoted, count(DISTINCT npi) AS providers,
           count(DISTINCT stat_area_name) AS markets, min(year_month) AS first_year_month,
           max(year_month) AS last_year_month
    FROM rates GROUP BY ALL
), t AS (
    SELECT state, billing_class, sum(rates_quoted) AS state_rates FROM q GROUP BY ALL
)
SELECT q.state, q.billing_class, q.payer_slug, q.payer_name, q.rates_quoted, t.state_rates,
       round(q.rates_quoted / t.state_rates, 6) AS rate_share,
       (SELECT 1 + count(*) FROM q o WHERE o.state = q.state AND o.billing_class = q.billing_class
          AND o.rates_quoted > q.rates_quoted) AS share_rank,
       q.codes_quoted, q.providers, q.markets, q.first_year_month, q.last_year_month
FROM q JOIN t USING (state, billing_class);

CREATE TABLE dim_payer AS
SELECT payer_slug, min(payer_name) AS payer_name, count(DISTINCT payer_name) AS payer_name_variants,
       count(DISTINCT state) AS state_count, min(state) AS first_state, max(state) AS last_state,
       count(DISTINCT stat_area_name) AS market_count, count(DISTINCT billing_class) AS billing_class_count,
       count(*) AS rate_count, count(*) FILTER (WHERE billing_class = 'professional') AS professional_rates,
       count(*) FILTER (WHERE billing_class = 'institutional') AS institutional_rates,
       count(DISTINCT code) AS code_count, count(DISTINCT npi) AS provider_count, count(DISTINCT tin_value) AS tin_count,
       count(*) FILTER (WHERE negotiated_type = 'percentage') AS percentage_rates,
       count(*) FILTER (WHERE expiration_date = DATE '9999-12-31') AS open_ended_rates,
       min(year_month) AS first_year_month, max(year_month) AS last_year_month
FROM rates GROUP BY payer_slug;

CREATE TABLE dim_procedure AS
SELECT code, min(code_type) AS code_type, min(code_description) AS code_description,
       min(procedure_set) AS procedure_set, min(procedure_class) AS procedure_class, count(*) AS rate_count,
       count(*) FILTER (WHERE billing_class = 'professional') AS professional_rates,
       count(*) FILTER (WHERE billing_class = 'institutional') AS institutional_rates,
       count(*) FILTER (WHERE negotiated_type = 'percentage') AS percentage_rates,
       count(DISTINCT payer_slug) AS payer_count, count(DISTINCT npi) AS provider_count,
       count(DISTINCT state) AS state_count, count(DISTINCT stat_area_name) AS market_count,
       min(negotiated_rate) FILTER (WHERE rate_unit = 'dollars') AS min_rate,
       max(negotiated_rate) FILTER (WHERE rate_unit = 'dollars') AS max_rate,
       round(sum(round(negotiated_rate * 100)) FILTER (WHERE rate_unit = 'dollars')
             / nullif(count(*) FILTER (WHERE rate_unit = 'dollars'), 0) / 100, 6) AS avg_rate,
       count(billing_code_modifier) AS rates_with_modifier
FROM rates GROUP BY code;
"""


# ---------------------------------------------------------------------------------------------------------
# Checks: (name, strata_sql, oracle_sql). Both select the same columns in the same order.

PARTITION_LIST = ", ".join(PARTITIONS)


def checks():
    out = []

    def add(name, strata_sql, oracle_sql):
        out.append((name, " ".join(strata_sql.split()), oracle_sql))

    # silver
    add("silver_negotiated_rates_rows", "SELECT count(*) AS n FROM silver.negotiated_rates",
        "SELECT count(*) AS n FROM silver_negotiated_rates")
    add("silver_negotiated_rates_by_partition",
        f"""SELECT {PARTITION_LIST}, count(*) AS rates, round(sum(negotiated_rate), 6) AS rate_sum,
                   count(billing_code_modifier) AS with_modifier, count(expiration_date) AS with_expiration
            FROM silver.negotiated_rates GROUP BY {PARTITION_LIST} ORDER BY {PARTITION_LIST}""",
        f"""SELECT {PARTITION_LIST}, count(*), round(sum(negotiated_rate), 6), count(billing_code_modifier),
                   count(expiration_date)
            FROM silver_negotiated_rates GROUP BY ALL ORDER BY {PARTITION_LIST}""")

    # fact_rate_enriched
    fact_columns = """fact_uid, year_month, payer_name, code_type, code, code_description, negotiated_type,
        negotiation_arrangement, negotiated_rate, rate_unit, expiration_date, is_open_ended, billing_code_modifier,
        npi, tin_value, provider_name, county_name, latitude, longitude, market_rate_count, market_avg_rate,
        market_median_rate, market_min_rate, market_max_rate, rate_to_market_avg, pct_vs_market_avg,
        rate_to_market_median, rate_percentile, market_payer_count, market_provider_count, payer_slug, state, billing_class, procedure_set, procedure_class, taxonomy,
        stat_area_name, year, month"""
    rounded = fact_columns
    for c in ["negotiated_rate", "latitude", "longitude", "market_avg_rate", "market_median_rate", "market_min_rate",
              "market_max_rate", "rate_to_market_avg", "pct_vs_market_avg", "rate_to_market_median", "rate_percentile"]:
        rounded = rounded.replace(f" {c},", f" round({c}, 6) AS {c},", 1)
    add("fact_rate_enriched_rows",
        f"SELECT {rounded} FROM gold.marts.fact_rate_enriched ORDER BY fact_uid",
        f"SELECT {rounded} FROM fact_rate_enriched ORDER BY fact_uid")
    add("fact_rate_enriched_by_partition",
        f"""SELECT {PARTITION_LIST}, count(*) AS rates, round(sum(negotiated_rate), 6) AS rate_sum,
                   round(sum(rate_to_market_avg), 6) AS ratio_sum, round(sum(rate_percentile), 6) AS percentile_sum,
                   max(market_payer_count) AS max_payers, count_if(is_open_ended) AS open_ended
            FROM gold.marts.fact_rate_enriched GROUP BY {PARTITION_LIST} ORDER BY {PARTITION_LIST}""",
        f"""SELECT {PARTITION_LIST}, count(*), round(sum(negotiated_rate), 6), round(sum(rate_to_market_avg), 6),
                   round(sum(rate_percentile), 6), max(market_payer_count), count(*) FILTER (WHERE is_open_ended)
            FROM fact_rate_enriched GROUP BY ALL ORDER BY {PARTITION_LIST}""")
    add("fact_rate_enriched_markets",
        """SELECT state, stat_area_name, code, rate_unit, year, month, count(*) AS rates,
                  min(market_rate_count) AS market_rate_count, min(market_avg_rate) AS market_avg_rate,
                  min(market_median_rate) AS market_median_rate, min(market_min_rate) AS market_min_rate, max(market_max_rate) AS market_max_rate,
                  min(market_payer_count) AS market_payer_count, min(market_provider_count) AS market_provider_count
           FROM gold.marts.fact_rate_enriched
           GROUP BY state, stat_area_name, code, rate_unit, year, month
           ORDER BY state, stat_area_name, code, rate_unit, year, month""",
        """SELECT state, stat_area_name, code, rate_unit, year, month, market_rate_count,
                  market_rate_count, round(market_avg, 6), round(market_median, 6), market_min_rate, market_max_rate, market_payer_count,
                  market_provider_count
           FROM markets ORDER BY state, stat_area_name, code, rate_unit, year, month""")
    add("fact_rate_enriched_null_market",
        """SELECT payer_slug, code, month, count(*) AS rates, round(sum(negotiated_rate), 6) AS rate_sum
           FROM gold.marts.fact_rate_enriched WHERE stat_area_name IS NULL
           GROUP BY payer_slug, code, month ORDER BY payer_slug, code, month""",
        """SELECT payer_slug, code, month, count(*), round(sum(negotiated_rate), 6)
           FROM fact_rate_enriched WHERE stat_area_name IS NULL GROUP BY ALL ORDER BY payer_slug, code, month""")
    add("fact_rate_enriched_escaped_partitions",
        """SELECT payer_slug, taxonomy, month, count(*) AS rates, round(sum(rate_to_market_avg), 6) AS ratio_sum
           FROM gold.marts.fact_rate_enriched
           WHERE procedure_class = 'Office/outpatient services' AND stat_area_name IN ('Savannah, GA', 'Buffalo-Cheektowaga, NY', 'Dallas-Fort Worth-Arlington, TX')
           GROUP BY payer_slug, taxonomy, month ORDER BY payer_slug, taxonomy, month""",
        """SELECT payer_slug, taxonomy, month, count(*), round(sum(rate_to_market_avg), 6)
           FROM fact_rate_enriched
           WHERE procedure_class = 'Office/outpatient services' AND stat_area_name IN ('Savannah, GA', 'Buffalo-Cheektowaga, NY', 'Dallas-Fort Worth-Arlington, TX')
           GROUP BY ALL ORDER BY payer_slug, taxonomy, month""")

    # marts
    add("rate_summary_by_market_rows",
        """SELECT state, stat_area_name, billing_class, procedure_set, procedure_class, code, code_type,
                  code_description, rate_count, dollar_rate_count, percentage_rate_count, payer_count,
                  provider_count, round(min_rate, 6) AS min_rate, round(max_rate, 6) AS max_rate,
                  round(avg_rate, 6) AS avg_rate, round(median_rate, 6) AS median_rate, round(max_to_min_ratio, 6) AS max_to_min_ratio,
                  round(avg_percentage_rate, 6) AS avg_percentage_rate, year, month
           FROM gold.marts.rate_summary_by_market
           ORDER BY state, stat_area_name, billing_class, procedure_class, code, year, month""",
        """SELECT state, stat_area_name, billing_class, procedure_set, procedure_class, code, code_type,
                  code_description, rate_count, dollar_rate_count, percentage_rate_count, payer_count,
                  provider_count, min_rate, max_rate, avg_rate, median_rate, max_to_min_ratio, avg_percentage_rate, year, month
           FROM rate_summary_by_market
           ORDER BY state, stat_area_name, billing_class, procedure_class, code, year, month""")
    add("rate_summary_by_state_month",
        """SELECT state, year, month, count(*) AS market_codes, sum(rate_count) AS rates,
                  sum(provider_count) AS provider_codes, round(sum(avg_rate), 6) AS avg_rate_sum,
                  round(sum(median_rate), 6) AS median_rate_sum
           FROM gold.marts.rate_summary_by_market GROUP BY state, year, month ORDER BY state, year, month""",
        """SELECT state, year, month, count(*), sum(rate_count), sum(provider_count), round(sum(avg_rate), 6),
                  round(sum(median_rate), 6)
           FROM rate_summary_by_market GROUP BY ALL ORDER BY state, year, month""")
    add("payer_market_share_rows",
        """SELECT state, billing_class, payer_slug, payer_name, rates_quoted, state_rates,
                  round(rate_share, 6) AS rate_share, share_rank, codes_quoted, providers, markets,
                  first_year_month, last_year_month
           FROM gold.marts.payer_market_share ORDER BY state, billing_class, payer_slug""",
        """SELECT state, billing_class, payer_slug, payer_name, rates_quoted, state_rates, rate_share, share_rank,
                  codes_quoted, providers, markets, first_year_month, last_year_month
           FROM payer_market_share ORDER BY state, billing_class, payer_slug""")

    # dimensions
    add("dim_payer_rows",
        """SELECT payer_slug, payer_name, payer_name_variants, state_count, first_state, last_state, market_count,
                  billing_class_count, rate_count, professional_rates, institutional_rates, code_count,
                  provider_count, tin_count, percentage_rates, open_ended_rates, first_year_month, last_year_month
           FROM gold.dimensions.dim_payer ORDER BY payer_slug""",
        "SELECT * FROM dim_payer ORDER BY payer_slug")
    add("dim_procedure_rows",
        """SELECT code, code_type, code_description, procedure_set, procedure_class, rate_count, professional_rates,
                  institutional_rates, percentage_rates, payer_count, provider_count, state_count, market_count,
                  round(min_rate, 6) AS min_rate, round(max_rate, 6) AS max_rate, round(avg_rate, 6) AS avg_rate,
                  rates_with_modifier
           FROM gold.dimensions.dim_procedure ORDER BY code""",
        "SELECT * FROM dim_procedure ORDER BY code")
    return out


def value(v):
    """A value as the check's JSON holds it (Strata's CSV conventions)."""
    if v is None or isinstance(v, bool):
        return v
    if isinstance(v, decimal.Decimal):
        return str(v)
    if isinstance(v, float):
        return round(v, 6)
    if isinstance(v, datetime.datetime):
        text = v.strftime("%Y-%m-%d %H:%M:%S")
        return text + (f".{v.microsecond:06d}" if v.microsecond else "")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return v


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lake", required=True, help="the healthcare lake root (holds bronze/)")
    args = parser.parse_args()

    con = duckdb.connect()
    con.execute("SET threads = 1")
    load(con, "bronze_rates", COLUMNS + PARTITIONS, read_rates(con, args.lake))
    con.execute(SILVER_SQL)
    con.execute(GOLD_SQL)

    result = []
    for name, strata_sql, oracle_sql in checks():
        cur = con.execute(oracle_sql)
        rows = [[value(v) for v in row] for row in cur.fetchall()]
        strata_columns = strata_column_names(strata_sql)
        if len(cur.description) != len(strata_columns):
            sys.exit(f"{name}: the oracle query has {len(cur.description)} columns, strata_sql {len(strata_columns)}")
        result.append({"name": name, "strata_sql": strata_sql, "columns": strata_columns, "rows": rows})
    json.dump({"checks": result}, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
