"""Write table rows as CSV, JSONL or Parquet (atomically), and read them back with dtypes.

CSV: UTF-8, comma-separated, header row, ``\\n`` line ends, empty cell = missing, booleans 0/1;
a text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``,
a tab or a carriage return) gets a leading apostrophe, which :func:`read_table` takes off again.
JSONL: one JSON object per row, keys in column order, null = missing.
Parquet: typed columns (string, int64, double, bool), written with pyarrow.
Writing needs only the standard library (pyarrow for Parquet); reading back needs pandas.
"""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import Any

from extract.atomic import atomic_write_bytes
from extract.errors import OutputError
from extract.export.columns import columns, pandas_dtypes

FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}


def format_for(path: str | os.PathLike, forced: str | None = None) -> str:
    """The table format: ``forced`` if given, else by the file's extension."""
    if forced:
        if forced not in FORMATS.values():
            raise OutputError(f"unknown format {forced!r} (csv, jsonl or parquet)")
        return forced
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise OutputError(
            f"{path}: cannot tell the format from '{suffix or 'no extension'}' "
            "(use .csv, .jsonl or .parquet, or --format)"
        )
    return FORMATS[suffix]


def require_format(fmt: str) -> None:
    """Fail early (one line) when a format's library is missing."""
    if fmt == "parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError as exc:
            why = str(exc).strip().splitlines()[0] if str(exc).strip() else "not installed"
            raise OutputError(f"writing Parquet needs a working pyarrow ({why})") from None


# OWASP "CSV injection": cells starting with these run as formulas in Excel, LibreOffice and
# Google Sheets (the full-width forms too, in some of them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _is_formula_like(text: str) -> bool:
    """Whether ``text``, apostrophes taken off its start, begins like a formula."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading apostrophe before formula starts.

    Text that already starts with apostrophes before a formula start gets one more, so that
    :func:`restore` (one apostrophe off) always gives the true text back.
    """
    return "'" + text if _is_formula_like(text) else text


def restore(text: str) -> str:
    """The true text of a cell written by :func:`neutralise`."""
    return text[1:] if text.startswith("'") and _is_formula_like(text[1:]) else text


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, str):
        return neutralise(value)
    return str(value)  # numbers stay numbers: -3 is written as -3


def csv_bytes(rows: list[dict[str, Any]], table: str) -> bytes:
    """Rows as CSV text (header = the table's columns)."""
    names = [c.name for c in columns(table)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for row in rows:
        writer.writerow([_csv_cell(row.get(name)) for name in names])
    return buffer.getvalue().encode("utf-8")


def jsonl_bytes(rows: list[dict[str, Any]], table: str) -> bytes:
    """Rows as JSON lines, keys in column order."""
    names = [c.name for c in columns(table)]
    lines = [json.dumps({n: row.get(n) for n in names}, ensure_ascii=False) for row in rows]
    return "".join(line + "\n" for line in lines).encode("utf-8")


def parquet_bytes(rows: list[dict[str, Any]], table: str) -> bytes:
    """Rows as a Parquet file with one typed column per table column."""
    require_format("parquet")
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64()}
    types["boolean"] = pa.bool_()
    cols = columns(table)
    schema = pa.schema([pa.field(c.name, types[c.dtype]) for c in cols])
    data = {c.name: [row.get(c.name) for row in rows] for c in cols}
    sink = io.BytesIO()
    pq.write_table(pa.Table.from_pydict(data, schema=schema), sink)
    return sink.getvalue()


def write_table(
    rows: list[dict[str, Any]], table: str, path: str | os.PathLike, fmt: str | None = None
) -> None:
    """Write ``rows`` of ``table`` to ``path`` atomically in ``fmt`` (default: by extension)."""
    fmt = format_for(path, fmt)
    encoders = {"csv": csv_bytes, "jsonl": jsonl_bytes, "parquet": parquet_bytes}
    atomic_write_bytes(path, encoders[fmt](rows, table))


def read_table(path: str | os.PathLike, table: str = "pooled", fmt: str | None = None):
    """Load a written table into pandas with the documented dtypes (needs pandas)."""
    import pandas as pd

    fmt = format_for(path, fmt)
    dtypes = pandas_dtypes(table)
    if fmt == "csv":
        frame = pd.read_csv(path, dtype=dtypes, keep_default_na=False, na_values=[""])
        for name, dtype in dtypes.items():
            if dtype == "string" and name in frame:
                frame[name] = frame[name].map(restore, na_action="ignore").astype("string")
        return frame
    if fmt == "jsonl":
        frame = pd.read_json(path, lines=True, dtype=False)
        if frame.empty:
            frame = pd.DataFrame(columns=list(dtypes))
    else:
        frame = pd.read_parquet(path)
    return frame.astype(dtypes)
