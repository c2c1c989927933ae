#!/usr/bin/env python3
"""Strata's partitioned write throughput beside DuckDB's, on the same query and data.

Generates a date-partitioned `silver.events` (DuckDB writes it once, snappy), then for each query runs, in a
fresh process per run and alternating the engines:
  - DuckDB CLI:  COPY (query over read_parquet(..., hive_partitioning = true)) TO 'out' (FORMAT parquet,
                 PARTITION_BY (keys), COMPRESSION snappy), with all threads and with 1 thread;
  - Strata:      strata query --lake LAKE "COPY (query) TO 'out/' WITH (format = 'PARQUET',
                 partitioned_by = ARRAY[keys])"  (snappy is its default).
Times are whole-process wall clock (startup included: both are command-line tools), best and median of
--runs. Every output is read back by DuckDB and compared (row count, partitions, column sums), so a fast
wrong answer shows. Output goes to --folder (tmpfs by default, so the disk stays out of it). Writes
Benchmarks/results/write.md.

    python3 Benchmarks/compare/write_bench.py [--days 60] [--rows-per-day 100000] [--runs 5] [--quick]
"""
import argparse, os, shutil, statistics, subprocess, sys, time
from pathlib import Path

import duckdb

HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent.parent
RESULTS = PACKAGE / "Benchmarks" / "results" / "write.md"

QUERIES = [
    ("rewrite", "the whole table, partitioned by day",
     "SELECT event_id, user_id, session_id, event_type, country, amount, event_ts, event_date FROM silver.events",
     ["event_date"]),
    ("daily summary", "an aggregate per day, country and type",
     "SELECT country, event_type, count(*) AS events, sum(amount) AS amount, count(DISTINCT user_id) AS users, event_date "
     "FROM silver.events GROUP BY country, event_type, event_date",
     ["event_date"]),
    ("two levels", "expressions, partitioned by day and country (480 folders)",
     "SELECT event_id, user_id, amount * 1.19 AS gross, upper(event_type) AS kind, event_date, country FROM silver.events",
     ["event_date", "country"]),
]


def duckdb_binary():
    from importlib import util
    spec = util.find_spec("duckdb_cli")
    if spec and spec.origin and (Path(spec.origin).parent / "duckdb").exists():
        return str(Path(spec.origin).parent / "duckdb")
    found = shutil.which("duckdb")
    if not found:
        sys.exit("no duckdb CLI (pip install duckdb-cli)")
    return found


def generate(lake: Path, days: int, rows_per_day: int):
    marker = lake / f".generated-{days}-{rows_per_day}"
    if marker.exists():
        return
    shutil.rmtree(lake, ignore_errors=True)
    (lake / "silver").mkdir(parents=True)
    total = days * rows_per_day
    duckdb.sql(f"""
        COPY (
          SELECT i AS event_id,
                 (hash(i) % 200000)::BIGINT AS user_id,
                 's-' || (i // 7)::VARCHAR AS session_id,
                 (['view', 'click', 'cart', 'purchase', 'refund'])[1 + (hash(i * 3) % 5)::INT] AS event_type,
                 (['DE', 'FR', 'US', 'PL', 'ES', 'IT', 'NL', 'SE'])[1 + (hash(i * 5) % 8)::INT] AS country,
                 round((hash(i * 7) % 100000) / 100.0, 2) AS amount,
                 TIMESTAMP '2024-01-01' + INTERVAL (i * 86400 // {rows_per_day}) SECOND AS event_ts,
                 DATE '2024-01-01' + (i // {rows_per_day})::INT AS event_date
          FROM range({total}) t(i)
        ) TO '{lake}/silver/events' (FORMAT parquet, PARTITION_BY (event_date), COMPRESSION snappy)
    """)
    marker.write_text("")


def run_timed(argv, env=None):
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{argv[0]} failed: {result.stderr.strip()[:500]}")
    return elapsed


def folder_bytes(path: Path):
    return sum(f.stat().st_size for f in path.rglob("*.parquet"))


