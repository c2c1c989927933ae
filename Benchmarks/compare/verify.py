"""Checks an engine's answer against the reference engine's (DuckDB's).

Each engine prints CSV its own way (quoted or bare strings, `0` or `0.0`, `T` or a space in timestamps), so
cells are normalized before comparing: empty → NULL, integers and decimals → numbers, ISO timestamps →
`YYYY-MM-DD HH:MM:SS.ffffff`, `true`/`false` → booleans, anything else stays text. Rows are compared as a
sorted multiset (row order is not checked: the queries' ORDER BY and LIMIT make the set itself unique).
Two numbers match when they are equal or, if either is fractional, within FLOAT_TOLERANCE relative (absolute
near zero): float sums legitimately differ in their last digits with the order of addition.
The checksum is a fingerprint of the normalized, sorted rows with numbers rounded to 24 significant bits: a
label for an answer, not the verdict (two matching answers can, rarely, straddle a rounding boundary).
"""
from __future__ import annotations

import csv
import hashlib
import io
import math
import re
from dataclasses import dataclass

FLOAT_TOLERANCE = 1e-9

_INTEGER = re.compile(r"^-?\d+$")
_NUMBER = re.compile(r"^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^-?(inf|nan|infinity)$", re.I)
_TIMESTAMP = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]00:?00)?$")


@dataclass
class Answer:
    rows: list[tuple]
    columns: int

    @property
    def count(self) -> int:
        return len(self.rows)

    def checksum(self) -> str:
        digest = hashlib.sha256()
        for row in self.rows:
            digest.update(repr(tuple(_fingerprint(value) for value in row)).encode())
        return digest.hexdigest()[:12]


def parse_answer(csv_text: str) -> Answer:
    reader = csv.reader(io.StringIO(csv_text))
    header = next(reader, None)
    if header is None:
        return Answer([], 0)
    rows = [tuple(normalize(cell) for cell in row) for row in reader if row]
    rows.sort(key=_sort_key)
    return Answer(rows, len(header))


def normalize(cell: str):
    if cell == "":
        return None
    if _INTEGER.match(cell):
        return int(cell)
    if _NUMBER.match(cell):
        return float(cell)
    match = _TIMESTAMP.match(cell)
    if match:
        day, clock, fraction, _ = match.groups()
        return f"{day} {clock}.{(fraction or '').ljust(6, '0')[:6]}"
    lowered = cell.lower()
    if lowered in ("true", "false"):
        return lowered == "true"
    return cell


def compare(reference: Answer, candidate: Answer) -> str | None:
    """None when the answers match, else a short reason."""
    if candidate.columns != reference.columns:
        return f"{candidate.columns} columns, expected {reference.columns}"
    if candidate.count != reference.count:
        return f"{candidate.count} rows, expected {reference.count}"
    for index, (expected, actual) in enumerate(zip(reference.rows, candidate.rows)):
        for column, (a, b) in enumerate(zip(expected, actual)):
            if not _same(a, b):
                return f"row {index + 1} column {column + 1}: {b!r}, expected {a!r}"
    return None


def _same(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        if isinstance(a, int) and isinstance(b, int):
            return a == b
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return math.isclose(a, b, rel_tol=FLOAT_TOLERANCE, abs_tol=FLOAT_TOLERANCE)
    return a == b


def _fingerprint(value):
    """Numbers rounded to 24 significant bits (about 7 decimal digits). A binary grid rather than a decimal
    one: decimal amounts such as cents sit exactly on decimal rounding ties, where the last-bit noise of a
    float sum would send two engines' equal answers to different sides."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, (int, float)):
        if not math.isfinite(value):
            return float(value)
        mantissa, exponent = math.frexp(float(value))
        return math.ldexp(round(mantissa * (1 << 24)), exponent - 24)
    return value


def _sort_key(row: tuple):
    # Numbers sort by their rounded value, so tiny float differences do not reorder rows.
    return tuple((0, "") if v is None else (1, _fingerprint(v)) if isinstance(v, (int, float)) and not isinstance(v, bool)
                 else (2, str(v)) for v in row)
