"""What a memory limit costs: a sort of every row, a GROUP BY of a million groups and a GROUP BY with
count(DISTINCT) over 3M rows, run by Strata with no limit and under `--memory-limit` (so they spill), and
by DuckDB with and without `SET memory_limit`, in one run: wall time and peak memory of the whole process,
output as CSV to a file. Strata's spilled answers are checked against its in-memory ones.

    python3 Benchmarks/compare/spill_bench.py --strata .build/release/strata [--rows 3000000] [--limits 50MB,10MB]

Writes Benchmarks/results/spill.md.
"""
import argparse
import hashlib
import sys
import tempfile
from pathlib import Path

from measure import run_measured

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

QUERIES = {
    "ORDER BY s DESC, k (every row)": "SELECT k, s, i FROM silver.t ORDER BY s DESC, k",
    "GROUP BY k (1M groups; count, sum, min/max of strings, avg)":
        "SELECT k, count(*) c, sum(d) sd, min(s) mn, max(s) mx, avg(i) a FROM silver.t GROUP BY k",
    "GROUP BY s with count(DISTINCT k)": "SELECT s, count(DISTINCT k) FROM silver.t GROUP BY s",
}

DUCKDB = """
import duckdb, sys
connection = duckdb.connect()
if sys.argv[3]:
    connection.sql(f"SET memory_limit = '{sys.argv[3]}'")
connection.sql(f"CREATE VIEW t AS SELECT * FROM read_parquet('{sys.argv[1]}/silver/t/*.parquet')")
connection.sql(sys.argv[2].replace('silver.t', 't')).write_csv('/dev/stdout')
"""


def make_lake(root: Path, rows: int):
    import duckdb
    folder = root / "silver" / "t"
    folder.mkdir(parents=True)
    duckdb.sql(f"""COPY (SELECT i, (i * 7919) % 1000003 AS k, 'str' || ((i * 31) % 50000) AS s, (i % 97)::DOUBLE / 3 AS d
                        FROM range({rows}) t(i)) TO '{folder}/part.parquet' (FORMAT parquet)""")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--limits", default="50MB,10MB")
    args = parser.parse_args()
    limits = args.limits.split(",")

    header = ["query", "Strata"] + [f"Strata {limit}" for limit in limits] + ["DuckDB"] + [f"DuckDB {limit}" for limit in limits]
    lines = ["# Memory limits and spilling", "",
             f"{args.rows:,} rows in one Parquet file; whole-process wall time and peak RSS, CSV written to a file.", "",
             "| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        lake = work / "lake"
        make_lake(lake, args.rows)

        def cell(argv, name, ordered):
            measured = run_measured(argv, work / f"{name}.csv", timeout=600)
            if measured.exit_code != 0:
                reason = "out of memory" if "memory" in measured.stderr.lower() else f"failed ({measured.exit_code})"
                return reason, None
            lines = (work / f"{name}.csv").read_bytes().splitlines()
            # GROUP BY leaves the row order open (spilled groups come out partition by partition).
            digest = hashlib.sha256(b"\n".join(lines if ordered else sorted(lines))).hexdigest()
            return f"{measured.wall_seconds:.2f} s, {(measured.max_rss_bytes or 0) >> 20} MB", digest

        for index, (title, sql) in enumerate(QUERIES.items()):
            row = [title]
            strata = [args.strata, "query", "--lake", str(lake), "--format", "csv", sql]
            ordered = "ORDER BY" in sql
            text, unlimited = cell(strata, f"q{index}-strata", ordered)
            row.append(text)
            for limit in limits:
                text, digest = cell(strata[:2] + ["--memory-limit", limit] + strata[2:], f"q{index}-strata-{limit}", ordered)
                # Floating-point sums may differ in the last digits with the order of addition; sorts and
                # integer aggregates may not.
                if digest is not None and digest != unlimited and "sum(d)" not in sql:
                    raise SystemExit(f"{title}: the answer under --memory-limit {limit} differs from the one in memory")
                row.append(text)
            for limit in [""] + limits:
                text, _ = cell([sys.executable, "-c", DUCKDB, str(lake), sql, limit], f"q{index}-duckdb-{limit}", ordered)
                row.append(text)
            lines.append("| " + " | ".join(row) + " |")
            print(lines[-1], file=sys.stderr)
    out = ROOT / "Benchmarks" / "results" / "spill.md"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
