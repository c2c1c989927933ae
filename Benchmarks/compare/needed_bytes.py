"""The bytes a selective query cannot avoid reading, computed independently of Strata, to judge its pruning.

For each selective benchmark query this finds, with DuckDB, every row that matches the query's predicate
(file and row number), maps the rows to Parquet row groups with pyarrow, and adds up two floors:

- *matching*: the footer (metadata + 8 bytes) of every file in the partitions that survive partition
  pruning, and the compressed size of the column chunks the query needs in every row group holding a
  matching row. That is what a reader told in advance where the rows are would read.
- *decidable*: the matching floor plus what the files' own metadata makes unavoidable in the row groups
  holding no matching row: nothing where the filter column's min/max rule the row group out; its
  dictionary page where the chunk is dictionary-encoded (the value is not in it); otherwise the filter
  column's whole chunk, since no statistic, dictionary or bloom filter the writer left can tell.

A reader with a page index can go below either (pages instead of chunks). Strata's `bytes_read` should be at
most ~1.2x of the decidable floor; where it equals the matching floor the files leave nothing to decide.

    python3 Benchmarks/compare/needed_bytes.py --lake Benchmarks/.lake/scale-1 --strata .build/release/strata

prints a markdown table: both floors, Strata's bytes_read (from --stats-json) and its ratio to each.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

HERE = Path(__file__).resolve().parent

# Per selective query: the predicate over the events table (DuckDB syntax, partition column included), the
# partition values that survive pruning (None: all), the file columns the query reads, and for a predicate on
# a file column, that column and whether a row group's min/max can hold a match.
SELECTIVE = {
    "q01_one_partition": {
        "where": "event_date = DATE '2025-06-15'",
        "partitions": ["2025-06-15"],
        "columns": ["event_type", "quantity", "price"],
    },
    "q02_few_partitions": {
        "where": "event_date IN (DATE '2025-01-01', DATE '2025-04-01', DATE '2025-07-01', DATE '2025-10-01')",
        "partitions": ["2025-01-01", "2025-04-01", "2025-07-01", "2025-10-01"],
        "columns": ["country", "user_id", "price", "quantity"],
    },
    "q03_point_lookup": {
        "where": "event_id = 2025081400000042",
        "partitions": None,
        "columns": ["event_id", "event_ts", "user_id", "session_id", "event_type", "product_id", "price"],
        "filter": ("event_id", lambda low, high: low <= 2025081400000042 <= high),
    },
    "q04_user_lookup": {
        "where": "user_id = 4242",
        "partitions": None,
        "columns": ["user_id", "price", "quantity"],
        "filter": ("user_id", lambda low, high: low <= 4242 <= high),
    },
    "q05_time_range": {
        "where": "event_ts >= TIMESTAMP '2025-03-10 06:00:00' AND event_ts < TIMESTAMP '2025-03-12 18:00:00'",
        "partitions": None,
        "columns": ["event_ts", "event_type", "device", "user_id", "price"],
        "filter": ("event_ts", lambda low, high: high >= datetime(2025, 3, 10, 6) and low < datetime(2025, 3, 12, 18)),
    },
    "q17_time_range_in_day": {
        "where": "event_ts >= TIMESTAMP '2025-05-20 09:00:00' AND event_ts < TIMESTAMP '2025-05-20 11:30:00'",
        "partitions": None,
        "columns": ["event_ts", "price", "quantity"],
        "filter": ("event_ts", lambda low, high: high >= datetime(2025, 5, 20, 9) and low < datetime(2025, 5, 20, 11, 30)),
    },
}


def needed_bytes(lake: Path, spec: dict) -> tuple[int, int]:
    """The matching and the decidable floor of `spec`, in bytes."""
    table = lake / "silver" / "events"
    files = sorted(table.glob("event_date=*/*.parquet"))
    if spec["partitions"] is not None:
        keep = {f"event_date={value}" for value in spec["partitions"]}
        files = [path for path in files if path.parent.name in keep]
    matches: dict[str, set[int]] = defaultdict(set)
    connection = duckdb.connect()
    rows = connection.execute(
        f"SELECT filename, file_row_number FROM read_parquet('{table}/*/*.parquet', hive_partitioning = true, "
        f"filename = true, file_row_number = true) WHERE {spec['where']}").fetchall()
    for filename, row_number in rows:
        matches[str(Path(filename).resolve())].add(row_number)
    matching = 0
    undecided = 0
    for path in files:
        metadata = pq.ParquetFile(path).metadata
        matching += metadata.serialized_size + 8
        wanted_rows = sorted(matches.get(str(path.resolve()), ()))
        names = [metadata.schema.column(i).name for i in range(metadata.num_columns)]
        first_row = 0
        cursor = 0
        for index in range(metadata.num_row_groups):
            group = metadata.row_group(index)
            end_row = first_row + group.num_rows
            hit = False
            while cursor < len(wanted_rows) and wanted_rows[cursor] < end_row:
                hit = True
                cursor += 1
            if hit:
                matching += sum(group.column(i).total_compressed_size
                                for i, name in enumerate(names) if name in spec["columns"])
            elif "filter" in spec:
                undecided += unavoidable_miss_bytes(group.column(names.index(spec["filter"][0])), spec["filter"][1])
            first_row = end_row
    return matching, matching + undecided


def unavoidable_miss_bytes(chunk, may_match) -> int:
    """What a reader must read of the filter column's chunk to learn its row group holds no match."""
    statistics = chunk.statistics
    if statistics is not None and statistics.has_min_max and not may_match(statistics.min, statistics.max):
        return 0
    if chunk.dictionary_page_offset is not None and chunk.data_page_offset > chunk.dictionary_page_offset:
        return chunk.data_page_offset - chunk.dictionary_page_offset
    return chunk.total_compressed_size


def strata_bytes(strata: Path, lake: Path, sql: str) -> int:
    with tempfile.TemporaryDirectory() as work:
        stats = Path(work) / "stats.json"
        subprocess.run([str(strata), "query", "--lake", str(lake), "--format", "csv", "--stats-json", str(stats),
                        sql], check=True, stdout=subprocess.DEVNULL)
        return int(json.loads(stats.read_text())["bytes_read"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lake", type=Path, required=True)
    parser.add_argument("--strata", type=Path, required=True)
    args = parser.parse_args()
    print("| query | matching floor (MB) | decidable floor (MB) | Strata bytes_read (MB) | ratio to matching | ratio to decidable |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for query, spec in SELECTIVE.items():
        sql = (HERE / "queries" / f"{query}.sql").read_text()
        matching, decidable = needed_bytes(args.lake, spec)
        read = strata_bytes(args.strata, args.lake, sql)
        print(f"| {query} | {matching / 1e6:,.2f} | {decidable / 1e6:,.2f} | {read / 1e6:,.2f} | "
              f"{read / matching:.2f} | {read / decidable:.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
