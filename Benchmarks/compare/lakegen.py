"""Generates the benchmark lake: the users' shapes at a chosen scale, deterministic for a given scale.

Layout (all below the lake root):
  silver/events/event_date=YYYY-MM-DD/*.parquet   e-commerce events, 365 daily partitions of 2025, four writers
  silver/flowcam/date=YYYY-MM-DD/tpu_id=NN/reactor_id=NN/flowcam_standardized.parquet   the algae plant's
                                                  three-level small-file table, one tiny file per leaf
  gold/dim_products/dim_products.parquet          the product dimension the events join with

The events rotate through four writers day by day, so every month and every query meets all of them:
  day % 4 == 0  pyarrow, snappy, three files per day (8-hour micro-batches), rows in time order
  day % 4 == 1  pyarrow, zstd, one file sorted by user_id with 10k-row row groups and a page index
                (the tuned writer a team uses for lookups)
  day % 4 == 2  DuckDB COPY defaults (snappy), two files per day, rows in time order
  day % 4 == 3  polars write_parquet defaults (zstd), one file, rows in time order
Otherwise every writer keeps its own defaults for statistics, page sizes and page indexes.
From 2025-10-01 on, events files carry one more column, coupon_code (schema drift).
"""
from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

# Bump when the generated data changes, so stale lakes are rebuilt.
GENERATOR_VERSION = 1

YEAR = 2025
DAYS = 365
BASE_EVENTS = 20_000_000
BASE_USERS = 1_000_000
BASE_PRODUCTS = 50_000
BASE_FLOWCAM_ROWS = 288  # one reading every five minutes
DRIFT_START = dt.date(2025, 10, 1)
SEED = 20250101

EVENT_TYPES = ["page_view", "add_to_cart", "remove_from_cart", "checkout", "purchase"]
EVENT_TYPE_P = [0.70, 0.15, 0.03, 0.05, 0.07]
COUNTRIES = ["US", "GB", "DE", "FR", "IL", "NL", "ES", "IT", "CA", "AU", "JP", "BR", "IN", "SE", "PL",
             "MX", "KR", "CH", "AT", "BE", "IE", "DK", "NO", "FI", "PT"]
DEVICES = ["mobile", "desktop", "tablet"]
DEVICE_P = [0.62, 0.31, 0.07]
REFERRERS = ["google", "newsletter", "facebook", "partner", "bing", "tiktok"]
COUPONS = ["FALL10", "HALLOWEEN15", "BLACKFRIDAY25", "CYBER20", "XMAS10", "NEWYEAR5"]
CATEGORIES = ["electronics", "books", "home", "garden", "toys", "sports", "beauty", "grocery", "fashion",
              "automotive", "music", "office", "pets", "baby", "health", "tools", "games", "jewelry",
              "outdoor", "crafts"]
QUALITY_FLAGS = ["ok", "bubble", "clog", "low_light"]
QUALITY_P = [0.96, 0.02, 0.01, 0.01]
WRITERS = ["pyarrow-snappy", "pyarrow-zstd-sorted", "duckdb", "polars"]


@dataclass(frozen=True)
class LakeSpec:
    """What to generate: the scale factor and the flowcam fan-out (smaller in quick mode)."""
    scale: float
    tpus: int = 4
    reactors: int = 6

    @property
    def events(self) -> int:
        return max(DAYS * 20, int(BASE_EVENTS * self.scale))

    @property
    def users(self) -> int:
        return max(10_000, int(BASE_USERS * self.scale))

    @property
    def products(self) -> int:
        return max(1_000, int(BASE_PRODUCTS * self.scale))

    @property
    def flowcam_rows(self) -> int:
        return max(4, int(round(BASE_FLOWCAM_ROWS * min(self.scale, 1.0))))

    def to_json(self) -> dict:
        return {"generator_version": GENERATOR_VERSION, "scale": self.scale, "tpus": self.tpus,
                "reactors": self.reactors}


def day_dates() -> list[dt.date]:
    start = dt.date(YEAR, 1, 1)
    return [start + dt.timedelta(days=i) for i in range(DAYS)]


