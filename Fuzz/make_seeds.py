#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into Fuzz/Corpus/<target>/ (see Fuzz/README.md).

Parquet seeds are small files written by pyarrow with each encoding, codec and data page version the
reader handles; the `parquet-page` seeds are their column chunks in that target's layout:
[shape byte][codec byte][options byte] + the chunk's bytes. SHAPES must list the shapes of
`ParquetPageFuzzer.shapes` in the same order. The text and SQL seeds are written from the lists below, and
SQL also from statements of grammar/examples. Run again after changing a layout; output is deterministic.
"""
import decimal, io, os, re, shutil, tempfile
import pyarrow as pa, pyarrow.parquet as pq

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "Corpus")
ROWS = 40

# (pyarrow type, nullable) per shape of ParquetPageFuzzer.shapes; index 3 is INT96 (a timestamp written
# with use_deprecated_int96_timestamps).
SHAPES = [
    (pa.bool_(), True), (pa.int32(), False), (pa.int64(), True), (pa.timestamp("ns"), True), (pa.float32(), True),
    (pa.float64(), True), (pa.string(), True), (pa.binary(), False), (pa.binary(16), True), (pa.date32(), True),
    (pa.timestamp("us"), True), (pa.decimal128(20, 2), True), (pa.int16(), True), (pa.timestamp("ns", tz="UTC"), True),
]
CODECS = {"none": 0, "snappy": 1, "gzip": 2, "brotli": 4, "zstd": 6, "lz4": 7}  # pyarrow's 'lz4' is LZ4_RAW

def values(index, kind):
    def value(i):
        if pa.types.is_boolean(kind): return i % 3 == 0
        if pa.types.is_integer(kind): return (i * 7919) % 1000 - 300
        if pa.types.is_floating(kind): return i / 3 - 4
        if pa.types.is_string(kind): return "v" + str(i % 9) * (i % 4)
        if pa.types.is_fixed_size_binary(kind): return bytes([i % 256]) * kind.byte_width
        if pa.types.is_binary(kind): return bytes([i % 256]) * (i % 5)
        if pa.types.is_date(kind): return 19000 + i
        if pa.types.is_timestamp(kind): return 1_700_000_000_000_000 + i * 1_000_003
        if pa.types.is_decimal(kind): return decimal.Decimal(i * 101 - 900).scaleb(-2)
        raise ValueError(kind)
    nullable = SHAPES[index][1]
    return pa.array([None if nullable and i % 5 == 2 else value(i) for i in range(ROWS)], kind)

# Encodings pyarrow accepts per physical type.
ALLOWED = {
    "DELTA_BINARY_PACKED": lambda k: pa.types.is_integer(k) or pa.types.is_date(k) or (pa.types.is_timestamp(k)),
    "DELTA_BYTE_ARRAY": lambda k: pa.types.is_string(k) or pa.types.is_binary(k) or pa.types.is_fixed_size_binary(k) or pa.types.is_decimal(k),
    "DELTA_LENGTH_BYTE_ARRAY": lambda k: pa.types.is_string(k) or (pa.types.is_binary(k) and not pa.types.is_fixed_size_binary(k)),
    "BYTE_STREAM_SPLIT": lambda k: pa.types.is_floating(k) or pa.types.is_integer(k) or pa.types.is_fixed_size_binary(k) or pa.types.is_decimal(k) or pa.types.is_date(k) or pa.types.is_timestamp(k),
    "RLE": lambda k: pa.types.is_boolean(k),
}

# name: (codec, write_table options, preferred encodings tried in order per column)
VARIANTS = {
    "plain-snappy-v1": ("snappy", dict(use_dictionary=False), []),
    "dictionary-gzip-v1": ("gzip", dict(use_dictionary=True), []),
    "dictionary-zstd-v2": ("zstd", dict(use_dictionary=True, data_page_version="2.0"), []),
    "delta-zstd-v2": ("zstd", dict(use_dictionary=False, data_page_version="2.0"), ["DELTA_BINARY_PACKED", "DELTA_BYTE_ARRAY", "RLE"]),
    "delta-length-lz4raw-v1": ("lz4", dict(use_dictionary=False), ["DELTA_LENGTH_BYTE_ARRAY", "DELTA_BINARY_PACKED", "RLE"]),
    "byte-stream-split-brotli-v2": ("brotli", dict(use_dictionary=False, data_page_version="2.0"), ["BYTE_STREAM_SPLIT", "RLE"]),
    "rle-boolean-uncompressed-v2": ("none", dict(use_dictionary=False, data_page_version="2.0"), ["RLE"]),
    "page-index-checksum-snappy-v1": ("snappy", dict(use_dictionary=True, write_page_index=True, write_page_checksum=True), []),
}

def write(table, codec, options, preferred, int96=False):
    encodings = {}
    for field in [] if int96 else table.schema:
        for encoding in preferred:
            if ALLOWED[encoding](field.type):
                encodings[field.name] = encoding
                break
    extra = dict(column_encoding=encodings) if encodings else {}
    sink = io.BytesIO()
    pq.write_table(table, sink, compression=codec, row_group_size=ROWS // 2, data_page_size=96,
                   use_deprecated_int96_timestamps=int96, write_statistics=True, **options, **extra)
    return sink.getvalue()

def table(indices):
    return pa.table({f"c{i}": values(i, SHAPES[i][0]) for i in indices},
                    schema=pa.schema([pa.field(f"c{i}", SHAPES[i][0], SHAPES[i][1]) for i in indices]))

def reset(target):
    folder = os.path.join(CORPUS, target)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    return folder

def parquet_seeds():
    files = reset("parquet-file")
    pages = reset("parquet-page")
    thrift = reset("thrift")
    for name, (codec, options, preferred) in VARIANTS.items():
        # Whole files: every shape but INT96, two row groups; INT96 gets a file of its own.
        for suffix, indices, int96 in [("", [i for i in range(len(SHAPES)) if i != 3], False), ("-int96", [3], True)]:
            data = write(table(indices), codec, options, preferred, int96)
            if not suffix or name == "plain-snappy-v1":
                open(os.path.join(files, name + suffix + ".parquet"), "wb").write(data)
            metadata = pq.ParquetFile(io.BytesIO(data)).metadata
            footer_length = int.from_bytes(data[-8:-4], "little")
            if not suffix:
                open(os.path.join(thrift, name + "-footer"), "wb").write(data[-8 - footer_length:-8])
            # Column chunks of the first row group, in the page target's layout.
            group = metadata.row_group(0)
            for position, shape in enumerate(indices):
                column = group.column(position)
                start = column.dictionary_page_offset if column.has_dictionary_page else column.data_page_offset
                chunk = data[start:start + column.total_compressed_size]
                selector = shape | (0 if SHAPES[shape][1] else 0x80)
                open(os.path.join(pages, f"{name}-c{shape}"), "wb").write(bytes([selector, CODECS[codec], 0]) + chunk)
                if shape in (2, 6) and not suffix:
                    # A page header alone, for the Thrift target.
                    open(os.path.join(thrift, f"{name}-c{shape}-page-header"), "wb").write(chunk[:64])

SQL = [
    "SELECT 1",
    "SELECT a, count(*) AS n FROM silver.events WHERE event_date >= DATE '2024-03-01' GROUP BY 1 HAVING count(*) > 2 ORDER BY n DESC NULLS LAST LIMIT 10 OFFSET 5",
    "WITH t AS (SELECT * FROM read_parquet('s3://b/k/*.parquet')) SELECT DISTINCT x FROM t LEFT JOIN u USING (id) UNION ALL SELECT 2",
    "SELECT CASE WHEN x IS NULL THEN 'a' ELSE CAST(x AS VARCHAR) END, TRY_CAST('1' AS BIGINT), INTERVAL '1' DAY, TIMESTAMP '2024-01-01 00:00:00'",
    "SELECT sum(v) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
    "SELECT * FROM a WHERE x IN (SELECT y FROM b) AND EXISTS (SELECT 1 FROM c WHERE c.id = a.id) AND z NOT LIKE 'a%' ESCAPE '\\'",
    "CREATE EXTERNAL TABLE IF NOT EXISTS silver.flowcam (ts timestamp, `Density` decimal(10,3)) PARTITIONED BY (event_date date) STORED AS PARQUET LOCATION 's3://lake/silver/flowcam/'",
    "CREATE TABLE gold.daily WITH (format = 'PARQUET', partitioned_by = ARRAY['event_date'], write_compression = 'ZSTD') AS SELECT * FROM silver.events",
    "INSERT OVERWRITE gold.daily SELECT * FROM s; DROP TABLE IF EXISTS x; MSCK REPAIR TABLE y; SHOW PARTITIONS z; DESCRIBE w; SET a = 1",
    "EXPLAIN ANALYZE SELECT EXTRACT(MONTH FROM event_date), \"quoted \"\" name\", -1.5e10, x'ab' FROM t /* comment */ -- line",
    "SELECT a FROM t1 FULL OUTER JOIN t2 ON t1.a = t2.b CROSS JOIN t3 INTERSECT SELECT b FROM t4 EXCEPT VALUES (1), (2)",
]

CSV = [
    # (flags, more, text)
    (0, 0, b"id,name,amount,day\n1,alpha,1.5,2024-03-01\n2,\"b,eta\",,2024-03-02\n3,\"say \"\"hi\"\"\",-7e3,\n"),
    (1, 0x40, b"a,b\r\n1,2\r\n\"multi\nline\",3\r\n"),
    (2, 0x80, b"x|y|z\n1|true|12:30:00\n2|false|\n"),
    (0x23, 0x04, b"k\tv\n\\\"q\t1\nr\t2\n"),
    (0x0C, 0x18, b"01/02/2024;1,5\n03/04/2024;2,25\n"),
    (0xC0, 0x21, b"a,b,c\n1\n1,2,3,4\n"),
    (0x40, 0x02, b"n\n1\n2\nx\n"),
]

JSON = [
    (0, b'{"id": 1, "name": "a", "tags": [1, 2], "at": "2024-03-01T10:00:00"}\n{"id": 2, "name": null, "nested": {"x": 1.5}}\n'),
    (2, b'[{"a": 1}, {"a": 2, "b": "x"}]'),
    (3, b'{"a": 1} {"a": 2}\n\n{"a":\n 3}'),
    (0x88, b'"just a string"\n42\ntrue\n'),
    (0x10, b'{"a": 1}\n{"a": "x"}\n{"a": }\n'),
    (0x80, b'{"d": "2024-01-01", "t": "12:00:00", "e": "\\u00e9\\ud83d\\ude00"}\n'),
]

HIVE = [
    "event_date=2024-03-01/tenant=a%2Fb/__HIVE_DEFAULT_PARTITION__",
    "year=2024/month=03/day=01/part-00000.parquet",
    "k=__HIVE_DEFAULT_PARTITION__/k2=/x=%3D%25%3A",
    "a%3Db=c%3Dd/ts=2024-03-01 10%3A00%3A00/n=-12",
    "tpu=TPU-1/reactor=R%232/%ZZ=%4/=nokey/novalue",
]

def text_seeds():
    sql = reset("sql")
    for index, text in enumerate(SQL):
        open(os.path.join(sql, f"statement-{index:02d}.sql"), "w").write(text)
    examples = os.path.join(HERE, "..", "grammar", "examples")
    for name in sorted(n for n in os.listdir(examples) if n.endswith(".sql")):
        statements = [s.strip() for s in re.split(r";\s*\n", open(os.path.join(examples, name)).read()) if s.strip()]
        for index, statement in enumerate(statements[:4]):
            if len(statement) <= 1500:
                open(os.path.join(sql, f"{name[:-4]}-{index}.sql"), "w").write(statement)
    csv = reset("csv")
    for index, (flags, more, text) in enumerate(CSV):
        open(os.path.join(csv, f"csv-{index}"), "wb").write(bytes([flags, more]) + text)
    ndjson = reset("ndjson")
    for index, (flags, text) in enumerate(JSON):
        open(os.path.join(ndjson, f"json-{index}"), "wb").write(bytes([flags]) + text)
    hive = reset("hive-path")
    for index, path in enumerate(HIVE):
        open(os.path.join(hive, f"path-{index}"), "w").write(path)

if __name__ == "__main__":
    parquet_seeds()
    text_seeds()
