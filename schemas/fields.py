"""The field table (``fields.toml``): every field of the output contract, named once.

The models, the evaluation, the review page, the export and the codebook read it through
:func:`fields`; :func:`annotation` turns an entry into the type pydantic validates.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

TYPES = ("text", "int", "float", "bool", "doi", "enum", "list")
ITEMS = ("text", "enum", "stent", "prior_dva", "outcome")
SCOPES = ("study", "reported", "patient")
SCORES = ("", "category", "bool", "number", "text", "doi", "list")


@dataclass(frozen=True)
class FieldDef:
    """One field of the contract, as the table describes it."""

    name: str
    scope: str
    type: str
    description: str
    items: str = ""
    vocab: str = ""
    values: tuple[str, ...] = ()
    min: float | None = None
    max: float | None = None
    unit: str = ""
    required: bool = False
    score: str = ""
    only_if_gold: bool = False
    review: str = ""
    export: str = ""

    @property
    def path(self) -> str:
        """Where the value lives in its object: ``reported.n_male`` for a reported field."""
        return f"reported.{self.name}" if self.scope == "reported" else self.name

    @property
    def allowed(self) -> tuple[str, ...]:
        """The allowed values of an enum (or of a list's enum items), else ()."""
        if self.vocab:
            from schemas.vocab import load

            return tuple(load(self.vocab).keys())
        return self.values

    @property
    def review_kind(self) -> str:
        """The kind of the field's row on the review page."""
        if self.type == "list":
            return {"text": "text_list", "enum": "enum_list", "stent": "stents"}.get(
                self.items, self.items
            )
        return {"doi": "text"}.get(self.type, self.type)


def _check(entry: dict) -> FieldDef:
    name = entry.get("name", "?")
    known = set(FieldDef.__dataclass_fields__)
    unknown = set(entry) - known
    if unknown:
        raise ValueError(f"fields.toml: {name}: unknown keys {sorted(unknown)}")
    entry = {**entry, "values": tuple(entry.get("values", ()))}
    field = FieldDef(**entry)
    if field.scope not in SCOPES or field.type not in TYPES or field.score not in SCORES:
        raise ValueError(f"fields.toml: {name}: bad scope, type or score")
    if field.type == "list" and field.items not in ITEMS:
        raise ValueError(f"fields.toml: {name}: a list needs items, one of {ITEMS}")
    if field.type == "enum" and not (field.vocab or field.values):
        raise ValueError(f"fields.toml: {name}: an enum needs a vocab or values")
    return field


@cache
def _table() -> tuple[FieldDef, ...]:
    with open(Path(__file__).with_name("fields.toml"), "rb") as handle:
        return tuple(_check(entry) for entry in tomllib.load(handle)["field"])


def fields(scope: str | None = None) -> tuple[FieldDef, ...]:
    """The fields of ``scope`` (all when None), in output order."""
    return tuple(f for f in _table() if scope is None or f.scope == scope)


def field(scope: str, name: str) -> FieldDef:
    """One field by scope and name."""
    return next(f for f in _table() if f.scope == scope and f.name == name)


def annotation(entry: FieldDef, types: dict[str, Any]) -> Any:
    """The pydantic type of a field; ``types`` holds the vocabulary-checked and object types
    (``vocab:<name>``, ``stent``, ``prior_dva``, ``outcome``, ``sex``)."""
    if entry.type == "list":
        item = {"text": str, "enum": types.get(f"vocab:{entry.vocab}")}.get(entry.items)
        return list[item or types[entry.items]]
    if entry.type == "enum":
        if entry.vocab:
            return types[f"vocab:{entry.vocab}"]
        return types.get(entry.name) or Literal[entry.values]  # type: ignore[valid-type]
    return {"text": str, "doi": str, "int": int, "float": float, "bool": bool}[entry.type]