def rows_per_day(total: int) -> np.ndarray:
    """Weekends busier, November and December busiest; sums exactly to total."""
    weights = []
    for day in day_dates():
        w = 1.25 if day.weekday() >= 5 else 0.93
        w *= {11: 1.35, 12: 1.45, 1: 0.85, 2: 0.85}.get(day.month, 1.0)
        weights.append(w)
    weights = np.array(weights)
    counts = np.floor(weights / weights.sum() * total).astype(np.int64)
    counts[: total - counts.sum()] += 1
    return counts


def list_prices(spec: LakeSpec) -> np.ndarray:
    """List price per product id (index 0 unused), shared by the dimension and the events."""
    rng = np.random.default_rng(SEED - 1)
    return np.round(np.exp(rng.normal(3.3, 0.9, spec.products + 1)), 2)


def categorical(rng: np.random.Generator, values: list[str], p, n: int, null_fraction: float = 0.0) -> pa.Array:
    indices = rng.choice(len(values), size=n, p=p).astype(np.int32)
    mask = rng.random(n) < null_fraction if null_fraction else None
    dictionary = pa.DictionaryArray.from_arrays(pa.array(indices, mask=mask), pa.array(values))
    return dictionary.cast(pa.string())


def events_for_day(spec: LakeSpec, day_index: int, count: int, prices: np.ndarray) -> pa.Table:
    day = day_dates()[day_index]
    rng = np.random.default_rng(SEED + day_index)
    ymd = day.year * 10_000 + day.month * 100 + day.day

    hour_weights = np.array([1, 0.6, 0.4, 0.3, 0.3, 0.5, 1, 2, 3, 3.5, 3.8, 4, 4.2, 4, 3.8, 3.6, 3.5, 3.8,
                             4.5, 5, 5, 4.2, 3, 1.8])
    hours = rng.choice(24, size=count, p=hour_weights / hour_weights.sum())
    micros = np.sort(hours.astype(np.int64) * 3_600_000_000 + rng.integers(0, 3_600_000_000, count))
    day_start = int((dt.datetime(day.year, day.month, day.day) - dt.datetime(1970, 1, 1)).total_seconds())
    ts = pa.array(day_start * 1_000_000 + micros, type=pa.timestamp("us"))
    event_id = pa.array(ymd * 100_000_000 + np.arange(count, dtype=np.int64))

    users = (spec.users * rng.random(count) ** 2).astype(np.int64) + 1
    sessions = pc.binary_join_element_wise(pc.cast(pa.array(users), pa.string()), str(ymd),
                                           pc.cast(pa.array(rng.integers(1, 4, count)), pa.string()), "-")
    type_index = rng.choice(len(EVENT_TYPES), size=count, p=EVENT_TYPE_P)
    event_type = pa.DictionaryArray.from_arrays(pa.array(type_index.astype(np.int32)),
                                                pa.array(EVENT_TYPES)).cast(pa.string())
    products = (spec.products * rng.random(count) ** 1.5).astype(np.int64) + 1
    country_p = np.array([1 / (i + 1) ** 1.1 for i in range(len(COUNTRIES))])
    carries_units = np.isin(type_index, [1, 3, 4])
    quantity = np.where(carries_units, np.minimum(rng.geometric(0.55, count), 10), 0).astype(np.int32)
    discount = rng.choice([0.0, 0.1, 0.2], size=count, p=[0.8, 0.15, 0.05])
    price = np.round(prices[products] * (1 - discount), 2)

    columns = {
        "event_id": event_id,
        "event_ts": ts,
        "user_id": pa.array(users),
        "session_id": sessions,
        "event_type": event_type,
        "product_id": pa.array(products.astype(np.int32)),
        "country": categorical(rng, COUNTRIES, country_p / country_p.sum(), count),
        "device": categorical(rng, DEVICES, DEVICE_P, count),
        "quantity": pa.array(quantity),
        "price": pa.array(price),
        "referrer": categorical(rng, REFERRERS, None, count, null_fraction=0.4),
    }
    if day >= DRIFT_START:
        columns["coupon_code"] = categorical(rng, COUPONS, None, count, null_fraction=0.88)
    return pa.table(columns)


