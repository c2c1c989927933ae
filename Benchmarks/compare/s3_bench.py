"""Strata against DuckDB's httpfs on the same S3 lake: the selective queries of the comparison set, run
against an S3-compatible server (moto on a loopback port) holding a copy of the benchmark lake.

Measures whole-process time (median of warm runs) and the number of HTTP requests each engine makes (from
the server's request log). Usage:

    python3 Benchmarks/compare/s3_bench.py --strata .build/release/strata [--scale 1] [--runs 3]

Run `make bench` (or bench.py) first so the lake exists. Writes Benchmarks/results/s3.md.
"""
import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VENV = ROOT / "Benchmarks" / ".venv-duckdb-httpfs"
QUERIES = ["q01", "q02", "q03", "q05", "q09", "q17"]
BUCKET = "bench"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Moto:
    """moto's server with its request log counted, so each engine's requests can be attributed."""

    def __init__(self):
        self.port = free_port()
        self.log = tempfile.NamedTemporaryFile("w+", delete=False, suffix=".log")
        script = ("import logging, sys\n"
                  "logging.basicConfig(stream=sys.stderr, level=logging.INFO, format='%(message)s')\n"
                  "from moto.server import main\n"
                  f"main(['-H', '127.0.0.1', '-p', '{self.port}'])\n")
        self.process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.DEVNULL, stderr=self.log)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise SystemExit("moto did not start")

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def requests(self):
        self.log.flush()
        with open(self.log.name) as f:
            return sum(1 for line in f if '" 2' in line or '" 3' in line or '" 4' in line or '" 5' in line)

    def stop(self):
        self.process.terminate()
        self.process.wait()
        os.unlink(self.log.name)


def ensure_duckdb_venv():
    python = VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r",
                        str(HERE / "requirements-s3.txt")], check=True)
    return python


def upload(lake: Path, tables, moto):
    import boto3
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, aws_access_key_id="bench", aws_secret_access_key="bench",
                      region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    files = [p for t in tables for p in (lake / t["location"]).rglob("*") if p.is_file()]
    lock = threading.Lock()
    pending = list(files)

    def worker():
        while True:
            with lock:
                if not pending:
                    return
                path = pending.pop()
            s3.upload_file(str(path), BUCKET, f"lake/{path.relative_to(lake)}")
    threads = [threading.Thread(target=worker) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(files)


def duckdb_script(sql, tables, moto):
    lines = [
        "import duckdb, duckdb_extension_httpfs, glob, os, sys",
        "ext = glob.glob(os.path.dirname(duckdb_extension_httpfs.__file__) + '/extensions/*/httpfs.duckdb_extension')[0]",
        "con = duckdb.connect(config={'allow_unsigned_extensions': True})",
        "con.execute(f\"LOAD '{ext}'\")",
        f"con.execute(\"CREATE SECRET (TYPE s3, KEY_ID 'bench', SECRET 'bench', REGION 'us-east-1', "
        f"ENDPOINT '127.0.0.1:{moto.port}', URL_STYLE 'path', USE_SSL false)\")",
    ]
    for schema in sorted({t["name"].split(".")[0] for t in tables}):
        lines.append(f"con.execute('CREATE SCHEMA {schema}')")
    for t in tables:
        options = ""
        if t["partitions"]:
            types = ", ".join(f"'{n}': {k}" for n, k in t["partitions"])
            options = f", hive_partitioning=true, hive_types={{{types}}}"
        lines.append(f"con.execute(\"CREATE VIEW {t['name']} AS SELECT * FROM read_parquet("
                     f"'s3://{BUCKET}/lake/{t['location']}/**/*.parquet'{options})\")")
    lines.append(f"rows = con.execute({sql!r}).fetchall()")
    lines.append("print(len(rows))")
    return "\n".join(lines)


def timed(argv, env=None):
    start = time.perf_counter()
    result = subprocess.run(argv, capture_output=True, text=True, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip()[:400])
    return elapsed, result.stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    parser.add_argument("--scale", default="1")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    lake = ROOT / "Benchmarks" / ".lake" / f"scale-{args.scale}"
    catalog = json.loads((lake / "lake.json").read_text())
    queries = {q: next((HERE / "queries").glob(f"{q}_*.sql")) for q in QUERIES}
    names = {q: p.stem for q, p in queries.items()}
    used = {t["name"]: t for t in catalog["tables"]}
    tables = [used["silver.events"], used["gold.dim_products"]]
    python = ensure_duckdb_venv()
    moto = Moto()
    try:
        print(f"uploading {lake} to {moto.endpoint} ...", flush=True)
        count = upload(lake, tables, moto)
        print(f"{count} objects uploaded", flush=True)
        env = dict(os.environ, AWS_ENDPOINT_URL=moto.endpoint, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
                   AWS_REGION="us-east-1")
        rows = []
        for q, path in queries.items():
            sql = path.read_text()
            result = {}
            for engine in ["strata", "duckdb"]:
                times, requests = [], []
                for run in range(args.runs + 1):
                    before = moto.requests()
                    if engine == "strata":
                        elapsed, out = timed([args.strata, "query", "--lake", f"s3://{BUCKET}/lake", "--format", "csv", sql], env)
                    else:
                        elapsed, out = timed([str(python), "-c", duckdb_script(sql, tables, moto)])
                    time.sleep(0.2)  # let the server flush its log
                    if run > 0:
                        times.append(elapsed)
                        requests.append(moto.requests() - before)
                result[engine] = (statistics.median(times), statistics.median(requests))
            rows.append((names[q], result))
            print(f"{names[q]:28} strata {result['strata'][0]:.3f}s {result['strata'][1]:.0f} req   "
                  f"duckdb {result['duckdb'][0]:.3f}s {result['duckdb'][1]:.0f} req", flush=True)
    finally:
        moto.stop()
    out = ["# Strata against DuckDB httpfs on S3 (moto on loopback)", "",
           f"Generated by `Benchmarks/compare/s3_bench.py` on {time.strftime('%Y-%m-%d')}: scale {args.scale}, "
           f"median of {args.runs} warm whole-process runs; requests counted in the server's log. "
           "DuckDB 1.5.5 with httpfs 1.5.5 (the newest httpfs on PyPI), run from Python.", "",
           "| query | Strata s | DuckDB s | Strata requests | DuckDB requests |", "| --- | ---: | ---: | ---: | ---: |"]
    for name, r in rows:
        out.append(f"| {name} | {r['strata'][0]:.3f} | {r['duckdb'][0]:.3f} | {r['strata'][1]:.0f} | {r['duckdb'][1]:.0f} |")
    (ROOT / "Benchmarks" / "results" / "s3.md").write_text("\n".join(out) + "\n")
    print("wrote Benchmarks/results/s3.md")


if __name__ == "__main__":
    main()
