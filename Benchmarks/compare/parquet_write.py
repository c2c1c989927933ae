#!/usr/bin/env python3
"""Strata's single-threaded Parquet write throughput beside pyarrow's and DuckDB's, on the same data, in the
same run.

Builds a table of a mart-like shape (ids, random ints, doubles, low- and high-cardinality strings,
timestamps, dates, decimals, booleans, a nullable int), saves it once as an uncompressed source file, then
for each codec alternates:
  - pyarrow: `pq.write_table` from the in-memory table (dictionary on, page index on, as Strata writes);
  - DuckDB: `COPY t TO ... (FORMAT parquet, COMPRESSION ...)` from an in-memory table, 1 thread and all threads;
  - Strata: Benchmarks' ParquetWriteTimer (release), writing the same rows loaded into memory.
Output files go to --folder (a tmpfs such as /dev/shm keeps disk speed out of it).

    python3 Benchmarks/compare/parquet_write.py [--rows N] [--iterations N] [--folder DIR] [--codecs snappy,zstd]
"""
import argparse, decimal, json, os, random, statistics, subprocess, sys, time

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)


def make_table(rows):
    rng = random.Random(7)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 16))) for _ in range(2_000)]
    start = 1_700_000_000_000_000
    return pa.table({
        "id": pa.array(range(rows), pa.int64()),
        "amount": pa.array([rng.randint(-10**9, 10**9) for _ in range(rows)], pa.int64()),
        "price": pa.array([rng.random() * 1000 for _ in range(rows)], pa.float64()),
        "city": pa.array([words[rng.randrange(len(words))] for _ in range(rows)], pa.string()),
        "session": pa.array([f"s-{i:010d}-{rng.randrange(10**6):06d}" for i in range(rows)], pa.string()),
        "event_time": pa.array([start + i * 997 for i in range(rows)], pa.timestamp("us", tz="UTC")),
        "event_date": pa.array([19_000 + i // 50_000 for i in range(rows)], pa.date32()),
        "total": pa.array([decimal.Decimal(rng.randint(0, 10**8)).scaleb(-2) for _ in range(rows)], pa.decimal128(18, 2)),
        "flag": pa.array([rng.random() < 0.3 for _ in range(rows)], pa.bool_()),
        "quantity": pa.array([None if rng.random() < 0.1 else rng.randint(0, 500) for _ in range(rows)], pa.int32()),
    })


def best_median(times):
    times = sorted(times)
    return times[0], times[len(times) // 2]


def time_pyarrow(table, path, codec, iterations):
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        pq.write_table(table, path, compression=codec, write_page_index=True)
        times.append((time.perf_counter() - start) * 1000)
    size = os.path.getsize(path)
    os.remove(path)
    return best_median(times) + (size,)


def time_duckdb(connection, path, codec, iterations, threads):
    connection.execute(f"SET threads = {threads}")
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        connection.execute(f"COPY t TO '{path}' (FORMAT parquet, COMPRESSION {codec})")
        times.append((time.perf_counter() - start) * 1000)
    size = os.path.getsize(path)
    os.remove(path)
    return best_median(times) + (size,)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--iterations", type=int, default=5)
    parser.add_argument("--folder", default="/dev/shm/strata-parquet-write" if os.path.isdir("/dev/shm") else "/tmp/strata-parquet-write")
    parser.add_argument("--codecs", default="snappy,zstd")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)
    source = os.path.join(args.folder, f"source-{args.rows}.parquet")
    table = make_table(args.rows)
    if not os.path.exists(source):
        pq.write_table(table, source, compression="none")
    subprocess.run(["swift", "build", "-c", "release", "--package-path", PACKAGE, "--product", "ParquetWriteTimer"],
                   check=True, stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--package-path", PACKAGE, "--show-bin-path"],
                            check=True, capture_output=True, text=True).stdout.strip() + "/ParquetWriteTimer"
    connection = duckdb.connect()
    connection.execute(f"CREATE TABLE t AS SELECT * FROM read_parquet('{source}')")
    megabytes = table.nbytes / 1e6
    cores = os.cpu_count()
    print(f"pyarrow {pa.__version__}, duckdb {duckdb.__version__}; {args.rows} rows × {table.num_columns} columns "
          f"({megabytes:.0f} MB in Arrow), best and median of {args.iterations} runs; output in {args.folder}")
    print(f"{'codec':7} {'writer':18} {'best':>9} {'median':>9} {'MB/s':>7} {'file MB':>8}")
    ratios = []
    for codec in args.codecs.split(","):
        output = os.path.join(args.folder, "out.parquet")
        rows = [("pyarrow", time_pyarrow(table, output, codec, args.iterations)),
                ("duckdb 1 thread", time_duckdb(connection, output, codec, args.iterations, 1)),
                (f"duckdb {cores} threads", time_duckdb(connection, output, codec, args.iterations, cores))]
        result = subprocess.run([binary, "--iterations", str(args.iterations), "--codec", codec, "--output", args.folder, source],
                                check=True, capture_output=True, text=True)
        strata = json.loads(result.stdout.strip().splitlines()[-1])
        if "error" in strata:
            print(strata["error"], file=sys.stderr)
            sys.exit(1)
        rows.append(("strata", (strata["best_ms"], strata["median_ms"], strata["bytes"])))
        for name, (best, median, size) in rows:
            print(f"{codec:7} {name:18} {best:7.0f}ms {median:7.0f}ms {megabytes / best * 1000:7.0f} {size / 1e6:8.1f}")
        ratios.append(strata["best_ms"] / rows[0][1][0])
    print(f"geometric mean of strata/pyarrow time: {statistics.geometric_mean(ratios):.2f}")


if __name__ == "__main__":
    main()
