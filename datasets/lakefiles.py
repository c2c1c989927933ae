"""Writing one domain's bronze files and the manifest of the defects injected into them.

Rows are generated in memory as `Row`s; a row may carry defects. The writers give every row its final
place (file and line, or Parquet row) and the manifest records each defect there, so tests of ingestion
and quarantine can check row by row what must be rejected or deduplicated.

Determinism: nothing here reads the clock or the environment; gzip members carry mtime 0 and no name;
JSON keys keep the order the generators build them in.
"""
import csv
import gzip
import hashlib
import io
import json
import os

# Every kind of defect a generator may inject; the README explains each.
KINDS = {
    "duplicate",             # an exact copy of another record (duplicate_of names the original)
    "late_arrival",          # a record whose business time is days before the batch/partition it came in
    "impossible_timestamp",  # a timestamp that does not exist (Feb 30, 25:61) or cannot be true (1970, 2099)
    "missing_key",           # the primary key is empty, null or absent
    "wrong_type",            # a value that is not of its column's type ('n/a', '1,85', '12.5 EUR', "abc")
    "out_of_range",          # a well-typed value that is physically or commercially impossible (-999, negative)
    "corrupt_record",        # a line that does not parse (broken JSON)
    "corrupt_file",          # a file that cannot be read at all (truncated gzip)
    "empty_file",            # a file with a header and no records
    "missing_records",       # records that should be in a file and are not (a gap in a time series)
    "schema_drift",          # the first file where a column appears (a column added midway)
    "null_partition",        # a partition value that is NULL (__HIVE_DEFAULT_PARTITION__)
}


class Row:
    """One record: `values` (a list for CSV and Parquet, a dict or raw text for NDJSON) and its defects."""

    __slots__ = ("values", "defects", "location")

    def __init__(self, values, defects=None):
        self.values = values
        self.defects = defects or []
        self.location = None

    def defect(self, kind, column=None, value=None, detail=None, duplicate_of=None, key=None):
        assert kind in KINDS, kind
        self.defects.append({"kind": kind, "column": column, "value": value, "detail": detail,
                             "duplicate_of": duplicate_of, "key": key})
        return self

    def copy(self):
        values = dict(self.values) if isinstance(self.values, dict) else (
            list(self.values) if isinstance(self.values, list) else self.values)
        # A copy keeps the defects its values carry ('n/a' stays a wrong type in the copy).
        return Row(values, [dict(d) for d in self.defects])


def hive_escape(value):
    """A partition value as Hive and Spark escape it in a folder name (FileUtils.escapePathName)."""
    if value is None:
        return "__HIVE_DEFAULT_PARTITION__"
    out = []
    for ch in str(value):
        if ord(ch) < 0x20 or ch in '"#%\'*/:=?\\\x7f{[]^':
            out.append("%%%02X" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)


class DomainLake:
    """The files of one domain below `root/<domain>/`, and their manifest."""

    def __init__(self, root, domain, seed, scale):
        self.domain = domain
        self.base = os.path.join(root, domain)
        self.seed = seed
        self.scale = scale
        self.files = {}        # relative path -> inventory entry
        self.rows = []         # (relative path, Row, position) for every written row that has defects
        self.file_defects = []
        self.tables = {}       # table description for the README and the tests

    # -- writers -----------------------------------------------------------------------------------

    def write_csv(self, rel, header, rows, compress=False):
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        for index, row in enumerate(rows):
            assert isinstance(row.values, list) and len(row.values) == len(header), (rel, row.values)
            cells = ["" if v is None else v for v in row.values]
            for cell in cells:
                assert "\n" not in str(cell), "a CSV cell with a newline would break line numbering"
            writer.writerow(cells)
            self._place(rel, row, {"line": index + 2})
        self._publish(rel, buffer.getvalue().encode("utf-8"), "csv", len(rows), compress, columns=list(header))

    def write_ndjson(self, rel, rows, compress=False):
        lines = []
        for index, row in enumerate(rows):
            if isinstance(row.values, str):
                lines.append(row.values)  # raw text: a corrupt record written as received
            else:
                lines.append(json.dumps(row.values, separators=(",", ":"), ensure_ascii=False))
            self._place(rel, row, {"line": index + 1})
        data = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
        self._publish(rel, data, "ndjson", len(rows), compress)

    def write_parquet(self, rel, schema, rows):
        import pyarrow as pa
        import pyarrow.parquet as pq
        columns = {field.name: [] for field in schema}
        for index, row in enumerate(rows):
            for field, value in zip(schema, row.values):
                columns[field.name].append(value)
            self._place(rel, row, {"row": index})
        table = pa.table({field.name: pa.array(columns[field.name], field.type) for field in schema}, schema=schema)
        sink = io.BytesIO()
        pq.write_table(table, sink, compression="zstd")
        self._publish(rel, sink.getvalue(), "parquet", len(rows), False, columns=[f.name for f in schema])

    def write_raw(self, rel, data, fmt, records, compress=False):
        """Bytes written as they are (a corrupt file); `records` is how many records it was meant to hold."""
        self._publish(rel, data, fmt, records, compress, raw=True)

    def file_defect(self, rel, kind, column=None, value=None, detail=None):
        assert kind in KINDS, kind
        self.file_defects.append({"file": self._bronze_rel(rel), "kind": kind, "column": column, "value": value,
                                  "detail": detail})

    def table(self, name, description):
        self.tables[name] = description

    # -- internals ---------------------------------------------------------------------------------

    def _bronze_rel(self, rel):
        return rel.replace(os.sep, "/")

    def _place(self, rel, row, position):
        row.location = dict({"file": self._bronze_rel(rel)}, **position)
        if row.defects:
            self.rows.append(row)

    def _publish(self, rel, data, fmt, records, compress, columns=None, raw=False):
        if compress and not raw:
            data = gzip.compress(data, compresslevel=6, mtime=0)
        path = os.path.join(self.base, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
        entry = {"format": fmt, "compression": "gzip" if compress else None, "records": records,
                 "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        if columns is not None:
            entry["columns"] = columns
        self.files[self._bronze_rel(rel)] = entry

    def finish(self):
        """Writes `_expected/dirt.json`: every file, every defect at its place, the tables."""
        defects = []
        for row in self.rows:
            for d in row.defects:
                entry = dict(row.location)
                entry["kind"] = d["kind"]
                for name in ("key", "column", "value", "detail"):
                    if d[name] is not None:
                        entry[name] = d[name]
                if d["duplicate_of"] is not None:
                    assert d["duplicate_of"].location is not None, "a duplicate of a record never written"
                    entry["duplicate_of"] = dict(d["duplicate_of"].location)
                defects.append(entry)
        for d in self.file_defects:
            defects.append({k: v for k, v in d.items() if v is not None})
        defects.sort(key=lambda d: (d["file"], d.get("line", d.get("row", -1)), d["kind"]))
        counts = {}
        for d in defects:
            counts[d["kind"]] = counts.get(d["kind"], 0) + 1
        manifest = {
            "domain": self.domain,
            "seed": self.seed,
            "scale": self.scale,
            "positions": "line: 1-based line in the file (CSV header is line 1); row: 0-based Parquet row",
            "tables": self.tables,
            "files": dict(sorted(self.files.items())),
            "defect_counts": dict(sorted(counts.items())),
            "defects": defects,
        }
        path = os.path.join(self.base, "_expected", "dirt.json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(manifest, handle, indent=1, ensure_ascii=False)
            handle.write("\n")
        return manifest
