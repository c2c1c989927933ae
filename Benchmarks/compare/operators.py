#!/usr/bin/env python3
"""Strata's operators beside DuckDB (one thread) on the same generated rows, in the same run.

Builds Benchmarks' ExecutionTimer in release mode, runs it, then runs the equivalent statements in DuckDB
(SET threads = 1) and prints median milliseconds for both.

    python3 Benchmarks/compare/operators.py [--rows N] [--iterations N]
"""
import argparse, json, os, statistics, subprocess, sys, time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)

# Same order and statements as ExecutionWorkloads.all (the timer prints its own names).
def duckdb_statements(rows):
    return [
        "SELECT key, count(*), sum(value), avg(d) FROM facts GROUP BY key",
        "SELECT name, count(*), sum(value), avg(d) FROM facts GROUP BY name",
        "SELECT sum(payload), sum(value) FROM facts JOIN dims ON facts.fk = dims.id",
        "CREATE OR REPLACE TEMP TABLE sorted AS SELECT i, scrambled FROM facts ORDER BY scrambled",
        "CREATE OR REPLACE TEMP TABLE sorted AS SELECT i, user_name FROM facts ORDER BY user_name",
    ]


def setup(rows):
    return [
        f"CREATE TABLE facts AS SELECT i::BIGINT AS i, (i * 7919) % 10000 AS key, i % 1000 AS value, i * 0.5 AS d, "
        f"'k' || ((i * 7919) % 10000)::VARCHAR AS name, ((i * 2654435761) % 4294967296)::BIGINT AS scrambled, "
        f"'user-' || ((i * 7919) % 1000003)::VARCHAR AS user_name, (i * 7919) % {rows // 10} AS fk FROM range({rows}) t(i)",
        f"CREATE TABLE dims AS SELECT i::BIGINT AS id, i * 2 AS payload FROM range({rows // 20}) t(i)",
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--iterations", type=int, default=5)
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "ExecutionTimer"], cwd=PACKAGE, check=True,
                   stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=PACKAGE, check=True,
                            capture_output=True, text=True).stdout.strip() + "/ExecutionTimer"
    output = subprocess.run([binary, str(args.rows), str(args.iterations)], check=True, capture_output=True, text=True).stdout
    strata = [json.loads(line) for line in output.splitlines() if line.strip()]

    con = duckdb.connect()
    con.execute("SET threads = 1")
    for statement in setup(args.rows):
        con.execute(statement)
    print(f"{'workload':<58} {'strata ms':>10} {'duckdb ms':>10}")
    for result, statement in zip(strata, duckdb_statements(args.rows)):
        times = []
        for _ in range(args.iterations):
            start = time.perf_counter()
            con.execute(statement).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        print(f"{result['name']:<58} {result['ms']:>10.1f} {statistics.median(times):>10.1f}")


if __name__ == "__main__":
    main()
