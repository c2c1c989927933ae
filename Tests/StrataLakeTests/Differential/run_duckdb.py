"""Runs queries through DuckDB over the differential-test lake; prints one JSON result per query.

Usage: run_duckdb.py LAKE_FOLDER QUERIES_JSON  (a JSON list of SQL strings)
Values are printed as Strata's CSV contract spells them, so results compare as text (floats with a tolerance).
"""
import datetime
import decimal
import json
import math
import sys

import duckdb

lake, queries_path = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
for schema in ["silver", "gold"]:
    con.execute(f"CREATE SCHEMA {schema}")
con.execute(f"CREATE VIEW silver.events AS SELECT * FROM read_parquet('{lake}/silver/events/*/*.parquet', hive_partitioning = true, union_by_name = true)")
con.execute(f"CREATE VIEW silver.users AS SELECT * FROM read_parquet('{lake}/silver/users/*.parquet')")
con.execute(f"CREATE VIEW gold.dim_country AS SELECT * FROM read_parquet('{lake}/gold/dim_country/*.parquet')")
con.execute(f"CREATE VIEW silver.flowcam AS SELECT sample_time, particle_count, density, biovolume, date, tpu_id, reactor_id FROM read_parquet('{lake}/silver/flowcam/*/*/*/*.parquet', hive_partitioning = true, hive_types = {{'date': DATE, 'tpu_id': BIGINT, 'reactor_id': BIGINT}})")


def text(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S") + (f".{value.microsecond:06d}" if value.microsecond else "")
    if isinstance(value, (datetime.date, decimal.Decimal, int)):
        return str(value)
    return str(value)


results = []
for sql in json.load(open(queries_path)):
    try:
        rows = con.execute(sql).fetchall()
        results.append({"rows": [[text(v) for v in row] for row in rows]})
    except Exception as error:  # reported by the test, never hidden
        results.append({"error": str(error)})
print(json.dumps(results))
