"""Read the pooled and studies tables an analysis starts from (as written, or corrected by hand).

Columns are typed as ``extract/export/columns.toml`` documents them; a column the file lacks is
added empty (an older or trimmed table still loads), and a cell that cannot be read as its type is
a one-line error naming the file, the column and the value.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from extract.errors import InputError
from extract.export.columns import pandas_dtypes
from extract.export.writers import FORMATS

_TRUE = {"1", "true", "yes", "y", "t"}
_FALSE = {"0", "false", "no", "n", "f"}


@dataclass
class Tables:
    """The patient rows and the study rows of one pooled run."""

    patients: pd.DataFrame
    studies: pd.DataFrame
    pooled_path: Path
    studies_path: Path


def studies_path_for(pooled: str | os.PathLike) -> Path:
    """The studies table corpus mode writes beside ``pooled``: ``<stem>_studies.csv``."""
    path = Path(pooled)
    return path.with_name(f"{path.stem}_studies.csv")


def _boolean(values: pd.Series) -> pd.Series:
    def one(value: object) -> object:
        if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
            return pd.NA
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
        raise ValueError(f"{value!r} is not 1/0")

    return pd.Series([one(v) for v in values], index=values.index, dtype="boolean")


def _convert(values: pd.Series, dtype: str) -> pd.Series:
    if dtype == "boolean":
        return _boolean(values)
    if dtype in ("Int64", "Float64"):
        numbers = pd.to_numeric(values, errors="raise")
        if dtype == "Int64" and not (numbers.dropna() % 1 == 0).all():
            raise ValueError("not a whole number")
        return numbers.astype(dtype)
    return values.astype("string")


def _first_bad(values: pd.Series, dtype: str) -> object:
    for value in values.dropna():
        try:
            _convert(pd.Series([value]), dtype)
        except (ValueError, TypeError):
            return value
    return None


def typed(frame: pd.DataFrame, table: str, path: Path) -> pd.DataFrame:
    """``frame`` with every documented column in its dtype; missing columns added empty."""
    out = frame.copy()
    for name, dtype in pandas_dtypes(table).items():
        if name not in out.columns:
            out[name] = pd.Series([pd.NA] * len(out), index=out.index, dtype=dtype)
            continue
        try:
            out[name] = _convert(out[name], dtype)
        except (ValueError, TypeError):
            bad = _first_bad(out[name], dtype)
            raise InputError(f"{path}: column {name}: cannot read {bad!r} as {dtype}") from None
    return out


def _read_raw(path: Path) -> pd.DataFrame:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: not a .csv, .jsonl or .parquet table")
    try:
        if fmt == "csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
        if fmt == "jsonl":
            return pd.read_json(path, lines=True, dtype=False)
        return pd.read_parquet(path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except pd.errors.EmptyDataError:
        raise InputError(f"{path}: file is empty") from None
    except (ValueError, OSError, pd.errors.ParserError) as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise InputError(f"{path}: cannot read the table ({first})") from None


def load_tables(pooled: str | os.PathLike, studies: str | os.PathLike | None = None) -> Tables:
    """Both tables, typed; the studies table defaults to the one beside ``pooled``."""
    pooled_path = Path(pooled)
    studies_path = Path(studies) if studies else studies_path_for(pooled_path)
    for path, what in ((pooled_path, "pooled table"), (studies_path, "studies table")):
        if not path.is_file():
            raise InputError(f"{path}: no such {what} (corpus mode writes both side by side)")
    frames = []
    for path, table in ((pooled_path, "pooled"), (studies_path, "studies")):
        raw = _read_raw(path)
        if "study_id" not in raw.columns:
            raise InputError(f"{path}: no study_id column (not a table written by extract)")
        frames.append(typed(raw, table, path))
    return Tables(frames[0], frames[1], pooled_path, studies_path)
