#!/usr/bin/env python3
"""Strata's CSV and NDJSON readers beside DuckDB's read_csv/read_json on the same files.

Generates mixed-type files (integers, doubles, strings with quotes, booleans, dates, timestamps), plain and
gzip, then times DuckDB (one thread, every column converted) and Strata's TextTimer (one thread), both by
CPU time: on a shared machine wall time mostly measures the neighbours. Run from the repository root after `swift build -c release --package-path Benchmarks --product TextTimer`:

    python3 Benchmarks/compare/text.py [ROWS]
"""
import json, os, subprocess, sys, tempfile, time
import duckdb

rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
folder = tempfile.mkdtemp(prefix='strata-text-bench-')
con = duckdb.connect()
source = f"""
    SELECT i AS id, (i * 7919) % 1000003 - 500000 AS amount, (i % 9973) / 7.0 AS ratio,
           'user_' || (i % 5000) || CASE WHEN i % 10 = 0 THEN ', "vip"' ELSE '' END AS name,
           i % 3 = 0 AS flag, DATE '2024-01-01' + (i % 700)::INTEGER AS day,
           TIMESTAMP '2024-01-01 00:00:00' + to_microseconds(i * 1234567) AS ts
    FROM range({rows}) t(i)"""
con.execute(f"COPY ({source}) TO '{folder}/data.csv' (FORMAT csv, HEADER)")
con.execute(f"COPY ({source}) TO '{folder}/data.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)")
con.execute(f"COPY ({source}) TO '{folder}/data.ndjson' (FORMAT json)")

timer = subprocess.check_output(['swift', 'build', '-c', 'release', '--package-path', 'Benchmarks', '--show-bin-path'],
                                text=True).strip() + '/TextTimer'
columns = 'min(id), min(amount), min(ratio), min(name), min(flag::INT), min(day), min(ts)'

def duckdb_cpu_seconds(reader, path):
    con.execute('SET threads = 1')
    best = float('inf')
    for _ in range(3):
        start = time.process_time()
        con.execute(f"SELECT {columns} FROM {reader}('{path}')").fetchall()
        best = min(best, time.process_time() - start)
    return best

print(f'{"file":<14} {"MB":>8} {"strata MB/cpu-s":>17} {"duckdb MB/cpu-s":>16}')
for name, kind, reader in [('data.csv', 'csv', 'read_csv'), ('data.csv.gz', 'csv', 'read_csv'),
                           ('data.ndjson', 'json', 'read_json')]:
    path = f'{folder}/{name}'
    size = os.path.getsize(path) / 1e6
    strata = json.loads(subprocess.check_output([timer, kind, path, '3'], text=True))
    duck = duckdb_cpu_seconds(reader, path)
    print(f'{name:<14} {size:8.1f} {size / strata["cpu_seconds"]:17.1f} {size / duck:16.1f}')
