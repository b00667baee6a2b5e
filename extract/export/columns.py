"""Column order, dtypes and descriptions of the pooled, studies and evidence tables.

The single source is ``columns.toml`` beside this module; ``expand`` entries become one column
per vocabulary key (``rf_hypertension`` ... from the risk_factors vocabulary).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from extract.vocab import load

TABLES = ("pooled", "studies", "evidence", "duplicates")
DTYPES = ("string", "Int64", "Float64", "boolean")


@dataclass(frozen=True)
class Column:
    """One column of an output table."""

    name: str
    dtype: str
    description: str
    level: str | None = None
    vocab: str | None = None
    key: str | None = None
    values: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    unit: str | None = None


@cache
def _spec() -> dict:
    with open(Path(__file__).with_name("columns.toml"), "rb") as handle:
        return tomllib.load(handle)


def _allowed(entry: dict) -> tuple[str, ...]:
    """The allowed values of a column: its vocabulary's keys, or the listed values."""
    if "vocab" in entry:
        return tuple(load(entry["vocab"]).keys())
    return tuple(entry.get("values", ()))


@cache
def columns(table: str) -> tuple[Column, ...]:
    """The columns of ``table`` ("pooled", "studies", "evidence", "duplicates") in output order."""
    if table not in TABLES:
        raise KeyError(f"no table named {table!r}")
    out: list[Column] = []
    for entry in _spec()[table]:
        dtype = entry["dtype"]
        if dtype not in DTYPES:
            raise ValueError(f"columns.toml: {entry['name']}: unknown dtype {dtype!r}")
        vocab = entry.get("expand")
        keys = load(vocab).keys() if vocab else [None]
        for key in keys:
            fill = (lambda s, k=key: s.replace("{key}", k)) if key else (lambda s: s)
            out.append(
                Column(
                    name=fill(entry["name"]),
                    dtype=dtype,
                    description=fill(entry["description"]),
                    level=entry.get("level"),
                    vocab=vocab,
                    key=key,
                    values=_allowed(entry),
                    items=tuple(load(entry["items"]).keys()) if "items" in entry else (),
                    unit=entry.get("unit"),
                )
            )
    names = [c.name for c in out]
    if len(set(names)) != len(names):
        raise ValueError(f"columns.toml: duplicate column names in {table}")
    return tuple(out)


def names(table: str) -> list[str]:
    """Column names of ``table`` in output order."""
    return [c.name for c in columns(table)]


def pandas_dtypes(table: str) -> dict[str, str]:
    """``{column: pandas dtype}`` for ``pandas.read_csv(..., dtype=...)``."""
    return {c.name: c.dtype for c in columns(table)}


def markdown(table: str) -> str:
    """The columns of ``table`` as a Markdown table (name, dtype, description)."""
    lines = ["| column | dtype | description |", "|---|---|---|"]
    seen_expand: set[str] = set()
    for spec_entry in _spec()[table]:
        vocab = spec_entry.get("expand")
        if vocab:
            if vocab in seen_expand:
                continue
            seen_expand.add(vocab)
            keys = ", ".join(load(vocab).keys())
            name = spec_entry["name"].replace("{key}", "<key>")
            text = spec_entry["description"].replace("{key}", "<key>") + f" (keys: {keys})"
        else:
            name, text = spec_entry["name"], spec_entry["description"]
        lines.append(f"| `{name}` | {spec_entry['dtype']} | {text} |")
    return "\n".join(lines) + "\n"
