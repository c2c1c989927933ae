"""What crawl and compact buy on an S3 lake of small files: time and HTTP requests of queries before and
after `strata crawl`, of a crawl and of a re-crawl with nothing changed, and of queries before and after
`strata compact` — on moto (loopback), requests counted from its log.

    python3 Benchmarks/compare/operations_bench.py --strata .build/release/strata [--days 365] [--files 8]

Writes Benchmarks/results/operations.md.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from s3_bench import BUCKET, Moto, timed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent

QUERIES = {
    "one day": "SELECT count(*), sum(amount) FROM silver.clicks WHERE event_date = DATE '2024-06-01'",
    "one month": "SELECT label, count(*) FROM silver.clicks WHERE event_date BETWEEN DATE '2024-06-01' AND DATE '2024-06-30' GROUP BY label ORDER BY label",
    "whole table": "SELECT count(*), sum(amount), count(referrer) FROM silver.clicks",
}


def make_lake(root: Path, days: int, files: int):
    import datetime
    import pyarrow as pa
    import pyarrow.parquet as pq
    start = datetime.date(2024, 1, 1)
    for d in range(days):
        day = start + datetime.timedelta(days=d)
        folder = root / "silver" / "clicks" / f"event_date={day.isoformat()}"
        folder.mkdir(parents=True)
        for f in range(files):
            base = (d * files + f) * 200
            ids = list(range(base, base + 200))
            columns = {"id": pa.array(ids, pa.int64()), "amount": pa.array([i * 0.5 for i in ids]),
                       "label": pa.array([f"l{i % 17}" for i in ids])}
            if d >= days // 2:  # the schema drifted half way through the year
                columns["referrer"] = pa.array([f"r{i % 5}" for i in ids])
            pq.write_table(pa.table(columns), folder / f"part-{f}.parquet")


def upload(root: Path, moto):
    import boto3
    s3 = boto3.client("s3", endpoint_url=moto.endpoint, aws_access_key_id="bench", aws_secret_access_key="bench",
                      region_name="us-east-1")
    s3.create_bucket(Bucket=BUCKET)
    from concurrent.futures import ThreadPoolExecutor
    paths = [p for p in root.rglob("*") if p.is_file()]
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda p: s3.upload_file(str(p), BUCKET, f"lake/{p.relative_to(root)}"), paths))
    return len(paths)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--strata", required=True)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    moto = Moto()
    env = dict(os.environ, AWS_ENDPOINT_URL=moto.endpoint, AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench",
               AWS_REGION="us-east-1")
    lake = f"s3://{BUCKET}/lake"
    rows = []
    try:
        with tempfile.TemporaryDirectory() as folder:
            make_lake(Path(folder), args.days, args.files)
            objects = upload(Path(folder), moto)

        def run(label, argv, runs=1):
            times, requests, output = [], [], ""
            for _ in range(runs):
                before = moto.requests()
                elapsed, output = timed([args.strata] + argv, env=env)
                requests.append(moto.requests() - before)
                times.append(elapsed)
            rows.append((label, statistics.median(times), int(statistics.median(requests))))
            print(f"{label}: {statistics.median(times):.3f} s, {int(statistics.median(requests))} requests", file=sys.stderr)
            return output

        def queries(stage):
            answers = []
            for name, sql in QUERIES.items():
                answers.append(run(f"{stage}: {name}", ["query", "--lake", lake, "--format", "csv", sql], args.runs))
            return answers

        before = queries("not crawled")
        run("strata crawl (first)", ["crawl", "--lake", lake])
        run("strata crawl (nothing changed)", ["crawl", "--lake", lake])
        crawled = queries("crawled")
        run("strata doctor", ["doctor", "--lake", lake])
        run("strata compact", ["compact", "--lake", lake, "silver.clicks"])
        compacted = queries("compacted")
        if not (before == crawled == compacted):
            raise SystemExit("answers differ between stages")
    finally:
        moto.stop()

    lines = [f"# Lake operations on S3 (moto on loopback)", "",
             f"{args.days} daily partitions × {args.files} pyarrow files ({objects} objects, 200 rows each, a column added half way); "
             f"median of {args.runs} runs for queries. Every stage gave the same answers.", "",
             "| step | time s | requests |", "| --- | ---: | ---: |"]
    lines += [f"| {label} | {seconds:.3f} | {requests} |" for label, seconds, requests in rows]
    out = ROOT / "Benchmarks" / "results" / "operations.md"
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
