"""Scoring one prediction against one gold document: per-field TP/FP/FN and the wrong values."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from extract.dataset.labels import with_labels
from extract.evaluation.align import align_patients
from extract.evaluation.fields import ALL_FIELDS, PATIENT_FIELDS, STUDY_FIELDS, FieldSpec
from extract.evaluation.gold import GoldView
from extract.evaluation.values import describe, match_multiset, values_equal
from schemas.models import ExtractionResult


@dataclass
class Counts:
    """True/false positives and negatives of one field, plus exact-match slots."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    slots: int = 0

    def add(self, other: Counts) -> None:
        """Accumulate another field's counts into this one."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.exact += other.exact
        self.slots += other.slots

    @property
    def support(self) -> int:
        """Gold values (or gold list items) that were scored."""
        return self.tp + self.fn

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP), None when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN), None when gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """2TP / (2TP + FP + FN), None when there is nothing to score."""
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    @property
    def exact_rate(self) -> float | None:
        """Share of slots where the prediction equals gold (null = null counts)."""
        return self.exact / self.slots if self.slots else None


@dataclass
class ErrorItem:
    """One wrong, missing or extra value."""

    paper: str
    field: str
    kind: str
    got: str
    expected: str
    patient: str | None = None
    pred_patient: str | None = None
    evidence: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return asdict(self)


@dataclass
class PaperScore:
    """The scores of one paper."""

    name: str
    group: str = "other"
    fields: dict[str, Counts] = field(default_factory=dict)
    errors: list[ErrorItem] = field(default_factory=list)
    n_gold_patients: int = 0
    n_pred_patients: int = 0
    n_matched: int = 0
    error: str | None = None

    def total(self) -> Counts:
        """Micro totals over every field."""
        total = Counts()
        for counts in self.fields.values():
            total.add(counts)
        return total


def _score_scalar(spec: FieldSpec, got: Any, expected: Any, alts: list[Any]) -> tuple[Counts, str]:
    """Counts for one value and the error kind ('' when right or both null)."""
    if got is None:
        return (
            (Counts(fn=1, slots=1), "missing")
            if expected is not None
            else (
                Counts(exact=1, slots=1),
                "",
            )
        )
    if expected is None:
        if any(values_equal(spec, got, ok) for ok in alts):
            return Counts(exact=1, slots=1), ""
        return Counts(fp=1, slots=1), "extra"
    if any(values_equal(spec, got, ok) for ok in [expected, *alts]):
        return Counts(tp=1, exact=1, slots=1), ""
    return Counts(fp=1, fn=1, slots=1), "wrong"


def _score_list(
    spec: FieldSpec, got: list, expected: list, alts: list[Any]
) -> tuple[Counts, list, list]:
    """Counts for a multiset against the best-fitting accepted reading, and its leftovers."""
    best: tuple | None = None
    for reading in [expected, *alts]:
        reading = list(reading or [])
        pairs = match_multiset(spec.item, got, reading)
        tp = len(pairs)
        counts = Counts(tp=tp, fp=len(got) - tp, fn=len(reading) - tp, slots=1)
        counts.exact = int(counts.fp == 0 and counts.fn == 0)
        used_p, used_g = {p for p, _ in pairs}, {g for _, g in pairs}
        extra = [item for i, item in enumerate(got) if i not in used_p]
        missing = [item for j, item in enumerate(reading) if j not in used_g]
        key = (tp, -(counts.fp + counts.fn))
        if best is None or key > best[0]:
            best = (key, counts, extra, missing)
    assert best is not None
    return best[1], best[2], best[3]


def _quote(obj: Any, spec: FieldSpec) -> str | None:
    evidence = getattr(obj, "evidence", None) or {}
    for key in (spec.path[-1], ".".join(spec.path), spec.name):
        items = evidence.get(key)
        if items:
            return items[0].quote
    return None


def _score_object(
    score: PaperScore,
    specs: tuple[FieldSpec, ...],
    pred: Any,
    gold: Any,
    alts: dict[str, list[Any]],
    ids: tuple[str | None, str | None],
) -> None:
    """Score every field of one (pred, gold) study or patient pair into ``score``."""
    for spec in specs:
        got, expected = spec.get(pred), spec.get(gold)
        if spec.only_if_gold and not expected:
            continue
        counts = score.fields.setdefault(spec.name, Counts())
        field_alts = alts.get(spec.name, [])
        if spec.is_list:
            result, extra, missing = _score_list(spec, got, expected, field_alts)
            counts.add(result)
            if extra or missing:
                kind = "wrong" if extra and missing else ("extra" if extra else "missing")
                shown = (describe(extra), describe(missing))
            else:
                continue
        else:
            result, kind = _score_scalar(spec, got, expected, field_alts)
            counts.add(result)
            if not kind:
                continue
            shown = (describe(got), describe(expected))
        score.errors.append(
            ErrorItem(
                paper=score.name,
                field=spec.name,
                kind=kind,
                got=shown[0],
                expected=shown[1],
                patient=ids[1],
                pred_patient=ids[0],
                evidence=_quote(pred, spec) if pred is not None else None,
            )
        )


def empty_scores(name: str, group: str = "other") -> PaperScore:
    """A PaperScore with every always-scored field present (so tables list them all)."""
    score = PaperScore(name=name, group=group)
    for spec in ALL_FIELDS:
        if not spec.only_if_gold:
            score.fields[spec.name] = Counts()
    return score


def score_document(
    pred: ExtractionResult | None, gold: GoldView, name: str = "", group: str = "other"
) -> PaperScore:
    """Score a prediction (None: extraction failed) against a gold view."""
    score = empty_scores(name, group)
    doc = gold.doc
    study = with_labels(pred.study) if pred else None  # first_author as the export gives it
    _score_object(score, STUDY_FIELDS, study, doc.study, gold.study_alts, (None, None))
    preds = list(pred.patients) if pred else []
    score.n_gold_patients, score.n_pred_patients = len(doc.patients), len(preds)
    for i, j in align_patients(preds, doc.patients, gold.patient_alts):
        p = preds[i] if i is not None else None
        g = doc.patients[j] if j is not None else None
        score.n_matched += int(p is not None and g is not None)
        alts = gold.patient_alts[j] if j is not None else {}
        ids = (p.patient_id if p else None, g.patient_id if g else None)
        _score_object(score, PATIENT_FIELDS, p, g, alts, ids)
    return score