def write_events_day(spec: LakeSpec, root: Path, day_index: int, count: int, prices: np.ndarray) -> int:
    table = events_for_day(spec, day_index, count, prices)
    folder = root / "silver" / "events" / f"event_date={day_dates()[day_index].isoformat()}"
    folder.mkdir(parents=True, exist_ok=True)
    writer = WRITERS[day_index % len(WRITERS)]
    if writer == "pyarrow-snappy":
        hours = pc.hour(table["event_ts"]).to_numpy()
        for part, (lo, hi) in enumerate([(0, 8), (8, 16), (16, 24)]):
            batch = table.filter(pa.array((hours >= lo) & (hours < hi)))
            pq.write_table(batch, folder / f"part-{part:05d}-snappy.parquet", compression="snappy")
    elif writer == "pyarrow-zstd-sorted":
        table = table.sort_by([("user_id", "ascending"), ("event_ts", "ascending")])
        pq.write_table(table, folder / "part-00000-zstd-sorted.parquet", compression="zstd",
                       row_group_size=10_000, write_page_index=True)
    elif writer == "duckdb":
        import duckdb
        half = table.num_rows // 2
        connection = duckdb.connect()
        for part, piece in enumerate([table.slice(0, half), table.slice(half)]):
            connection.register("piece", piece)
            target = folder / f"part-{part:05d}-duckdb.parquet"
            connection.execute(f"COPY (SELECT * FROM piece) TO '{target}' (FORMAT parquet)")
            connection.unregister("piece")
        connection.close()
    else:
        import polars as pl
        pl.from_arrow(table).write_parquet(folder / "part-00000-polars.parquet")
    return table.num_rows


def write_flowcam_day(spec: LakeSpec, root: Path, day_index: int) -> int:
    day = day_dates()[day_index]
    rng = np.random.default_rng(SEED * 7 + day_index)
    n = spec.flowcam_rows
    step = 86_400_000_000 // n
    day_start = int((dt.datetime(day.year, day.month, day.day) - dt.datetime(1970, 1, 1)).total_seconds())
    ts = pa.array(day_start * 1_000_000 + np.arange(n, dtype=np.int64) * step, type=pa.timestamp("us"))
    season = 1.0 + 0.5 * np.sin((day_index - 80) / DAYS * 2 * np.pi)
    rows = 0
    for tpu in range(1, spec.tpus + 1):
        for reactor in range(1, spec.reactors + 1):
            growth = season * (1 + 0.05 * tpu + 0.03 * reactor)
            density = np.round(rng.normal(2.0e6 * growth, 1.5e5, n), 3)
            table = pa.table({
                "measurement_ts": ts,
                "particle_count": pa.array(rng.poisson(4000 * growth, n).astype(np.int64)),
                "cell_density": pa.array(density),
                "avg_diameter_um": pa.array(np.round(rng.normal(6.5, 0.4, n), 4)),
                "biovolume_um3": pa.array(np.round(rng.gamma(9.0, 16.0 * growth, n), 3)),
                "chlorophyll_rfu": pa.array(np.round(rng.normal(120 * growth, 9, n), 3)),
                "quality_flag": categorical(rng, QUALITY_FLAGS, QUALITY_P, n),
            })
            folder = (root / "silver" / "flowcam" / f"date={day.isoformat()}" / f"tpu_id={tpu:02d}"
                      / f"reactor_id={reactor:02d}")
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, folder / "flowcam_standardized.parquet")
            rows += n
    return rows


def write_dimension(spec: LakeSpec, root: Path, prices: np.ndarray) -> int:
    rng = np.random.default_rng(SEED - 2)
    ids = np.arange(1, spec.products + 1)
    launched = np.datetime64("2018-01-01") + rng.integers(0, 365 * 7, spec.products).astype("timedelta64[D]")
    table = pa.table({
        "product_id": pa.array(ids.astype(np.int32)),
        "product_name": pc.binary_join_element_wise("Product", pc.utf8_lpad(pc.cast(pa.array(ids), pa.string()), 6, "0"), " "),
        "category": pa.array([CATEGORIES[i] for i in rng.integers(0, len(CATEGORIES), spec.products)]),
        "brand": pc.binary_join_element_wise("Brand", pc.utf8_lpad(pc.cast(pa.array(rng.integers(1, 201, spec.products)), pa.string()), 3, "0"), " "),
        "list_price": pa.array(prices[1:]),
        "launched_on": pa.array(launched, type=pa.date32()),
    })
    folder = root / "gold" / "dim_products"
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, folder / "dim_products.parquet")
    return table.num_rows


