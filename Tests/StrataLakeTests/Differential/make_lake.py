"""Writes the differential-test lake: several writers, codecs, schema drift, NULLs, decimals, timestamps.

Usage: make_lake.py LAKE_FOLDER
"""
import datetime
import decimal
import os
import random
import sys

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

lake = sys.argv[1]
rng = random.Random(42)
countries = ["NL", "DE", "FR", "BE", "US", None]
event_types = ["view", "click", "purchase", "refund", "signup"]


def events_for(day_index, day, count):
    rows = []
    for i in range(count):
        event_id = day_index * 100_000 + i
        hour = rng.randint(0, 23)
        ts = datetime.datetime(day.year, day.month, day.day, hour, rng.randint(0, 59), rng.randint(0, 59),
                               rng.choice([0, 0, 500_000, 123_456]))
        rows.append({
            "event_id": event_id,
            "user_id": rng.randint(1, 200),
            "event_type": rng.choice(event_types),
            "amount": None if rng.random() < 0.05 else decimal.Decimal(rng.randint(-500, 100_000)) / 100,
            "price": None if rng.random() < 0.05 else round(rng.random() * 1000, 3),
            "quantity": rng.randint(1, 20),
            "ts": ts,
            "country": rng.choice(countries),
            "is_mobile": None if rng.random() < 0.1 else rng.random() < 0.4,
            "note": rng.choice(["", "gift", "promo, spring", "naïve café", "quote \"x\"", None]),
        })
    return rows


def schema(int_type, with_channel):
    fields = [
        ("event_id", pa.int64()), ("user_id", int_type), ("event_type", pa.string()),
        ("amount", pa.decimal128(12, 2)), ("price", pa.float64()), ("quantity", pa.int16()),
        ("ts", pa.timestamp("us")), ("country", pa.string()), ("is_mobile", pa.bool_()), ("note", pa.string()),
    ]
    if with_channel:
        fields.append(("channel", pa.string()))
    return pa.schema(fields)


start = datetime.date(2024, 2, 25)
for day_index in range(12):
    day = start + datetime.timedelta(days=day_index)
    folder = f"{lake}/silver/events/event_date={day.isoformat()}"
    os.makedirs(folder, exist_ok=True)
    rows = events_for(day_index, day, 1500 + 100 * day_index)
    with_channel = day_index >= 8
    if with_channel:
        for row in rows:
            row["channel"] = rng.choice(["web", "app", None])
    if day_index < 4:
        table = pa.Table.from_pylist(rows, schema=schema(pa.int32(), with_channel))
        pq.write_table(table, f"{folder}/part-0.snappy.parquet", row_group_size=700)
    elif day_index < 8:
        table = pa.Table.from_pylist(rows, schema=schema(pa.int64(), with_channel))
        con = duckdb.connect()
        con.register("t", table)
        con.execute(f"COPY t TO '{folder}/data_0.parquet' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000)")
    else:
        table = pa.Table.from_pylist(rows, schema=schema(pa.int64(), with_channel))
        pl.from_arrow(table).write_parquet(f"{folder}/00000.parquet", compression="lz4", row_group_size=800)

users = []
for user_id in range(1, 201):
    users.append({
        "user_id": user_id,
        "name": f"user {user_id:03d}",
        "country": rng.choice(countries),
        "signup_date": datetime.date(2023, 1, 1) + datetime.timedelta(days=rng.randint(0, 500)),
        "tier": rng.choice(["free", "pro", "enterprise", None]),
        "lifetime_value": decimal.Decimal(rng.randint(0, 10_000_000)) / 1000,
    })
os.makedirs(f"{lake}/silver/users", exist_ok=True)
pq.write_table(pa.Table.from_pylist(users, schema=pa.schema([
    ("user_id", pa.int64()), ("name", pa.string()), ("country", pa.string()), ("signup_date", pa.date32()),
    ("tier", pa.string()), ("lifetime_value", pa.decimal128(20, 3))])), f"{lake}/silver/users/users.parquet")

os.makedirs(f"{lake}/gold/dim_country", exist_ok=True)
pq.write_table(pa.table({
    "country": ["NL", "DE", "FR", "BE", "US", "JP"],
    "country_name": ["Netherlands", "Germany", "France", "Belgium", "United States", "Japan"],
    "region": ["EU", "EU", "EU", "EU", "NA", "APAC"],
}), f"{lake}/gold/dim_country/part-0.parquet")

for d in range(3):
    day = datetime.date(2024, 3, 1) + datetime.timedelta(days=d)
    for tpu in range(1, 4):
        for reactor in range(1, 3):
            folder = f"{lake}/silver/flowcam/date={day.isoformat()}/tpu_id={tpu:02d}/reactor_id={reactor:02d}"
            os.makedirs(folder, exist_ok=True)
            n = 50
            pq.write_table(pa.table({
                "sample_time": [datetime.datetime(day.year, day.month, day.day, i % 24, (i * 7) % 60) for i in range(n)],
                "particle_count": [rng.randint(100, 5000) for _ in range(n)],
                "density": [round(rng.uniform(0.5, 3.5), 4) for _ in range(n)],
                "biovolume": [None if rng.random() < 0.1 else round(rng.uniform(10, 900), 2) for _ in range(n)],
            }), f"{folder}/flowcam_standardized.parquet")
