#!/usr/bin/env python3
"""Strata's expression evaluator beside DuckDB (one thread) on similar generated rows, in the same run.

Builds Benchmarks' ExpressionTimer in release mode, runs it, then evaluates the same expressions in DuckDB
(SET threads = 1): predicates as `SELECT count(*) ... WHERE expr`, projections as `SELECT max(x) FROM
(SELECT expr AS x ...)` (max, because DuckDB drops a projection that count(x) does not need), and prints
median milliseconds for both.

    python3 Benchmarks/compare/expressions.py [--rows N] [--iterations N]
"""
import argparse, json, os, statistics, subprocess, time

import duckdb

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGE = os.path.dirname(HERE)


def setup(rows):
    # The columns of ExpressionWorkloads: a BIGINT scrambled, b DOUBLE in [0, 1), s 'item-<a>-<word>',
    # ts one per 37 seconds from 2024-01-01, n the digits of a.
    return [
        f"CREATE TABLE t AS SELECT a, random() AS b, 'item-' || a::VARCHAR || '-' || "
        f"['alpha', 'beta', 'gamma', 'delta'][(a % 4) + 1] AS s, "
        f"TIMESTAMP '2024-01-01' + to_seconds(i * 37) AS ts, a::VARCHAR AS n "
        f"FROM (SELECT i, (i * 7919) % {rows} AS a FROM range({rows}) r(i))",
    ]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--iterations", type=int, default=5)
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "ExpressionTimer"], cwd=PACKAGE, check=True,
                   stdout=subprocess.DEVNULL)
    binary = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=PACKAGE, check=True,
                            capture_output=True, text=True).stdout.strip() + "/ExpressionTimer"
    output = subprocess.run([binary, str(args.rows), str(args.iterations)], check=True, capture_output=True,
                            text=True).stdout
    strata = [json.loads(line) for line in output.splitlines() if line.strip()]

    con = duckdb.connect()
    con.execute("SET threads = 1")
    for statement in setup(args.rows):
        con.execute(statement)
    print(f"{'workload (median / fastest ms)':<48} {'strata':>15} {'duckdb':>15}")
    for result in strata:
        expression = result["duckdb"]
        is_predicate = result["name"].startswith(("filter", "LIKE", "regexp"))
        statement = (f"SELECT count(*) FROM t WHERE {expression}" if is_predicate
                     else f"SELECT max(x) FROM (SELECT {expression} AS x FROM t)")
        times = []
        for _ in range(args.iterations):
            start = time.perf_counter()
            con.execute(statement).fetchall()
            times.append((time.perf_counter() - start) * 1000)
        ours = f"{result['ms']:.1f} / {result['min_ms']:.1f}"
        theirs = f"{statistics.median(times):.1f} / {min(times):.1f}"
        print(f"{result['name']:<48} {ours:>15} {theirs:>15}")


if __name__ == "__main__":
    main()
