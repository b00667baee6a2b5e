"""The scored fields: where each value lives in a result and how it is compared."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

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


def _study(name: str, kind: Kind, item: str | None = None, only_if_gold: bool = False):
    path = tuple(name.split("."))
    return FieldSpec(f"study.{name}", "study", path, kind, item, only_if_gold)


def _patient(name: str, kind: Kind, item: str | None = None):
    return FieldSpec(name, "patient", (name,), kind, item)


STUDY_FIELDS: tuple[FieldSpec, ...] = (
    _study("title", "text", only_if_gold=True),
    _study("authors", "list", item="text", only_if_gold=True),
    _study("first_author", "text", only_if_gold=True),
    _study("journal", "text", only_if_gold=True),
    _study("year", "number"),
    _study("doi", "doi"),
    _study("design", "category"),
    _study("relevance", "category", only_if_gold=True),
    _study("indication", "category"),
    _study("n_patients", "number"),
    _study("reported.mean_age_years", "number"),
    _study("reported.n_female", "number"),
    _study("reported.n_male", "number"),
    _study("reported.median_follow_up_days", "number"),
    _study("reported.outcomes", "list", item="reported_outcome"),
)

PATIENT_FIELDS: tuple[FieldSpec, ...] = (
    _patient("age_years", "number"),
    _patient("sex", "category"),
    _patient("risk_factors", "list", item="category"),
    _patient("indication", "category"),
    _patient("rutherford_presentation", "category"),
    _patient("rutherford_pre_dva", "category"),
    _patient("donor_artery", "category"),
    _patient("target_vein", "category"),
    _patient("prior_dva", "list", item="prior_dva"),
    _patient("stents", "list", item="stent"),
    _patient("amputation", "category"),
    _patient("major_amputation", "bool"),
    _patient("reintervention", "bool"),
    _patient("death", "bool"),
    _patient("follow_up_days", "number"),
    _patient("days_to_major_amputation", "number"),
    _patient("days_to_death", "number"),
)

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