def check(path: Path, keys):
    """Rows, partitions and column sums of an output folder, as DuckDB reads it."""
    glob = f"{path}/" + "/".join("*" for _ in keys) + "/*.parquet"
    con = duckdb.connect()
    con.sql(f"CREATE VIEW o AS SELECT * FROM read_parquet('{glob}', hive_partitioning = true)")
    columns = [(row[0], row[1]) for row in con.sql("DESCRIBE o").fetchall()]
    # Timestamps compare as instants: Strata marks its (UTC) timestamps as adjusted to UTC, DuckDB not.
    sums = ", ".join(f"sum(hash({f'epoch_us({c})' if t.startswith('TIMESTAMP') else c}::VARCHAR) % 1000003)"
                     for c, t in columns if c not in keys)
    key_list = ", ".join(keys)
    partitions = con.sql(f"SELECT count(*) FROM (SELECT DISTINCT {key_list} FROM o)").fetchall()[0][0]
    return (con.sql("SELECT count(*) FROM o").fetchall()[0][0], partitions) + tuple(con.sql(f"SELECT {sums} FROM o").fetchall()[0])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--rows-per-day", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--quick", action="store_true", help="10 days of 20,000 rows, 2 runs; results not saved")
    parser.add_argument("--folder", default="/dev/shm/strata-write-bench" if os.path.isdir("/dev/shm") else "/tmp/strata-write-bench")
    parser.add_argument("--strata", default=None, help="the strata binary (default: a release build of this package)")
    args = parser.parse_args()
    if args.quick:
        args.days, args.rows_per_day, args.runs = 10, 20_000, 2
    work = Path(args.folder)
    lake = work / "lake"
    generate(lake, args.days, args.rows_per_day)
    if args.strata:
        strata = args.strata
    else:
        subprocess.run(["swift", "build", "-c", "release", "--package-path", str(PACKAGE), "--product", "strata"],
                       check=True, stdout=subprocess.DEVNULL)
        strata = subprocess.run(["swift", "build", "-c", "release", "--package-path", str(PACKAGE), "--show-bin-path"],
                                check=True, capture_output=True, text=True).stdout.strip() + "/strata"
    duck = duckdb_binary()
    version = subprocess.run([duck, "--version"], capture_output=True, text=True).stdout.split()[0]
    source_bytes = folder_bytes(lake / "silver" / "events")
    rows = args.days * args.rows_per_day
    cores = os.cpu_count()
    engines = [
        ("Strata", lambda sql, keys, out: [strata, "query", "--lake", str(lake),
                                           f"COPY ({sql}) TO '{out}/' WITH (format = 'PARQUET', partitioned_by = ARRAY[{', '.join(repr(k) for k in keys)}])"]),
        (f"DuckDB {version}", lambda sql, keys, out: duck_argv(duck, lake, sql, keys, out, cores)),
        (f"DuckDB {version}, 1 thread", lambda sql, keys, out: duck_argv(duck, lake, sql, keys, out, 1)),
    ]
    lines = [f"# Partitioned write throughput: Strata vs DuckDB `COPY ... PARTITION_BY`", "",
             f"Source: `silver.events`, {rows:,} rows over {args.days} daily partitions "
             f"({source_bytes / 1e6:.0f} MB of snappy Parquet written by DuckDB). Output: snappy Parquet, Hive folders, on tmpfs. "
             f"{cores} cores. Whole-process wall time, fresh process per run, engines alternating; "
             f"best and median of {args.runs} runs. Every output is read back by DuckDB and compared. "
             f"Load average when it started: {os.getloadavg()[0]:.1f} (other work on the machine shows as noise).", "",
             "| query | engine | best s | median s | source rows/s (best) | output MB | output files | same answer |",
             "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |"]
    print("\n".join(lines[:3]))
    summary = []
    for name, description, sql, keys in QUERIES:
        times = {engine: [] for engine, _ in engines}
        outputs = {}
        for run in range(args.runs):
            for engine, argv in engines:
                out = work / "out" / engine.replace(" ", "_").replace(",", "")
                shutil.rmtree(out, ignore_errors=True)
                out.parent.mkdir(parents=True, exist_ok=True)
                times[engine].append(run_timed(argv(sql, keys, out)))
                if run == args.runs - 1:
                    outputs[engine] = (check(out, keys), folder_bytes(out), len(list(out.rglob("*.parquet"))))
        reference = outputs[engines[1][0]][0]
        for engine, _ in engines:
            best, median = min(times[engine]), statistics.median(times[engine])
            answer, size, files = outputs[engine]
            same = "yes" if answer == reference else f"NO: {answer[:2]} vs {reference[:2]}"
            line = f"| {name} | {engine} | {best:.2f} | {median:.2f} | {rows / best / 1e6:.2f}M | {size / 1e6:.1f} | {files} | {same} |"
            lines.append(line)
            print(line)
        summary.append((name, min(times["Strata"]) / min(times[engines[1][0]]), min(times["Strata"]) / min(times[engines[2][0]])))
    lines += ["", "Strata's best time over DuckDB's (below 1: Strata is faster):", ""]
    for name, all_threads, one_thread in summary:
        lines.append(f"- {name}: {all_threads:.2f}× DuckDB ({cores} threads), {one_thread:.2f}× DuckDB (1 thread)")
    lines += ["", "Queries:", ""]
    for name, description, sql, keys in QUERIES:
        lines.append(f"- **{name}** ({description}), partitioned by {', '.join(keys)}: `{sql}`")
    lines += ["", "Run it: `python3 Benchmarks/compare/write_bench.py` (`--quick` for a smoke run)."]
    print("\n".join(lines[-(len(summary) + len(QUERIES) + 6):]))
    if not args.quick:
        RESULTS.write_text("\n".join(lines) + "\n")
        print(f"wrote {RESULTS}")


def duck_argv(duck, lake, sql, keys, out, threads):
    query = sql.replace("silver.events", f"read_parquet('{lake}/silver/events/*/*.parquet', hive_partitioning = true)")
    script = (f"SET threads = {threads}; "
              f"COPY ({query}) TO '{out}' (FORMAT parquet, PARTITION_BY ({', '.join(keys)}), COMPRESSION snappy);")
    return [duck, "-batch", "-no-init", ":memory:", "-c", script]


if __name__ == "__main__":
    main()
