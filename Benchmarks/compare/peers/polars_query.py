"""Runs one SQL statement on Polars over the lake and prints the result as CSV on stdout.

Run by the harness as `python3 -c "<this file>" CATALOG_JSON SQL`, one process per run, so the timing covers
interpreter start, imports, table registration and the query. Each table is a lazy `scan_parquet` of the
table's folder with Hive partitioning, registered in a `pl.SQLContext` under its lake name (`silver.events`);
a table whose files' schemas differ gets its declared columns (the union over its files) and
`missing_columns="insert"`, since Polars otherwise takes the first file's schema and rejects later columns.
On stderr the last line is `BENCH {"query_seconds": ...}`: the statement alone, planning to collected frame.
"""
import json
import sys
import time

import polars as pl

TYPES = {"BIGINT": pl.Int64, "INT": pl.Int32, "VARCHAR": pl.String, "DOUBLE": pl.Float64,
         "TIMESTAMP(6)": pl.Datetime("us"), "DATE": pl.Date}

catalog, sql = json.loads(sys.argv[1]), sys.argv[2]
context = pl.SQLContext()
for table in catalog:
    options = {}
    if table["partitions"]:
        options["hive_partitioning"] = True
    if table["schemas_differ"]:
        options["schema"] = {name: TYPES[kind] for name, kind in table["columns"]}
        options["missing_columns"] = "insert"
    context.register(table["name"], pl.scan_parquet(f"{table['location']}/**/*.parquet", **options))

started = time.perf_counter()
result = context.execute(sql).collect()
elapsed = time.perf_counter() - started
result.write_csv(sys.stdout)
sys.stdout.flush()
print("BENCH " + json.dumps({"query_seconds": elapsed, "rows": result.height}), file=sys.stderr)
