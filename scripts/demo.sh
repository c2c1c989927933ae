#!/usr/bin/env bash
# The demo: builds a small sample lake and shows Strata on it. Arguments: the strata binary, the lake folder.
set -euo pipefail
strata="$1"
lake="$2"
cd "$(dirname "$0")/.."
"$strata" --version
run() {
    echo
    echo "\$ strata $*"
    "$strata" "$@"
}

# A lake: the algae plant's silver flowcam table, partitioned by date / tpu_id / reactor_id (360 files).
if [ ! -d "$lake/silver/flowcam" ]; then
    python3 scripts/demo_lake.py "$lake"
fi
run query --lake "$lake" "SHOW TABLES"
run query --lake "$lake" "DESCRIBE silver.flowcam"
run query --lake "$lake" "SELECT date, tpu_id, round(avg(density), 3) AS density, sum(particle_count) AS particles FROM silver.flowcam WHERE date BETWEEN DATE '2024-05-10' AND DATE '2024-05-12' GROUP BY 1, 2 ORDER BY 1, 2"
run query --lake "$lake" "EXPLAIN ANALYZE SELECT d.strain, round(avg(f.biovolume), 1) AS biovolume FROM silver.flowcam f JOIN gold.marts.dim_reactor d ON f.tpu_id = d.tpu_id AND f.reactor_id = d.reactor_id WHERE f.date = DATE '2024-05-30' GROUP BY d.strain ORDER BY 2 DESC"

# Parquet: a sample file written by pyarrow, described and printed by Strata.
sample="$lake/../samples/flowcam.parquet"
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
run inspect "$sample"
run cat "$sample" --format csv --columns sample_id,reactor,ph,note --limit 4
echo
echo "Open the REPL on this lake with: $strata --lake $lake"
echo "or run one query with:         $strata query --lake $lake \"SHOW TABLES\""
