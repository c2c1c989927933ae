#!/usr/bin/env python3
"""Strata against the engines users would pick instead, on a lake shaped like theirs.

    python3 Benchmarks/compare/bench.py                 # default scale (~20M events), 1 cold + 5 warm runs
    python3 Benchmarks/compare/bench.py --quick         # tiny lake, 1 cold + 2 warm runs: a smoke run
    python3 Benchmarks/compare/bench.py --scale 0.25 --engines duckdb,polars --queries q01,q06

Generates the lake if it is missing (Benchmarks/.lake/scale-S/), runs the versioned query set in queries/
through every available engine, one fresh process per run, engines alternating run by run, checks every
answer against DuckDB's, and writes a Markdown table and a PNG chart (Benchmarks/results/ for full runs,
Benchmarks/results/raw/ for quick ones) plus the raw measurements as JSON (Benchmarks/results/raw/).
It reports; it never fails because an engine was slow, wrong or missing.
"""
from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import lakegen  # noqa: E402
import report  # noqa: E402
import verify  # noqa: E402
from engines import Engine, all_engines  # noqa: E402
from measure import evict_from_page_cache, run_measured  # noqa: E402

REPO = HERE.parent.parent
BENCHMARKS = HERE.parent
REFERENCE_ENGINE = "duckdb"


def main() -> int:
    args = parse_arguments()
    if args.report_from:
        return rewrite_report(args)
    spec = lakegen.LakeSpec(scale=args.scale, tpus=2 if args.quick else 4, reactors=2 if args.quick else 6)
    lake = (args.lake or BENCHMARKS / ".lake" / f"scale-{args.scale:g}{'-quick' if args.quick else ''}").resolve()
    manifest = None if args.regenerate else lakegen.load_manifest(lake, spec)
    if manifest is None:
        manifest = lakegen.generate(lake, spec, workers=args.workers, log=log)
    else:
        log(f"lake {lake} is up to date ({manifest['bytes'] / 1e6:,.0f} MB); --regenerate rebuilds it")
    if args.generate_only:
        return 0

    queries = load_queries(args.queries)
    catalog = [dict(table, location=str(lake / table["location"])) for table in manifest["tables"]]
    engines = [engine for engine in all_engines(find_strata(args.strata))
               if not args.engines or engine.name in args.engines]
    active: list[Engine] = []
    engine_info = {}
    for engine in engines:
        reason = engine.availability()
        if reason:
            log(f"skipping {engine.label}: {reason}")
        else:
            active.append(engine)
        engine_info[engine.name] = {"label": engine.label, "skipped": reason,
                                    "version": None if reason else engine.version()}
    if not active:
        log("no engine is available; nothing to run")
        return 0

    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    raw = (args.results or BENCHMARKS / "results") / "raw" / stamp
    work = raw / "work"
    answers = raw / "answers"
    work.mkdir(parents=True)
    answers.mkdir()
    lake_files = sorted(lake.rglob("*.parquet"))
    for engine in active:
        engine_info[engine.name]["baseline_rchar"] = measure_baseline(engine, work, args.timeout)
    log(f"engines: " + ", ".join(f"{e.label} {engine_info[e.name]['version']}" for e in active))
    log(f"{len(queries)} queries x {len(active)} engines x (1 cold + {args.runs} warm) runs")

    started = time.monotonic()
    loads = [os.getloadavg()[0]]
    results = []
    for index, query in enumerate(queries):
        runs = {engine.name: [] for engine in active}
        reference = None
        for run in range(1 + args.runs):
            shift = (run + index) % len(active)
            for engine in active[shift:] + active[:shift]:
                previous = runs[engine.name]
                if previous and previous[-1]["status"] in ("error", "timeout"):
                    continue
                if run == 0 and not args.no_evict:
                    evict_from_page_cache(lake_files)
                record = run_once(engine, query, catalog, lake, work, answers, run, args.timeout,
                                  engine_info[engine.name].get("baseline_rchar"))
                previous.append(record)
        reference_runs = runs.get(REFERENCE_ENGINE, [])
        if reference_runs and reference_runs[0]["status"] == "ok":
            reference = verify.parse_answer((answers / f"{query['id']}.{REFERENCE_ENGINE}.0.csv").read_text())
        summaries = {name: summarize(name, query, engine_runs, reference, answers)
                     for name, engine_runs in runs.items()}
        results.append({**{k: query[k] for k in ("id", "title", "sha256")}, "runs": runs, "summary": summaries})
        loads.append(os.getloadavg()[0])
        log(f"{query['id']:<28}" + "  ".join(f"{name} {describe(summary)}" for name, summary in summaries.items()))

    document = {
        "meta": {**machine_and_run(args, spec, manifest, lake, queries, time.monotonic() - started),
                 "load_average": {"min": min(loads), "max": max(loads), "mean": round(statistics.mean(loads), 2)}},
        "engines": engine_info,
        "queries": results,
    }
    (raw / "results.json").write_text(json.dumps(document, indent=1) + "\n")
    shutil.rmtree(work, ignore_errors=True)
    out = args.results or (BENCHMARKS / "results" / "raw" if args.quick else BENCHMARKS / "results")
    write_report(document, out)
    log(f"raw results in {raw / 'results.json'}; {time.monotonic() - started:.0f} s")
    return 0


