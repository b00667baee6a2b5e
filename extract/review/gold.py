"""Marking where extracted values disagree with a gold file, by the rules `evaluate.py` scores.

Gold is read and validated by ``extract.evaluation.gold`` (same errors, same accepted
alternatives from ``also_ok`` and gold ``conflicts``, same study-indication fallback); patients are
paired by the same maximum-weight matching, and values compared with the same tolerances. A cell
is marked exactly where `evaluate.py` would count a false positive or a false negative.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

from extract.evaluation.align import align_patients
from extract.evaluation.fields import FieldSpec as ScoredField
from extract.evaluation.fields import patient_field, study_field
from extract.evaluation.gold import GoldView, gold_from_data
from extract.evaluation.gold import load_gold as _load_gold
from extract.evaluation.values import match_multiset, values_equal
from extract.review.spec import format_value, specs
from schemas.models import ExtractionResult, GoldDocument


@dataclass
class Mark:
    """How one extracted value stands against gold: agree, also_ok or disagree."""

    status: str
    gold: Any
    gold_text: str


@dataclass
class Comparison:
    """Marks for study facts and for each extracted patient (by index in the result)."""

    study: dict[str, Mark] = field(default_factory=dict)
    patients: dict[int, dict[str, Mark]] = field(default_factory=dict)
    gold_only: list[str] = field(default_factory=list)
    not_in_gold: list[int] = field(default_factory=list)
    pairs: dict[int, str] = field(default_factory=dict)

    @property
    def n_disagree(self) -> int:
        """Number of values that differ from gold."""
        marks = [*self.study.values(), *(m for p in self.patients.values() for m in p.values())]
        return sum(m.status == "disagree" for m in marks)


def load_gold(gold: str | os.PathLike | GoldDocument | GoldView) -> GoldView:
    """A validated gold file (or document), or the one-line GoldError evaluate.py gives."""
    if isinstance(gold, GoldView):
        return gold
    if isinstance(gold, GoldDocument):
        return gold_from_data(gold.model_copy(deep=True))
    return _load_gold(gold)


def _dump(value: Any) -> Any:
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value.model_dump(exclude={"evidence"}) if hasattr(value, "model_dump") else value


def _equal(spec: ScoredField, got: Any, want: Any) -> bool:
    if spec.is_list:
        got, want = list(got or []), list(want or [])
        return len(got) == len(want) == len(match_multiset(spec.item, got, want))
    return values_equal(spec, got, want)


def _mark(spec: ScoredField, kind: str, got_obj: Any, want_obj: Any, alts: list[Any]) -> Mark:
    got, want = spec.get(got_obj), spec.get(want_obj)
    shown = _dump(want)
    if _equal(spec, got, want):
        return Mark("agree", shown, format_value(kind, shown))
    if any(_equal(spec, got, ok) for ok in alts):
        return Mark("also_ok", shown, format_value(kind, shown))
    return Mark("disagree", shown, format_value(kind, shown))


def compare(result: ExtractionResult, gold: GoldView) -> Comparison:
    """A mark for every value evaluate.py scores against this gold file."""
    out = Comparison()
    for row in specs()["study"]:
        spec = study_field(row.name)
        if spec is None or (spec.only_if_gold and not spec.get(gold.doc.study)):
            continue
        alts = gold.study_alts.get(spec.name, [])
        out.study[row.name] = _mark(spec, row.kind, result.study, gold.doc.study, alts)
    golds = gold.doc.patients
    for p, g in align_patients(result.patients, golds, gold.patient_alts):
        if p is None:
            out.gold_only.append(golds[g].patient_id)
        elif g is None:
            out.not_in_gold.append(p)
        else:
            out.pairs[p] = golds[g].patient_id
            marks = {}
            for row in specs()["patient"]:
                spec = patient_field(row.name)
                if spec is not None:
                    alts = gold.patient_alts[g].get(spec.name, [])
                    marks[row.name] = _mark(spec, row.kind, result.patients[p], golds[g], alts)
            out.patients[p] = marks
    return out
