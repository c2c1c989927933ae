# Writes the interop matrix of Parquet files (pyarrow: every type x codec x encoding x page version, with
# and without nulls; DuckDB and polars files) into the folder given as argv[1], and for each file the
# values pyarrow reads from it, in the canonical text form the Swift test compares with, in
# argv[1]/expected.json.
import datetime, decimal, json, math, os, random, struct, sys, uuid

import duckdb
import polars as pl
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rng = random.Random(7)
files = []


def with_nulls(values, nulls):
    if not nulls:
        return values
    return [None if rng.random() < 0.2 else v for v in values]


def text(i):
    pick = i % 7
    if pick == 0:
        return "x" * (1000 + i)  # long
    if pick == 1:
        return "héllo wörld ✓ 日本 " + str(i % 5)  # non-ASCII
    if pick == 2:
        return ""
    return "value-" + str(i % 23)


def columns(nulls):
    n = rows
    c = {}
    c["bool"] = pa.array(with_nulls([rng.random() < 0.5 for _ in range(n)], nulls), pa.bool_())
    c["int8"] = pa.array(with_nulls([rng.randint(-128, 127) for _ in range(n)], nulls), pa.int8())
    c["int16"] = pa.array(with_nulls([rng.randint(-32768, 32767) for _ in range(n)], nulls), pa.int16())
    c["int32"] = pa.array(with_nulls([rng.randint(-2**31, 2**31 - 1) for _ in range(n)], nulls), pa.int32())
    c["int32_small"] = pa.array(with_nulls([rng.randint(0, 9) for _ in range(n)], nulls), pa.int32())
    c["int64"] = pa.array(with_nulls([rng.randint(-2**63, 2**63 - 1) for _ in range(n)], nulls), pa.int64())
    c["int64_sorted"] = pa.array(with_nulls([i * 1000 + rng.randint(0, 999) for i in range(n)], nulls), pa.int64())
    c["uint8"] = pa.array(with_nulls([rng.randint(0, 255) for _ in range(n)], nulls), pa.uint8())
    c["uint16"] = pa.array(with_nulls([rng.randint(0, 65535) for _ in range(n)], nulls), pa.uint16())
    c["uint32"] = pa.array(with_nulls([rng.randint(0, 2**32 - 1) for _ in range(n)], nulls), pa.uint32())
    c["uint64"] = pa.array(with_nulls([rng.randint(0, 2**64 - 1) for _ in range(n)], nulls), pa.uint64())
    floats = [rng.uniform(-1e6, 1e6) for _ in range(n)]
    floats[1] = float("nan")
    floats[2] = float("inf")
    floats[3] = -0.0
    c["float32"] = pa.array(with_nulls(floats, nulls), pa.float32())
    c["float64"] = pa.array(with_nulls(floats, nulls), pa.float64())
    c["float16"] = pa.array(with_nulls([float(round(rng.uniform(-100, 100), 2)) for _ in range(n)], nulls), pa.float16())
    c["decimal_int32"] = pa.array(with_nulls([decimal.Decimal(rng.randint(-99999, 99999)).scaleb(-2) for _ in range(n)], nulls), pa.decimal128(5, 2))
    c["decimal_int64"] = pa.array(with_nulls([decimal.Decimal(rng.randint(-10**15 + 1, 10**15 - 1)).scaleb(-3) for _ in range(n)], nulls), pa.decimal128(15, 3))
    c["decimal_38"] = pa.array(with_nulls([decimal.Decimal(rng.randint(-10**38 + 1, 10**38 - 1)).scaleb(-10) for _ in range(n)], nulls), pa.decimal128(38, 10))
    c["string"] = pa.array(with_nulls([text(i) for i in range(n)], nulls), pa.string())
    c["string_unique"] = pa.array(with_nulls([f"u{i:06d}-{rng.random()}" for i in range(n)], nulls), pa.string())
    c["binary"] = pa.array(with_nulls([bytes(rng.randrange(256) for _ in range(i % 9)) for i in range(n)], nulls), pa.binary())
    c["date"] = pa.array(with_nulls([datetime.date(1900, 1, 1) + datetime.timedelta(days=rng.randint(0, 80000)) for _ in range(n)], nulls), pa.date32())
    c["time_ms"] = pa.array(with_nulls([rng.randint(0, 86399999) for _ in range(n)], nulls), pa.time32("ms"))
    c["time_us"] = pa.array(with_nulls([rng.randint(0, 86399999999) for _ in range(n)], nulls), pa.time64("us"))
    c["time_ns"] = pa.array(with_nulls([rng.randint(0, 86399999999999) for _ in range(n)], nulls), pa.time64("ns"))
    stamps = [rng.randint(-2**40, 2**41) for _ in range(n)]
    c["timestamp_ms"] = pa.array(with_nulls(stamps, nulls), pa.timestamp("ms"))
    c["timestamp_us"] = pa.array(with_nulls([s * 1000 + 7 for s in stamps], nulls), pa.timestamp("us"))
    c["timestamp_ns"] = pa.array(with_nulls([s * 1000000 - 3 for s in stamps], nulls), pa.timestamp("ns"))
    c["timestamp_utc"] = pa.array(with_nulls([s * 1000 for s in stamps], nulls), pa.timestamp("us", tz="UTC"))
    c["uuid"] = pa.ExtensionArray.from_storage(
        pa.uuid(), pa.array(with_nulls([uuid.UUID(int=rng.getrandbits(128)).bytes for _ in range(n)], nulls), pa.binary(16)))
    c["json"] = pa.ExtensionArray.from_storage(
        pa.json_(), pa.array(with_nulls([json.dumps({"k": i, "v": "ü"}) for i in range(n)], nulls), pa.string()))
    c["dictionary"] = pa.array(with_nulls([["red", "green", "blue"][i % 3] for i in range(n)], nulls)).dictionary_encode()
    c["all_null"] = pa.array([None] * n, pa.null())
    c["all_null_int"] = pa.array([None] * n, pa.int64())
    c["all_null_string"] = pa.array([None] * n, pa.string())
    return pa.table(c)


