#!/usr/bin/env python3
"""Strata's single-threaded Parquet decode time beside pyarrow's, on the same files, in the same run.

Writes snappy and zstd files of ints, doubles, strings (dictionary-encoded and unique) and timestamps
with pyarrow's defaults, builds Benchmarks' ParquetDecodeTimer in release mode, and alternates pyarrow
(`pq.read_table(use_threads=False)`) and Strata runs on each file.

    python3 Benchmarks/compare/parquet_decode.py [--rows N] [--iterations N] [--folder DIR] [--write-only DIR]
"""
import argparse, json, os, random, statistics, subprocess, sys, time

import pyarrow as pa
import pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)


def write_files(folder, rows):
    os.makedirs(folder, exist_ok=True)
    rng = random.Random(42)
    words = ["".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(5, 20))) for _ in range(10_000)]
    start = 1_600_000_000_000_000
    columns = {
        "ints": pa.array([rng.randint(-10**12, 10**12) for _ in range(rows)], pa.int64()),
        "doubles": pa.array([rng.random() * 1e6 for _ in range(rows)], pa.float64()),
        "strings": pa.array([words[rng.randrange(len(words))] for _ in range(rows)], pa.string()),
        "strings_unique": pa.array([f"user-{i:09d}-{rng.randrange(10**6)}" for i in range(rows)], pa.string()),
        "timestamps": pa.array([start + i * 1000 + rng.randrange(1000) for i in range(rows)], pa.timestamp("us")),
    }
    paths = []
    for codec in ("snappy", "zstd"):
        for name, array in columns.items():
            path = os.path.join(folder, f"{name}-{codec}.parquet")
            if not os.path.exists(path):
                pq.write_table(pa.table({name: array}), path, compression=codec)
            paths.append(path)
    # One decoder each: uncompressed files of a single encoding.
    encodings = [
        ("ints", "PLAIN"), ("ints", "DELTA_BINARY_PACKED"), ("doubles", "BYTE_STREAM_SPLIT"),
        ("strings_unique", "PLAIN"), ("strings_unique", "DELTA_LENGTH_BYTE_ARRAY"),
        ("strings_unique", "DELTA_BYTE_ARRAY"), ("strings", "RLE_DICTIONARY"),
    ]
    for name, encoding in encodings:
        path = os.path.join(folder, f"enc-{encoding.lower()}-{name}.parquet")
        if not os.path.exists(path):
            if encoding == "RLE_DICTIONARY":
                pq.write_table(pa.table({name: columns[name]}), path, compression="none", use_dictionary=True)
            else:
                pq.write_table(pa.table({name: columns[name]}), path, compression="none", use_dictionary=False,
                               column_encoding={name: encoding})
        paths.append(path)
    # One codec each, on the same ints.
    for codec in ("none", "gzip", "lz4", "brotli"):
        path = os.path.join(folder, f"codec-{codec}-ints.parquet")
        if not os.path.exists(path):
            pq.write_table(pa.table({"ints": columns["ints"]}), path, compression=codec, use_dictionary=False)
        paths.append(path)
    return paths


def time_pyarrow(path, iterations):
    times = []
    for _ in range(iterations):
        start = time.perf_counter()
        table = pq.read_table(path, use_threads=False)
        times.append((time.perf_counter() - start) * 1000)
        del table
    times.sort()
    return times[0], times[len(times) // 2]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=4_000_000)
    parser.add_argument("--iterations", type=int, default=7)
    parser.add_argument("--folder", default="/tmp/strata-parquet-bench")
    parser.add_argument("--write-only", metavar="DIR")
    args = parser.parse_args()
    if args.write_only:
        write_files(args.write_only, args.rows)
        return
    paths = write_files(args.folder, args.rows)
    subprocess.run(["swift", "build", "-c", "release", "--package-path", PACKAGE, "--product", "ParquetDecodeTimer"],
                   check=True, stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--package-path", PACKAGE, "--show-bin-path"],
                            check=True, capture_output=True, text=True).stdout.strip() + "/ParquetDecodeTimer"
    print(f"pyarrow {pa.__version__}, {args.rows} rows per file, best and median of {args.iterations} runs, single thread")
    print("strata* = dictionary-encoded strings copied out as pyarrow does, instead of kept as dictionary + indices")
    print(f"{'file':31} {'pyarrow best':>13} {'strata best':>12} {'pyarrow med':>12} {'strata med':>11} {'ratio':>6}")
    results = []
    for path in paths:
        pa_best, pa_median = time_pyarrow(path, args.iterations)
        variants = [("", [])] + ([("*", ["--materialize"])] if "strings" in os.path.basename(path) else [])
        for mark, flags in variants:
            output = subprocess.run([binary, "--iterations", str(args.iterations)] + flags + [path],
                                    check=True, capture_output=True, text=True)
            strata = json.loads(output.stdout.strip().splitlines()[-1])
            if "error" in strata:
                print(f"{os.path.basename(path)}: {strata['error']}", file=sys.stderr)
                sys.exit(1)
            ratio = strata["best_ms"] / pa_best
            if mark or "strings-" not in os.path.basename(path):
                results.append(ratio)
            print(f"{os.path.basename(path) + mark:31} {pa_best:11.1f}ms {strata['best_ms']:10.1f}ms {pa_median:10.1f}ms "
                  f"{strata['median_ms']:9.1f}ms {ratio:6.2f}")
    print(f"geometric mean of strata/pyarrow (dictionary strings copied out): {statistics.geometric_mean(results):.2f}")


if __name__ == "__main__":
    main()