def write_report(document: dict, out: Path) -> None:
    markdown_path, chart_path = out / "comparison.md", out / "comparison.png"
    report.write_markdown(document, markdown_path, chart_path.name)
    report.write_chart(document, chart_path)
    log(f"wrote {markdown_path.relative_to(REPO) if markdown_path.is_relative_to(REPO) else markdown_path} "
        f"and {chart_path.name}")


def rewrite_report(args) -> int:
    """Re-checks the saved answers and rewrites the Markdown and chart of an earlier run, without running."""
    raw = args.report_from.resolve()
    document = json.loads((raw / "results.json").read_text())
    reference_name = document["meta"]["reference_engine"]
    for query in document["queries"]:
        reference = None
        reference_runs = query["runs"].get(reference_name, [])
        if reference_runs and reference_runs[0]["status"] == "ok":
            reference = verify.parse_answer((raw / "answers" / f"{query['id']}.{reference_name}.0.csv").read_text())
        query["summary"] = {name: summarize(name, query, runs, reference, raw / "answers")
                            for name, runs in query["runs"].items()}
    (raw / "results.json").write_text(json.dumps(document, indent=1) + "\n")
    out = args.results or (raw.parent if document["meta"]["quick"] else BENCHMARKS / "results")
    write_report(document, out)
    return 0


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=None, help="lake size factor; 1 = ~20M events (default)")
    parser.add_argument("--quick", action="store_true", help="tiny lake (scale 0.01) and 2 warm runs: a smoke run")
    parser.add_argument("--runs", type=int, default=None, help="warm runs after the cold one (default 5, quick 2)")
    parser.add_argument("--engines", type=lambda s: s.split(","), help="comma list of strata,duckdb,datafusion,polars")
    parser.add_argument("--queries", type=lambda s: s.split(","), help="comma list of query id prefixes (q01,q06)")
    parser.add_argument("--lake", type=Path, help="lake folder (default Benchmarks/.lake/scale-S)")
    parser.add_argument("--results", type=Path, help="output folder (default Benchmarks/results)")
    parser.add_argument("--strata", type=Path, help="strata binary (default: from swift build -c release --show-bin-path)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed (default 600)")
    parser.add_argument("--no-evict", action="store_true", help="do not evict the lake from the page cache before cold runs")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="lake generation processes")
    parser.add_argument("--generate-only", action="store_true", help="generate the lake and stop")
    parser.add_argument("--regenerate", action="store_true", help="rebuild the lake even if it is up to date")
    parser.add_argument("--report-from", type=Path, metavar="RAW_DIR",
                        help="rewrite the report of an earlier run (results/raw/STAMP) from its saved answers")
    args = parser.parse_args()
    if args.scale is None:
        args.scale = 0.01 if args.quick else 1.0
    if args.runs is None:
        args.runs = 2 if args.quick else 5
    return args


def load_queries(prefixes: list[str] | None) -> list[dict]:
    queries = []
    for path in sorted((HERE / "queries").glob("q*.sql")):
        if prefixes and not any(path.stem.startswith(p) for p in prefixes):
            continue
        text = path.read_text()
        title = text.splitlines()[0].removeprefix("--").strip() if text.startswith("--") else path.stem
        queries.append({"id": path.stem, "title": title, "sql": text,
                        "sha256": hashlib.sha256(text.encode()).hexdigest()[:12]})
    return queries


def referenced_tables(sql: str, catalog: list[dict]) -> list[dict]:
    """The tables a statement names: peers register only these, as a user would, so that no engine pays for
    listing or reading the footers of tables the query does not touch."""
    return [table for table in catalog
            if re.search(rf"(?<![\w.]){re.escape(table['name'])}(?![\w])", sql, flags=re.I)]


def find_strata(explicit: Path | None) -> Path | None:
    if explicit:
        return explicit.resolve()
    if shutil.which("swift") is None:
        return None
    probe = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=REPO, capture_output=True,
                           text=True)
    return Path(probe.stdout.strip()) / "strata" if probe.returncode == 0 else None


def measure_baseline(engine: Engine, work: Path, timeout: float) -> int | None:
    invocation = engine.baseline(work)
    if invocation is None:
        return None
    values = []
    for _ in range(3):
        measurement = run_measured(invocation.argv, work / f"baseline.{engine.name}.csv", timeout)
        if measurement.exit_code != 0 or measurement.rchar is None:
            log(f"  {engine.label} baseline failed: {measurement.stderr.strip()[-200:]}")
            return None
        values.append(measurement.rchar)
    return int(statistics.median(values))


