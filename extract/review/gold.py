"""Reading a gold file and marking where the extracted values disagree with it.

A gold file annotates a field only where the paper states it; a field that no gold patient
annotates is left unmarked ("unannotated") rather than counted as a disagreement.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from extract.errors import GoldError
from extract.review.spec import format_value, get_value, specs
from schemas.models import ExtractionResult, GoldDocument

TOLERANCE = 0.05
_ID_PREFIX = re.compile(r"^(?:patient|case|pt\.?|no\.?|#)\s*", re.IGNORECASE)
_NOT_COMPARED = {"patient_id", "evidence", "also_ok"}


@dataclass
class Mark:
    """How one extracted value stands against gold."""

    status: str  # agree | also_ok | disagree
    gold: Any
    gold_text: str


@dataclass
class Comparison:
    """Marks for study facts and for each extracted patient (by patient_id)."""

    study: dict[str, Mark] = field(default_factory=dict)
    patients: dict[str, dict[str, Mark]] = field(default_factory=dict)
    gold_only: list[str] = field(default_factory=list)
    not_in_gold: list[str] = field(default_factory=list)

    @property
    def n_disagree(self) -> int:
        """Number of values that differ from gold."""
        marks = [*self.study.values(), *(m for p in self.patients.values() for m in p.values())]
        return sum(m.status == "disagree" for m in marks)


def load_gold(gold: str | os.PathLike | GoldDocument) -> GoldDocument:
    """A gold document from a path (or as given), or a one-line :class:`GoldError`."""
    if isinstance(gold, GoldDocument):
        return gold
    path = Path(gold)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise GoldError(f"{path}: no such gold file") from None
    except IsADirectoryError:
        raise GoldError(f"{path}: is a directory, expected a gold JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GoldError(f"{path}: cannot be read ({exc})") from None
    except json.JSONDecodeError as exc:
        raise GoldError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    try:
        return GoldDocument.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "document"
        raise GoldError(f"{path}: not a gold file ({where}: {first['msg']})") from None


def _fold(value: Any) -> str:
    return re.sub(r"[\s_-]+", " ", str(value)).strip().casefold()


def _close(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return abs(float(a) - float(b)) <= TOLERANCE
    return _fold(a) == _fold(b)


def _stents_same(got: list[dict], want: list[dict]) -> bool:
    """Same number of stents, each gold stent matched by one extracted stent on its given keys."""
    if len(got) != len(want):
        return False
    left = list(got)
    for stent in want:
        keys = [k for k, v in stent.items() if v is not None]
        hit = next(
            (s for s in left if all(s.get(k) is not None and _close(s[k], stent[k]) for k in keys)),
            None,
        )
        if hit is None:
            return False
        left.remove(hit)
    return True


def same(kind: str, got: Any, want: Any) -> bool:
    """Whether an extracted value equals a gold value of a field of this kind."""
    if got in (None, []) or want in (None, []):
        return got in (None, []) and want in (None, [])
    if kind == "enum_list":
        return {_fold(v) for v in got} == {_fold(v) for v in want}
    if kind == "text_list":
        return [_fold(v) for v in got] == [_fold(v) for v in want]
    if kind == "stents":
        return _stents_same(list(got), [dict(s) for s in want])
    if kind == "prior_dva":
        pairs = sorted((_fold(p.get("donor_artery")), _fold(p.get("target_vein"))) for p in got)
        return pairs == sorted(
            (_fold(p.get("donor_artery")), _fold(p.get("target_vein"))) for p in want
        )
    return _close(got, want)


def _mark(kind: str, got: Any, want: Any, also_ok: list[Any]) -> Mark:
    text = format_value(kind, want)
    if same(kind, got, want):
        return Mark("agree", want, text)
    if any(same(kind, got, ok) for ok in also_ok):
        return Mark("also_ok", want, text)
    return Mark("disagree", want, text)


def patient_key(patient_id: str) -> str:
    """A patient label without 'Patient'/'Case' and case, for matching to gold."""
    return _ID_PREFIX.sub("", patient_id.strip()).strip().casefold()


def _study_fields(gold: GoldDocument) -> set[str]:
    named = set(gold.study.model_fields_set) - {"evidence", "reported"}
    if "reported" in gold.study.model_fields_set:
        named |= {s.name for s in specs()["study"] if s.name.startswith("reported.")}
    return named


def compare(result: ExtractionResult, gold: GoldDocument) -> Comparison:
    """Marks for every extracted value of a field the gold annotates."""
    out = Comparison()
    got_study, want_study = result.study.model_dump(), gold.study.model_dump()
    named = _study_fields(gold)
    for spec in specs()["study"]:
        if spec.name in named:
            got, want = get_value(got_study, spec.name), get_value(want_study, spec.name)
            out.study[spec.name] = _mark(spec.kind, got, want, [])
    annotated = set().union(*(p.model_fields_set for p in gold.patients)) - _NOT_COMPARED
    by_key = {patient_key(p.patient_id): p for p in gold.patients}
    seen = set()
    for patient in result.patients:
        key = patient_key(patient.patient_id)
        want_patient = by_key.get(key)
        if want_patient is None:
            out.not_in_gold.append(patient.patient_id)
            continue
        seen.add(key)
        got, want = patient.model_dump(), want_patient.model_dump()
        out.patients[patient.patient_id] = {
            spec.name: _mark(
                spec.kind,
                got.get(spec.name),
                want.get(spec.name),
                want_patient.also_ok.get(spec.name, []),
            )
            for spec in specs()["patient"]
            if spec.name in annotated
        }
    out.gold_only = [p.patient_id for p in gold.patients if patient_key(p.patient_id) not in seen]
    return out