TABLES = ["silver.events", "silver.flowcam", "gold.dim_products"]
SQL_TYPES = {"int64": "BIGINT", "int32": "INT", "string": "VARCHAR", "large_string": "VARCHAR",
             "string_view": "VARCHAR", "double": "DOUBLE", "timestamp[us]": "TIMESTAMP(6)", "date32[day]": "DATE"}


def describe_table(root: Path, name: str) -> dict:
    """The table as a catalog would declare it: file columns (union over all files, in order of first
    appearance), partition keys with their types, and whether the files' Arrow schemas differ."""
    folder = root / name.replace(".", "/")
    files = sorted(folder.rglob("*.parquet"))
    columns: dict[str, str] = {}
    schemas = set()
    for path in files:
        schema = pq.read_schema(path)
        schemas.add(tuple((field.name, str(field.type)) for field in schema))
        for field in schema:
            columns.setdefault(field.name, SQL_TYPES[str(field.type)])
    partitions = []
    for segment in files[0].relative_to(folder).parts[:-1]:
        key, _, value = segment.partition("=")
        kind = "DATE" if _is_date(value) else "BIGINT" if value.isdigit() else "VARCHAR"
        partitions.append([key, kind])
    return {"name": name, "location": name.replace(".", "/"), "columns": [[n, t] for n, t in columns.items()],
            "partitions": partitions, "schemas_differ": len(schemas) > 1}


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
        return len(text) == 10
    except ValueError:
        return False


def _job(arguments):
    kind, spec, root, day_index, count = arguments
    if kind == "events":
        return kind, write_events_day(spec, root, day_index, count, list_prices(spec))
    return kind, write_flowcam_day(spec, root, day_index)


def generate(lake: Path, spec: LakeSpec, workers: int = 2, log=print) -> dict:
    """Writes the lake to a temporary sibling folder and renames it into place when complete."""
    started = time.monotonic()
    staging = lake.with_name(lake.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    counts = rows_per_day(spec.events)
    jobs = [("events", spec, staging, i, int(counts[i])) for i in range(DAYS)]
    jobs += [("flowcam", spec, staging, i, 0) for i in range(DAYS)]
    totals = {"events": 0, "flowcam": 0}
    log(f"generating lake at scale {spec.scale}: {spec.events:,} events over {DAYS} days, "
        f"{DAYS * spec.tpus * spec.reactors:,} flowcam files, {spec.products:,} products")
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        for done, (kind, rows) in enumerate(pool.imap_unordered(_job, jobs, chunksize=4), 1):
            totals[kind] += rows
            if done % 146 == 0:
                log(f"  {done}/{len(jobs)} partitions written")
    products = write_dimension(spec, staging, list_prices(spec))
    files = sorted(p for p in staging.rglob("*.parquet"))
    manifest = {
        **spec.to_json(),
        "tables": [describe_table(staging, name) for name in TABLES],
        "rows": {"silver.events": totals["events"], "silver.flowcam": totals["flowcam"],
                 "gold.dim_products": products},
        "files": {table: sum(1 for p in files if f"/{table.replace('.', '/')}/" in str(p))
                  for table in ("silver.events", "silver.flowcam", "gold.dim_products")},
        "bytes": sum(p.stat().st_size for p in files),
        "writers": {"pyarrow": pa.__version__, "duckdb": _version("duckdb"), "polars": _version("polars")},
        "generated_at": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "generation_seconds": round(time.monotonic() - started, 1),
    }
    (staging / "lake.json").write_text(json.dumps(manifest, indent=2) + "\n")
    shutil.rmtree(lake, ignore_errors=True)
    os.replace(staging, lake)
    log(f"lake ready: {manifest['bytes'] / 1e6:,.0f} MB in {len(files):,} files, "
        f"{manifest['generation_seconds']} s")
    return manifest


def load_manifest(lake: Path, spec: LakeSpec) -> dict | None:
    """The lake's manifest when it exists and was generated with this spec and generator version."""
    try:
        manifest = json.loads((lake / "lake.json").read_text())
    except (OSError, ValueError):
        return None
    return manifest if all(manifest.get(k) == v for k, v in spec.to_json().items()) else None


def _version(module: str) -> str:
    from importlib import metadata
    return metadata.version(module)