INT_TYPES = {"int8", "int16", "int32", "int32_small", "int64", "int64_sorted", "uint8", "uint16", "uint32", "uint64",
             "decimal_int32", "decimal_int64", "date", "time_ms", "time_us", "time_ns", "timestamp_ms",
             "timestamp_us", "timestamp_ns", "timestamp_utc", "all_null_int"}
BYTES_TYPES = {"string", "string_unique", "binary", "json", "all_null_string"}
BSS_TYPES = {"float32", "float64", "int32", "int64", "decimal_38", "float16", "uuid", "decimal_int32", "decimal_int64"}


def encoding_options(name, table):
    if name == "dict":
        return dict(use_dictionary=True)
    if name == "dict_fallback":
        return dict(use_dictionary=True, dictionary_pagesize_limit=256)
    if name == "plain":
        return dict(use_dictionary=False)
    if name == "delta":
        enc = {c: "DELTA_BINARY_PACKED" for c in INT_TYPES}
        enc.update({c: "DELTA_LENGTH_BYTE_ARRAY" for c in BYTES_TYPES})
        enc["bool"] = "RLE"
        return dict(use_dictionary=False, column_encoding=enc)
    if name == "delta_byte_array":
        enc = {c: "DELTA_BYTE_ARRAY" for c in BYTES_TYPES | {"uuid", "decimal_38"}}
        return dict(use_dictionary=False, column_encoding=enc)
    if name == "byte_stream_split":
        return dict(use_dictionary=False, column_encoding={c: "BYTE_STREAM_SPLIT" for c in BSS_TYPES})
    raise ValueError(name)


for nulls in (False, True):
    table = columns(nulls)
    for codec in ("NONE", "SNAPPY", "GZIP", "BROTLI", "ZSTD", "LZ4"):
        for encoding in ("dict", "dict_fallback", "plain", "delta", "delta_byte_array", "byte_stream_split"):
            for version in ("1.0", "2.0"):
                name = f"pyarrow-{codec}-{encoding}-v{version[0]}-{'nulls' if nulls else 'full'}.parquet"
                path = os.path.join(out, name)
                pq.write_table(
                    table, path, compression=codec, data_page_version=version, row_group_size=rows // 3 + 1,
                    data_page_size=512, write_batch_size=64, store_decimal_as_integer=True,
                    write_page_index=(codec == "ZSTD"), write_page_checksum=(codec == "SNAPPY"),
                    **encoding_options(encoding, table))
                files.append(name)

# Legacy INT96 timestamps (Spark, Impala, Athena) and an empty file.
legacy = pa.table({"ts": pa.array([s * 1000 for s in range(-5, 5)] + [None], pa.timestamp("us")),
                   "n": pa.array(list(range(11)), pa.int64())})
pq.write_table(legacy, os.path.join(out, "pyarrow-int96.parquet"), use_deprecated_int96_timestamps=True)
files.append("pyarrow-int96.parquet")
pq.write_table(legacy.slice(0, 0), os.path.join(out, "pyarrow-empty.parquet"))
files.append("pyarrow-empty.parquet")
pq.write_table(legacy, os.path.join(out, "pyarrow-bloom.parquet"), bloom_filter_options={"n": {"ndv": 100}}, write_page_index=True)
files.append("pyarrow-bloom.parquet")

