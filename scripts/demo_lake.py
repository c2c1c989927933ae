"""Writes the demo lake: the algae plant's silver flowcam table (date / tpu_id / reactor_id partitions) and a
reactor dimension, as the plant's pipeline lays them out. Deterministic. Usage: demo_lake.py LAKE_FOLDER"""
import datetime
import os
import random
import sys

import pyarrow as pa
import pyarrow.parquet as pq

lake = sys.argv[1]
rng = random.Random(7)
start = datetime.date(2024, 5, 1)
for day in range(30):
    date = start + datetime.timedelta(days=day)
    for tpu in range(1, 5):
        for reactor in range(1, 4):
            folder = f"{lake}/silver/flowcam/date={date}/tpu_id={tpu:02d}/reactor_id={reactor:02d}"
            os.makedirs(folder, exist_ok=True)
            samples = 96
            base = datetime.datetime(date.year, date.month, date.day)
            growth = 1 + day * 0.03 + tpu * 0.05
            pq.write_table(pa.table({
                "sample_time": pa.array([base + datetime.timedelta(minutes=15 * i) for i in range(samples)], pa.timestamp("us")),
                "particle_count": pa.array([int(rng.gauss(2000 * growth, 150)) for _ in range(samples)], pa.int32()),
                "density": pa.array([round(rng.gauss(1.2 * growth, 0.05), 4) for _ in range(samples)]),
                "biovolume": pa.array([None if rng.random() < 0.03 else round(rng.gauss(450 * growth, 30), 2) for _ in range(samples)]),
            }), f"{folder}/flowcam_standardized.parquet", compression="zstd")
os.makedirs(f"{lake}/gold/marts/dim_reactor", exist_ok=True)
pq.write_table(pa.table({
    "tpu_id": [t for t in range(1, 5) for _ in range(3)],
    "reactor_id": [r for _ in range(4) for r in range(1, 4)],
    "strain": ["Nannochloropsis", "Chlorella", "Spirulina"] * 4,
    "volume_l": [500, 500, 750] * 4,
}), f"{lake}/gold/marts/dim_reactor/dim_reactor.parquet")
