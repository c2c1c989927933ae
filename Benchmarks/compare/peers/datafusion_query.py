"""Runs one SQL statement on DataFusion over the lake and prints the result as CSV on stdout.

Run by the harness as `python3 -c "<this file>" CATALOG_JSON SQL`, one process per run, so the timing covers
interpreter start, imports, table registration and the query. Tables become external tables in schemas named
after the lake layer (`silver.events`), declared with their columns and partition types: DataFusion takes a
typed PARTITIONED BY only together with the column list, and cannot infer one schema over files whose
embedded Arrow schemas disagree (pyarrow's Utf8 against polars' LargeUtf8), which the events table has.
On stderr the last line is `BENCH {"query_seconds": ...}`: the statement alone, planning to last batch.
"""
import json
import sys
import time

import datafusion
import pyarrow.csv

catalog, sql = json.loads(sys.argv[1]), sys.argv[2]
context = datafusion.SessionContext()
for schema in sorted({table["name"].split(".")[0] for table in catalog}):
    context.sql(f"CREATE SCHEMA {schema}").collect()
for table in catalog:
    columns = " (" + ", ".join(f"{name} {kind}" for name, kind in table["columns"] + table["partitions"]) + ")"
    partitioned = ""
    if table["partitions"]:
        partitioned = " PARTITIONED BY (" + ", ".join(name for name, _ in table["partitions"]) + ")"
    context.sql(f"CREATE EXTERNAL TABLE {table['name']}{columns} STORED AS PARQUET{partitioned} "
                f"LOCATION '{table['location']}/'").collect()

started = time.perf_counter()
result = context.sql(sql).to_arrow_table()
elapsed = time.perf_counter() - started
# pyarrow's CSV writer does not take the view types DataFusion returns; plain strings print the same.
plain = pyarrow.schema([field.with_type(pyarrow.string()) if field.type == pyarrow.string_view()
                        else field.with_type(pyarrow.binary()) if field.type == pyarrow.binary_view() else field
                        for field in result.schema])
pyarrow.csv.write_csv(result.cast(plain), sys.stdout.buffer)
sys.stdout.flush()
print("BENCH " + json.dumps({"query_seconds": elapsed, "rows": result.num_rows}), file=sys.stderr)
