# Reads Parquet files written by Strata's ParquetWriter with pyarrow, DuckDB and DataFusion, and prints
# what they see as JSON: values in the canonical text of interop_matrix.py, schema types, row group
# statistics, page index and bloom filter presence, sorting columns and DuckDB's parquet_metadata.
# Usage: writer_oracle.py FILE... (prints one JSON object keyed by file).
import decimal
import json
import math
import struct
import sys

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq


# Wide enough for DECIMAL(38) unscaled values (the default context keeps 28 digits).
WIDE = decimal.Context(prec=80)


def canonical(array):
    t = array.type
    if pa.types.is_dictionary(t):
        array = array.cast(t.value_type)
        t = array.type
    if pa.types.is_null(t):
        return [None] * len(array)
    if pa.types.is_boolean(t):
        return [None if v is None else ("true" if v else "false") for v in array.to_pylist()]
    if pa.types.is_integer(t):
        return [None if v is None else str(v) for v in array.to_pylist()]
    if pa.types.is_float32(t):
        return [None if v is None else ("nan" if math.isnan(v) else "f%x" % struct.unpack("<I", struct.pack("<f", float(v)))[0])
                for v in array.to_pylist()]
    if pa.types.is_float64(t):
        return [None if v is None else ("nan" if math.isnan(v) else "d%x" % struct.unpack("<Q", struct.pack("<d", v))[0])
                for v in array.to_pylist()]
    if pa.types.is_decimal(t):
        return [None if v is None else str(int(v.scaleb(t.scale, context=WIDE))) for v in array.to_pylist()]
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return array.to_pylist()
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t) or pa.types.is_binary_view(t):
        return [None if b is None else b.hex() for b in array.to_pylist()]
    if pa.types.is_date32(t):
        return [None if v is None else str(v) for v in array.cast(pa.int32()).to_pylist()]
    if pa.types.is_time(t) or pa.types.is_timestamp(t):
        scale = {"s": 1000000, "ms": 1000, "us": 1, "ns": None}[t.unit]
        raw = array.cast(pa.int32() if pa.types.is_time32(t) else pa.int64()).to_pylist()
        return [None if v is None else str(v * scale if scale else v // 1000) for v in raw]
    raise TypeError(f"no canonical form for {t}")


def statistic(value, arrow_type):
    if value is None:
        return None
    if pa.types.is_null(arrow_type):
        return None
    return canonical(pa.array([value], type=arrow_type))[0]


def describe(path):
    result = {}
    parquet = pq.ParquetFile(path)
    table = parquet.read()
    result["num_rows"] = table.num_rows
    result["pyarrow_types"] = {f.name: str(f.type) for f in table.schema}
    result["pyarrow"] = {name: canonical(table.column(name).combine_chunks()) for name in table.column_names}
    metadata = parquet.metadata
    result["created_by"] = metadata.created_by
    result["key_value"] = {k.decode(): v.decode() for k, v in (metadata.metadata or {}).items()}
    groups = []
    for index in range(metadata.num_row_groups):
        group = metadata.row_group(index)
        columns = []
        for position in range(group.num_columns):
            chunk = group.column(position)
            field = table.schema.field(position)
            entry = {
                "name": chunk.path_in_schema,
                "physical": chunk.physical_type,
                "compression": chunk.compression,
                "encodings": list(chunk.encodings),
                "has_dictionary_page": chunk.has_dictionary_page,
                "has_column_index": chunk.has_column_index,
                "has_offset_index": chunk.has_offset_index,
                "bloom_filter_offset": chunk.bloom_filter_offset,
                "num_values": chunk.num_values,
            }
            stats = chunk.statistics
            if stats is not None:
                entry["null_count"] = stats.null_count if stats.has_null_count else None
                entry["has_min_max"] = stats.has_min_max
                if stats.has_min_max:
                    entry["min"] = statistic(stats.min, field.type)
                    entry["max"] = statistic(stats.max, field.type)
            columns.append(entry)
        sorting = group.sorting_columns
        groups.append({
            "num_rows": group.num_rows,
            "columns": columns,
            "sorting": [[s.column_index, s.descending, s.nulls_first] for s in sorting] if sorting else [],
        })
    result["row_groups"] = groups
    connection = duckdb.connect()
    quoted = path.replace("'", "''")
    duck = connection.sql(f"SELECT * FROM read_parquet('{quoted}')").arrow()
    if hasattr(duck, "read_all"):
        duck = duck.read_all()
    result["duckdb"] = {name: canonical(duck.column(name).combine_chunks()) for name in duck.column_names}
    result["duckdb_types"] = {row[0]: row[1] for row in connection.sql(f"DESCRIBE SELECT * FROM read_parquet('{quoted}')").fetchall()}
    rows = connection.sql(
        f"SELECT row_group_id, path_in_schema, stats_min_value, stats_max_value, stats_null_count, min_is_exact, max_is_exact, "
        f"encodings, bloom_filter_offset FROM parquet_metadata('{quoted}') ORDER BY row_group_id, column_id").fetchall()
    result["duckdb_metadata"] = [
        {"row_group": r[0], "name": r[1], "min": r[2], "max": r[3], "null_count": r[4], "min_exact": r[5], "max_exact": r[6],
         "encodings": r[7], "bloom_filter_offset": r[8]} for r in rows]
    return result


print(json.dumps({path: describe(path) for path in sys.argv[1:]}))
