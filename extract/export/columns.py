"""Column order, dtypes and descriptions of the pooled, studies and evidence tables.

The single source is ``columns.toml`` beside this module; ``expand`` entries become one column
per vocabulary key (``rf_hypertension`` ... from the risk_factors vocabulary).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from schemas.fields import field
from schemas.fields import fields as table
from schemas.vocab import load

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


_DTYPE_OF = {"int": "Int64", "float": "Float64", "bool": "boolean"}


def _from_field(entry: dict) -> dict:
    """A ``field = "scope.name"`` entry completed from the field table."""
    scope, name = entry["field"].split(".", 1)
    fdef = field("patient" if scope == "patient" else "study", name)
    done = {
        "name": fdef.export,
        "level": "patient" if fdef.scope == "patient" else "study",
        "dtype": _DTYPE_OF.get(fdef.type, "string"),
        "description": fdef.description,
    }
    if fdef.vocab:
        done["vocab"] = fdef.vocab
    elif fdef.values:
        done["values"] = list(fdef.values)
    if fdef.unit:
        done["unit"] = fdef.unit
    return {**done, **{k: v for k, v in entry.items() if k != "field"}}


def _with_fields(entries: list[dict]) -> list[dict]:
    """Pooled entries with field references completed, and exported fields no entry lists
    added at the end of their level (study columns before the patient ones)."""
    done = [_from_field(e) if "field" in e else e for e in entries]
    listed = {e["name"] for e in done}
    missing = [
        _from_field({"field": f"{'patient' if f.scope == 'patient' else 'study'}.{f.name}"})
        for f in table()
        if f.export and f.export not in listed
    ]
    last_study = max((i for i, e in enumerate(done) if e.get("level") == "study"), default=-1)
    study = [e for e in missing if e["level"] == "study"]
    patient = [e for e in missing if e["level"] == "patient"]
    return done[: last_study + 1] + study + done[last_study + 1 :] + patient


@cache
def _spec() -> dict:
    with open(Path(__file__).with_name("columns.toml"), "rb") as handle:
        data = tomllib.load(handle)
    data["pooled"] = _with_fields(data["pooled"])
    return data


def _allowed(entry: dict) -> tuple[str, ...]:
    """The allowed values of a column: its vocabulary's keys, or the listed values."""
    if "vocab" in entry:
        return tuple(load(entry["vocab"]).keys())
    return tuple(entry.get("values", ()))


def _expand(entry: dict, key: str | None) -> Column:
    fill = (lambda s: s.replace("{key}", key)) if key else (lambda s: s)
    return Column(
        name=fill(entry["name"]),
        dtype=entry["dtype"],
        description=fill(entry["description"]),
        level=entry.get("level"),
        vocab=entry.get("expand"),
        key=key,
        values=_allowed(entry),
        items=tuple(load(entry["items"]).keys()) if "items" in entry else (),
        unit=entry.get("unit"),
    )


def _blocks(entries: list[dict]) -> list[list[dict]]:
    """Entries in runs: consecutive entries sharing ``expand`` and ``group`` form one run."""
    runs: list[list[dict]] = []
    for entry in entries:
        tag = (entry.get("expand"), entry.get("group"))
        if runs and tag[1] and (runs[-1][0].get("expand"), runs[-1][0].get("group")) == tag:
            runs[-1].append(entry)
        else:
            runs.append([entry])
    return runs


@cache
def columns(table: str) -> tuple[Column, ...]:
    """The columns of ``table`` ("pooled", "studies", "evidence", "duplicates") in output order."""
    if table not in TABLES:
        raise KeyError(f"no table named {table!r}")
    out: list[Column] = []
    for run in _blocks(_spec()[table]):
        for entry in run:
            if entry["dtype"] not in DTYPES:
                raise ValueError(f"columns.toml: {entry['name']}: unknown dtype {entry['dtype']!r}")
        vocab = run[0].get("expand")
        for key in load(vocab).keys() if vocab else [None]:
            out.extend(_expand(entry, key) for entry in run)
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
    seen: set[tuple[str, str | None]] = set()
    for spec_entry in _spec()[table]:
        vocab = spec_entry.get("expand")
        if vocab:
            tag = (vocab, spec_entry.get("group"))
            keys = "same keys" if tag in seen else "keys: " + ", ".join(load(vocab).keys())
            seen.add(tag)
            name = spec_entry["name"].replace("{key}", "<key>")
            text = spec_entry["description"].replace("{key}", "<key>") + f" ({keys})"
        else:
            name, text = spec_entry["name"], spec_entry["description"]
        lines.append(f"| `{name}` | {spec_entry['dtype']} | {text} |")
    return "\n".join(lines) + "\n"
