"""The scored fields: where each value lives in a result and how it is compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from schemas.fields import FieldDef
from schemas.fields import fields as table

Scope = Literal["study", "patient"]
Kind = Literal["category", "bool", "number", "text", "doi", "list"]


@dataclass(frozen=True)
class FieldSpec:
    """One scored field of the output contract."""

    name: str
    scope: Scope
    path: tuple[str, ...]
    kind: Kind
    item: str | None = None
    only_if_gold: bool = False

    @property
    def is_list(self) -> bool:
        """Scored as a multiset of items rather than one value."""
        return self.kind == "list"

    @property
    def is_categorical(self) -> bool:
        """A closed set of values (used for Cohen's kappa)."""
        return self.kind in ("category", "bool")

    @property
    def conflict_names(self) -> tuple[str, ...]:
        """Names under which a ``conflicts`` entry may refer to this field."""
        dotted = ".".join(self.path)
        return (dotted, f"{self.scope}.{dotted}", self.path[-1])

    def get(self, obj: Any) -> Any:
        """The field's value on a Study or Patient model (or None for a missing object)."""
        value = obj
        for part in self.path:
            if value is None:
                break
            value = getattr(value, part, None)
        if self.is_list:
            return list(value or [])
        return value


def _spec(entry: FieldDef) -> FieldSpec:
    """The scored field of a field-table entry."""
    item = {"enum": "category", "outcome": "reported_outcome"}.get(entry.items, entry.items) or None
    if entry.scope == "patient":
        return FieldSpec(entry.name, "patient", (entry.name,), entry.score, item)
    path = tuple(entry.path.split("."))
    return FieldSpec(f"study.{entry.path}", "study", path, entry.score, item, entry.only_if_gold)


STUDY_FIELDS: tuple[FieldSpec, ...] = tuple(
    _spec(f) for f in table() if f.scope != "patient" and f.score
)
PATIENT_FIELDS: tuple[FieldSpec, ...] = tuple(_spec(f) for f in table("patient") if f.score)

ALL_FIELDS: tuple[FieldSpec, ...] = STUDY_FIELDS + PATIENT_FIELDS
BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in ALL_FIELDS}


def patient_field(name: str) -> FieldSpec | None:
    """The patient field called ``name`` (bare or ``patient.``-prefixed), or None."""
    bare = name.removeprefix("patient.").removeprefix("patients.")
    spec = BY_NAME.get(bare)
    return spec if spec is not None and spec.scope == "patient" else None


def study_field(name: str) -> FieldSpec | None:
    """The study field called ``name`` (``doi``, ``reported.n_male``, ``study.doi``), or None."""
    spec = BY_NAME.get(name if name.startswith("study.") else f"study.{name}")
    if spec is None:
        spec = next((s for s in STUDY_FIELDS if s.path[-1] == name), None)
    return spec
