"""What the domains' oracles share: reading bronze CSV files as text with each record's file and line, loading
such records into DuckDB, the test for a value that does not cast (the ingestion rule type(column)), and the
output names of a check's Strata query. The oracles import it from their own folder."""

import csv
import glob
import os


def bad_cast(raw, typed):
    """SQL that is true where the raw text is there but its typed value is not: the row fails rule type(column)."""
    return f"({raw} IS NOT NULL AND {typed} IS NULL)"


def strata_column_names(sql):
    """The output names of strata_sql's select list (`expr AS name` or a plain or qualified column)."""
    body = sql[len("SELECT "):]
    depth, start, items = 0, 0, []
    upper = body.upper()
    for i, ch in enumerate(body):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0 and ch == ",":
            items.append(body[start:i])
            start = i + 1
        elif depth == 0 and upper.startswith(" FROM ", i):
            items.append(body[start:i])
            break
    names = []
    for item in items:
        item = item.strip()
        if " AS " in item.upper() and not item.endswith(")"):
            names.append(item[item.upper().rindex(" AS ") + 4:].strip())
        else:
            names.append(item.split(".")[-1])
    return names


def read_csv_glob(lake, pattern, columns, partitions=()):
    """Every record of the CSV files matching `pattern` below `lake`: (values as text, empty as None, then the
    `partitions` folder values), the file relative to the lake, and the line."""
    records = []
    for path in sorted(glob.glob(os.path.join(lake, pattern))):
        rel = os.path.relpath(path, lake).replace(os.sep, "/")
        folders = dict(part.split("=", 1) for part in rel.split("/") if "=" in part)
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header is None:
                continue
            index = {name: i for i, name in enumerate(header)}
            for number, row in enumerate(reader, start=2):  # the header is line 1; no record spans lines
                values = []
                for c in columns:
                    i = index.get(c)
                    v = row[i] if i is not None and i < len(row) else None
                    values.append(None if v == "" else v)
                values += [folders.get(p) for p in partitions]
                records.append((values, rel, number))
    return records


def load(con, table, columns, records):
    """Creates `table` in DuckDB from such records, every column VARCHAR, plus _file and _line."""
    params = [[r[0][i] for r in records] for i in range(len(columns))]
    params.append([r[1] for r in records])
    params.append([r[2] for r in records])
    select = ", ".join(f'unnest(${i + 1}::VARCHAR[]) AS "{c}"' for i, c in enumerate(columns))
    n = len(columns)
    con.execute(f"CREATE TABLE {table} AS SELECT {select}, unnest(${n + 1}::VARCHAR[]) AS _file, "
                f"unnest(${n + 2}::BIGINT[]) AS _line", params)