# DuckDB's writer.
con = duckdb.connect()
for codec in ("uncompressed", "snappy", "zstd", "gzip", "lz4", "brotli"):
    name = f"duckdb-{codec}.parquet"
    con.execute(f"""
        COPY (SELECT (i % 100)::TINYINT AS t, i::SMALLINT AS s, i AS n, (i * 7919)::BIGINT AS b, (i % 200)::UTINYINT AS ut,
                     i::USMALLINT AS us, i::UINTEGER AS ui, (i::UBIGINT * 1000003) AS ub,
                     CASE WHEN i % 5 = 0 THEN NULL ELSE i / 3.0 END AS dbl, (i / 7.0)::FLOAT AS flt,
                     (i * 1.25)::DECIMAL(9, 2) AS d9, (i * 1.125)::DECIMAL(18, 3) AS d18, (i * 3.5)::DECIMAL(30, 5) AS d30,
                     'row ' || i || repeat('é', i % 4) AS v, CASE WHEN i % 3 = 0 THEN NULL ELSE 'k' || (i % 4) END AS k,
                     DATE '2020-02-28' + i::INTEGER AS dt, TIMESTAMP '2021-03-04 05:06:07.123456' + i * INTERVAL 1 SECOND AS ts,
                     (TIMESTAMP '2021-03-04 05:06:07' + i * INTERVAL 1 MINUTE)::TIMESTAMP_MS AS tms,
                     TIME '01:02:03.456789' + i * INTERVAL 1 SECOND AS tm, i % 2 = 0 AS bl,
                     gen_random_uuid() AS u, encode('bin' || i) AS bn
              FROM range(2000) r(i))
        TO '{os.path.join(out, name)}' (FORMAT parquet, COMPRESSION {codec}, ROW_GROUP_SIZE 700)""")
    files.append(name)

# polars' writer.
frame = pl.DataFrame({
    "a": list(range(1000)),
    "f": [i / 3 if i % 4 else None for i in range(1000)],
    "s": [f"s{i % 17}" if i % 6 else None for i in range(1000)],
    "c": pl.Series([["x", "y", "z"][i % 3] for i in range(1000)], dtype=pl.Categorical),
    "d": [datetime.date(2024, 1, 1) + datetime.timedelta(days=i) for i in range(1000)],
    "t": [datetime.datetime(2024, 1, 1) + datetime.timedelta(microseconds=i * 1234567) for i in range(1000)],
    "b": [i % 3 == 0 for i in range(1000)],
    "i8": pl.Series([i % 100 for i in range(1000)], dtype=pl.Int8),
    "u32": pl.Series([i * 1000 for i in range(1000)], dtype=pl.UInt32),
})
for codec in ("uncompressed", "snappy", "zstd", "lz4", "gzip", "brotli"):
    name = f"polars-{codec}.parquet"
    frame.write_parquet(os.path.join(out, name), compression=codec, row_group_size=300, use_pyarrow=False)
    files.append(name)


def canonical(array, logical):
    """The values of a pyarrow array as the strings the Swift test makes from Strata's values."""
    t = array.type
    if isinstance(t, pa.BaseExtensionType):
        if logical == "UUID" or str(t).startswith("extension<arrow.uuid"):
            return [None if b is None else str(uuid.UUID(bytes=b)) for b in array.storage.to_pylist()]
        array = array.storage
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
    if pa.types.is_float16(t) or pa.types.is_float32(t):
        return [None if v is None else ("nan" if math.isnan(v) else "f%x" % struct.unpack("<I", struct.pack("<f", float(v)))[0])
                for v in array.to_pylist()]
    if pa.types.is_float64(t):
        return [None if v is None else ("nan" if math.isnan(v) else "d%x" % struct.unpack("<Q", struct.pack("<d", v))[0])
                for v in array.to_pylist()]
    if pa.types.is_decimal(t):
        return [None if v is None else str(int(v.scaleb(t.scale))) for v in array.to_pylist()]
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return array.to_pylist()
    if pa.types.is_fixed_size_binary(t) and logical == "UUID":
        return [None if b is None else str(uuid.UUID(bytes=b)) for b in array.to_pylist()]
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_fixed_size_binary(t) or pa.types.is_binary_view(t):
        return [None if b is None else b.hex() for b in array.to_pylist()]
    if pa.types.is_date32(t):
        return [None if v is None else str(v) for v in array.cast(pa.int32()).to_pylist()]
    if pa.types.is_time(t) or pa.types.is_timestamp(t):
        scale = {"s": 1000000, "ms": 1000, "us": 1, "ns": None}[t.unit]
        raw = array.cast(pa.int32() if pa.types.is_time32(t) else pa.int64()).to_pylist()
        return [None if v is None else str(v * scale if scale else v // 1000) for v in raw]
    raise TypeError(f"no canonical form for {t}")


expected = {}
for name in files:
    path = os.path.join(out, name)
    parquet = pq.ParquetFile(path)
    table = parquet.read(use_threads=False)
    logical = {}
    for i in range(len(parquet.schema)):
        column = parquet.schema.column(i)
        logical[column.path] = str(column.logical_type.type) if column.logical_type is not None else ""
    expected[name] = {field.name: canonical(table.column(field.name).combine_chunks(), logical.get(field.name, ""))
                      for field in table.schema}

with open(os.path.join(out, "expected.json"), "w") as f:
    json.dump(expected, f)
print(len(files))