def run_once(engine: Engine, query: dict, catalog, lake: Path, work: Path, answers: Path, run: int,
             timeout: float, baseline_rchar: int | None) -> dict:
    invocation = engine.invocation(query["sql"], referenced_tables(query["sql"], catalog), lake, work)
    stdout_path = work / f"{engine.name}.out"
    measurement = run_measured(invocation.argv, stdout_path, timeout, cwd=work)
    record = {"run": run, "wall_seconds": round(measurement.wall_seconds, 4),
              "max_rss_bytes": measurement.max_rss_bytes,
              "cpu_seconds": None if measurement.cpu_seconds is None else round(measurement.cpu_seconds, 3),
              "rchar": measurement.rchar,
              "read_bytes": measurement.read_bytes, "exit_code": measurement.exit_code}
    if measurement.timed_out:
        return {**record, "status": "timeout", "error": f"killed after {timeout:.0f} s"}
    if measurement.exit_code != 0:
        return {**record, "status": "error", "error": error_line(measurement.stderr, measurement.exit_code)}
    outcome = engine.outcome(stdout_path.read_text(errors="replace"), measurement.stderr, invocation)
    (answers / f"{query['id']}.{engine.name}.{run}.csv").write_text(outcome.result_csv)
    engine_bytes = outcome.bytes_read
    process_bytes = None
    if measurement.rchar is not None:
        process_bytes = max(0, measurement.rchar - (baseline_rchar or 0))
    return {**record, "status": "ok", "query_seconds": outcome.query_seconds,
            "engine_bytes_read": engine_bytes, "process_bytes_read": process_bytes}


def error_line(stderr: str, exit_code: int) -> str:
    """The line that names the error: the last one mentioning an error (a Python traceback ends with it,
    DuckDB starts with it, before its caret lines), else the first line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip() and not line.startswith("BENCH ")]
    named = [line for line in lines if re.search(r"error|exception", line, flags=re.I)]
    return ((named or lines or [f"exit {exit_code}"])[-1 if named else 0])[:300]


def summarize(name: str, query: dict, runs: list[dict], reference: verify.Answer | None, answers: Path) -> dict:
    if not runs:
        return {"status": "skipped"}
    failed = [r for r in runs if r["status"] != "ok"]
    if failed:
        return {"status": failed[0]["status"], "error": failed[0]["error"]}
    mismatch = None
    answer = None
    for record in runs:
        answer = verify.parse_answer((answers / f"{query['id']}.{name}.{record['run']}.csv").read_text())
        if reference is not None and mismatch is None:
            mismatch = verify.compare(reference, answer)
    warm = runs[1:] or runs
    query_times = [r["query_seconds"] for r in warm if r.get("query_seconds") is not None]
    engine_bytes = [r["engine_bytes_read"] for r in warm if r.get("engine_bytes_read") is not None]
    process_bytes = [r["process_bytes_read"] for r in warm if r.get("process_bytes_read") is not None]
    return {
        "status": "mismatch" if mismatch else "ok" if reference is not None else "unchecked",
        "mismatch": mismatch,
        "rows": answer.count,
        "checksum": answer.checksum(),
        "cold_seconds": runs[0]["wall_seconds"],
        "warm_seconds": statistics.median(r["wall_seconds"] for r in warm),
        "query_seconds": statistics.median(query_times) if query_times else None,
        "cpu_seconds": _median([r["cpu_seconds"] for r in warm]),
        "peak_rss_bytes": max((r["max_rss_bytes"] for r in runs if r["max_rss_bytes"] is not None), default=None),
        # Strata reports the bytes it fetched; the others are measured as read() bytes net of start-up.
        "bytes_read": int(statistics.median(engine_bytes)) if engine_bytes else
                      int(statistics.median(process_bytes)) if process_bytes else None,
        "bytes_source": "engine" if engine_bytes else "rchar" if process_bytes else None,
        "cold_device_bytes": runs[0]["read_bytes"],
        "warm_runs": len(warm),
    }


def _median(values: list):
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def describe(summary: dict) -> str:
    status = summary["status"]
    if status in ("ok", "unchecked", "mismatch"):
        mark = {"ok": "ok", "unchecked": "unchecked", "mismatch": "MISMATCH"}[status]
        return f"{summary['warm_seconds']:.3f}s {mark}"
    return status


def machine_and_run(args, spec, manifest, lake: Path, queries, seconds: float) -> dict:
    cpu = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal"):
            memory = int(line.split()[1]) * 1024
    os_name = platform.platform()
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"') + f", Linux {platform.release()}"
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return {
        "date": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cpu": cpu, "cores": os.cpu_count(), "memory_bytes": memory, "os": os_name,
                    "python": platform.python_version()},
        "strata_commit": commit.stdout.strip() or None,
        "lake": {"path": str(lake), **{k: manifest[k] for k in ("scale", "rows", "files", "bytes", "writers")}},
        "query_set": {"version": (HERE / "queries" / "VERSION").read_text().strip(),
                      "sha256": hashlib.sha256("".join(q["sql"] for q in queries).encode()).hexdigest()[:12],
                      "queries": len(queries)},
        "warm_runs": args.runs,
        "evicted_before_cold_runs": not args.no_evict,
        "float_tolerance": verify.FLOAT_TOLERANCE,
        "reference_engine": REFERENCE_ENGINE,
        "seconds": round(seconds, 1),
        "quick": args.quick,
    }


def log(message: str) -> None:
    print(message, flush=True)


if __name__ == "__main__":
    sys.exit(main())
