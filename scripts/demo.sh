#!/usr/bin/env bash
# The demo: builds a small sample lake and shows Strata on it. Arguments: the strata binary, the lake folder.
set -euo pipefail
strata="$1"
lake="$2"
cd "$(dirname "$0")/.."
"$strata" --version

# Parquet: a sample file written by pyarrow, described and printed by Strata.
sample="$lake/samples/flowcam.parquet"
mkdir -p "$(dirname "$sample")"
python3 - "$sample" <<'PY'
import sys, datetime, decimal
import pyarrow as pa, pyarrow.parquet as pq
start = datetime.datetime(2024, 5, 1, 6, 0, 0)
rows = 12
table = pa.table({
    "sample_id": pa.array(range(1, rows + 1), pa.int64()),
    "reactor": pa.array([f"R{1 + i % 3}" for i in range(rows)]),
    "captured_at": pa.array([start + datetime.timedelta(minutes=17 * i) for i in range(rows)], pa.timestamp("us")),
    "cell_count": pa.array([1200 + 37 * i if i % 5 else None for i in range(rows)], pa.int32()),
    "biovolume_um3": pa.array([round(1500.25 + 12.5 * i, 2) for i in range(rows)]),
    "ph": pa.array([decimal.Decimal("7.10") + decimal.Decimal(i) / 100 for i in range(rows)], pa.decimal128(4, 2)),
    "note": pa.array(["ok", "bubbles, refocus", None, "ok"] * 3),
})
pq.write_table(table, sys.argv[1], row_group_size=6, compression="zstd", write_page_index=True)
PY
echo
echo "\$ strata inspect $sample"
"$strata" inspect "$sample"
echo
echo "\$ strata cat $sample --limit 5"
"$strata" cat "$sample" --limit 5
echo
echo "\$ strata cat $sample --format csv --columns sample_id,reactor,ph,note --limit 4"
"$strata" cat "$sample" --format csv --columns sample_id,reactor,ph,note --limit 4
