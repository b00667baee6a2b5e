"""The rows of the review page (from the field table, schemas/fields.toml) and how their values
are written on it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from schemas.fields import FieldDef
from schemas.fields import fields as table
from schemas.vocab import load

_HERE = Path(__file__).parent
ARROW = "→"
TIMES = "×"


@dataclass(frozen=True)
class FieldSpec:
    """One row of the page: a (possibly dotted) field name, its label, kind and allowed values."""

    name: str
    label: str
    kind: str
    options: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None

    def as_dict(self) -> dict[str, Any]:
        """The spec as the page's script reads it."""
        return {
            "name": self.name,
            "label": self.label,
            "kind": self.kind,
            "options": list(self.options),
            "min": self.min,
            "max": self.max,
        }


def _spec(entry: FieldDef) -> FieldSpec:
    """The page row of a field-table entry."""
    return FieldSpec(
        name=entry.path,
        label=entry.review,
        kind=entry.review_kind,
        options=entry.allowed,
        min=entry.min,
        max=entry.max,
    )


@cache
def specs() -> dict[str, tuple[FieldSpec, ...]]:
    """Study and patient rows, in display order (the field table's rows with a review label)."""
    rows = [f for f in table() if f.review]
    return {
        "study": tuple(_spec(f) for f in rows if f.scope != "patient"),
        "patient": tuple(_spec(f) for f in rows if f.scope == "patient"),
    }


@cache
def prior_dva_options() -> dict[str, list[str]]:
    """Allowed donor arteries and target veins for the prior-DVA editor."""
    return {"arteries": load("arteries").keys(), "veins": load("veins").keys()}


def get_value(obj: dict, name: str) -> Any:
    """The value at a dotted field name of a dumped model (``reported.n_male``)."""
    for part in name.split("."):
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


def _number(value: float | int) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _stent(stent: Any) -> str:
    if not isinstance(stent, dict):
        return str(stent)
    words = [stent.get("device") or "stent"]
    notes = []
    if stent.get("manufacturer"):
        notes.append(stent["manufacturer"])
    if stent.get("covered") is True:
        notes.append("covered")
    elif stent.get("covered") is False:
        notes.append("bare")
    if notes:
        words.append(f"({', '.join(notes)})")
    diameter, length = stent.get("diameter_mm"), stent.get("length_mm")
    if diameter is not None or length is not None:
        d = "?" if diameter is None else _number(diameter)
        n = "?" if length is None else _number(length)
        words.append(f"{d} {TIMES} {n} mm")
    return " ".join(words)


def format_value(kind: str, value: Any) -> str:
    """A value as the page writes it (and as its editor reads it back); '' for unknown."""
    if value is None or value == []:
        return ""
    if kind == "bool":
        return "yes" if value else "no"
    if kind in ("int", "float"):
        return _number(value)
    if kind in ("text_list", "enum_list", "stents", "prior_dva") and not isinstance(value, list):
        value = [value]
    if kind == "text_list":
        return "; ".join(str(v) for v in value)
    if kind == "enum_list":
        return ", ".join(str(v) for v in value)
    if kind == "stents":
        return "; ".join(_stent(s) for s in value)
    if kind == "prior_dva":
        return "; ".join(_prior(p) for p in value)
    return str(value)


def _prior(prior: Any) -> str:
    if not isinstance(prior, dict):
        return str(prior)
    return f"{prior.get('donor_artery') or '?'} {ARROW} {prior.get('target_vein') or '?'}"
