"""The engines under comparison: how each is found, how one query becomes one process, and how its answer,
its own statement time and its bytes read are taken from what the process leaves behind.

Every engine runs as a fresh process per query run, reads the same lake folder and prints its result as CSV
on stdout (the harness redirects it to a file).
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from importlib import metadata, util
from pathlib import Path

PEERS = Path(__file__).resolve().parent / "peers"


@dataclass
class Invocation:
    argv: list[str]
    stats_path: Path | None = None  # Strata's --stats-json file


@dataclass
class Outcome:
    """What the harness reads from a finished run besides the measurement."""
    result_csv: str
    query_seconds: float | None
    bytes_read: int | None  # engine-reported bytes (Strata); None where the harness uses /proc instead


class Engine:
    name: str = ""
    label: str = ""

    def availability(self) -> str | None:
        """None when the engine can run, else the reason it is skipped."""
        raise NotImplementedError

    def version(self) -> str:
        raise NotImplementedError

    def invocation(self, sql: str, catalog: list[dict], lake: Path, work: Path) -> Invocation:
        raise NotImplementedError

    def baseline(self, work: Path) -> Invocation | None:
        """A process that starts the engine and runs `SELECT 1` without tables: its `rchar` is subtracted
        from every run's, so bytes read count the lake and not the interpreter's own modules."""
        return None

    def outcome(self, stdout: str, stderr: str, invocation: Invocation) -> Outcome:
        raise NotImplementedError


class StrataEngine(Engine):
    """`strata query --lake LAKE --format csv --stats-json FILE "SQL"`: the DESIGN.md contract. The lake's
    tables are found by walking the lake, so the SQL is passed unchanged."""
    name, label = "strata", "Strata"

    def __init__(self, binary: Path | None):
        self.binary = binary

    def availability(self) -> str | None:
        if self.binary is None or not self.binary.exists():
            return f"no strata binary at {self.binary} (build it with `swift build -c release --product strata`)"
        probe = subprocess.run([str(self.binary), "query", "--help"], capture_output=True, text=True)
        # A binary without the subcommand may still answer --help with the top-level help and exit 0, so
        # look for the contract's own option.
        if probe.returncode != 0 or "--stats-json" not in probe.stdout + probe.stderr:
            return f"`strata query` with --stats-json is not available yet in {self.binary}"
        return None

    def version(self) -> str:
        probe = subprocess.run([str(self.binary), "--version"], capture_output=True, text=True)
        return probe.stdout.strip() or "unknown"

    def invocation(self, sql, catalog, lake, work):
        stats = work / "strata-stats.json"
        stats.unlink(missing_ok=True)
        return Invocation([str(self.binary), "query", "--lake", str(lake), "--format", "csv",
                           "--stats-json", str(stats), sql], stats_path=stats)

    def outcome(self, stdout, stderr, invocation):
        try:
            stats = json.loads(invocation.stats_path.read_text())
        except (OSError, ValueError):
            stats = {}
        elapsed = stats.get("elapsed_ms")
        return Outcome(stdout, elapsed / 1000 if isinstance(elapsed, (int, float)) else None,
                       stats.get("bytes_read"))


class DuckDBEngine(Engine):
    """The DuckDB CLI (the `duckdb-cli` wheel's binary, run directly rather than through its Python launcher).
    Each table is a view over `read_parquet(glob, hive_partitioning=true, hive_types={...})` in a schema
    named after the lake layer; `union_by_name=true` where the files' schemas differ."""
    name, label = "duckdb", "DuckDB"

    def __init__(self):
        self.binary = self._find_binary()

    @staticmethod
    def _find_binary() -> Path | None:
        spec = util.find_spec("duckdb_cli")
        if spec and spec.origin:
            candidate = Path(spec.origin).parent / "duckdb"
            if candidate.exists():
                return candidate
        found = shutil.which("duckdb")
        return Path(found) if found else None

    def availability(self):
        if self.binary is None:
            return "no duckdb CLI (pip install duckdb-cli, see scripts/requirements.txt)"
        return None

    def version(self):
        out = subprocess.run([str(self.binary), "--version"], capture_output=True, text=True).stdout.split()
        return out[0].lstrip("v") if out else "unknown"

    def _script(self, body: str, catalog: list[dict], work: Path) -> Path:
        lines = [f"CREATE SCHEMA {schema};" for schema in sorted({t["name"].split(".")[0] for t in catalog})]
        for table in catalog:
            options = ""
            if table["partitions"]:
                types = ", ".join(f"'{name}': {kind}" for name, kind in table["partitions"])
                options += f", hive_partitioning=true, hive_types={{{types}}}"
            if table["schemas_differ"]:
                options += ", union_by_name=true"
            lines.append(f"CREATE VIEW {table['name']} AS SELECT * FROM "
                         f"read_parquet('{table['location']}/**/*.parquet'{options});")
        lines += [".timer on", body.strip().rstrip(";") + ";", ""]
        script = work / "duckdb-query.sql"
        script.write_text("\n".join(lines))
        return script

    def _argv(self, script: Path) -> list[str]:
        return [str(self.binary), "-batch", "-no-init", "-csv", "-nullvalue", "", "-f", str(script), ":memory:"]

    def invocation(self, sql, catalog, lake, work):
        return Invocation(self._argv(self._script(sql, catalog, work)))

    def baseline(self, work):
        return Invocation(self._argv(self._script("SELECT 1", [], work)))

    def outcome(self, stdout, stderr, invocation):
        # `.timer on` prints `Run Time (s): real X user Y sys Z` after the result; the last one is the query's.
        timings = re.findall(r"^Run Time \(s\): real ([0-9.]+).*$", stdout, flags=re.M)
        csv_text = re.sub(r"^Run Time \(s\):.*\n?", "", stdout, flags=re.M)
        return Outcome(csv_text, float(timings[-1]) if timings else None, None)


class PythonPeer(Engine):
    """An in-process engine driven by `python3 -c "<peers/NAME_query.py>" CATALOG_JSON SQL`."""
    module = ""

    def availability(self):
        if util.find_spec(self.module) is None:
            return f"python module {self.module} is not installed (see scripts/requirements.txt)"
        return None

    def version(self):
        return metadata.version(self.module)

    def _argv(self, sql: str, catalog: list[dict]) -> list[str]:
        code = (PEERS / f"{self.name}_query.py").read_text()
        return [sys.executable, "-c", code, json.dumps(catalog), sql]

    def invocation(self, sql, catalog, lake, work):
        return Invocation(self._argv(sql, catalog))

    def baseline(self, work):
        return Invocation(self._argv("SELECT 1", []))

    def outcome(self, stdout, stderr, invocation):
        seconds = None
        for line in stderr.splitlines():
            if line.startswith("BENCH "):
                seconds = json.loads(line[6:]).get("query_seconds")
        return Outcome(stdout, seconds, None)


class DataFusionEngine(PythonPeer):
    name, label, module = "datafusion", "DataFusion", "datafusion"


class PolarsEngine(PythonPeer):
    name, label, module = "polars", "Polars", "polars"


def all_engines(strata_binary: Path | None) -> list[Engine]:
    return [StrataEngine(strata_binary), DuckDBEngine(), DataFusionEngine(), PolarsEngine()]
