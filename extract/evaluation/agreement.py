"""Agreement between two human annotations: percent agreement and Cohen's kappa per field."""

from __future__ import annotations

import math
import warnings
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Any

from extract.evaluation.align import align_patients
from extract.evaluation.fields import ALL_FIELDS, FieldSpec
from extract.evaluation.gold import GoldView
from extract.evaluation.values import match_multiset, values_equal

NOT_STATED = "(not stated)"


def cohen_kappa(a: Sequence[Hashable], b: Sequence[Hashable]) -> float | None:
    """Cohen's kappa of two raters' labels for the same items (scikit-learn's
    ``cohen_kappa_score``; None when undefined, e.g. both raters used one same label)."""
    if len(a) != len(b):
        raise ValueError("both raters must label the same items")
    if not a:
        return None
    labels_a, labels_b = [repr(x) for x in a], [repr(x) for x in b]  # mixed types, one order
    if len(set(labels_a) | set(labels_b)) < 2:
        return None
    from sklearn.metrics import cohen_kappa_score

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        kappa = float(cohen_kappa_score(labels_a, labels_b))
    return None if math.isnan(kappa) else kappa


@dataclass
class FieldAgreement:
    """Paired labels of one field across the aligned items."""

    spec: FieldSpec
    agree: int = 0
    n: int = 0
    labels_a: list[Hashable] | None = None
    labels_b: list[Hashable] | None = None

    @property
    def percent(self) -> float | None:
        """Share of items on which both annotations agree, in percent."""
        return 100.0 * self.agree / self.n if self.n else None

    @property
    def kappa(self) -> float | None:
        """Cohen's kappa (categorical fields only)."""
        if not self.spec.is_categorical or not self.labels_a:
            return None
        return cohen_kappa(self.labels_a, self.labels_b or [])


def _label(value: Any) -> Hashable:
    return NOT_STATED if value is None else value


def _same(spec: FieldSpec, a: Any, b: Any) -> bool:
    if spec.is_list:
        return len(a) == len(b) and len(match_multiset(spec.item, a, b)) == len(a)
    return values_equal(spec, a, b)


def _add(result: FieldAgreement, a_obj: Any, b_obj: Any) -> None:
    spec = result.spec
    a, b = spec.get(a_obj), spec.get(b_obj)
    if spec.only_if_gold and not a and not b:
        return
    result.n += 1
    result.agree += int(_same(spec, a, b))
    if spec.is_categorical:
        result.labels_a = [*(result.labels_a or []), _label(a)]
        result.labels_b = [*(result.labels_b or []), _label(b)]


def compare(pairs: Sequence[tuple[GoldView, GoldView]]) -> list[FieldAgreement]:
    """Per-field agreement pooled over pairs of annotations of the same papers."""
    results = {spec.name: FieldAgreement(spec) for spec in ALL_FIELDS}
    for first, second in pairs:
        a, b = first.doc, second.doc
        for spec in ALL_FIELDS:
            if spec.scope == "study":
                _add(results[spec.name], a.study, b.study)
        for i, j in align_patients(a.patients, b.patients, second.patient_alts):
            pa = a.patients[i] if i is not None else None
            pb = b.patients[j] if j is not None else None
            for spec in ALL_FIELDS:
                if spec.scope == "patient":
                    _add(results[spec.name], pa, pb)
    return [r for r in results.values() if r.n]


def render(results: list[FieldAgreement], title: str) -> str:
    """A plain-text agreement table."""
    width = max([len(r.spec.name) for r in results] + [len("field")])
    head = f"{'field':<{width}}  items  agree  percent   kappa"
    lines = [title, head, "-" * len(head)]
    for r in results:
        kappa = "      -" if r.kappa is None else f"{r.kappa:7.3f}"
        percent = "      -" if r.percent is None else f"{r.percent:6.1f}%"
        lines.append(f"{r.spec.name:<{width}}  {r.n:5d}  {r.agree:5d}  {percent}  {kappa}")
    n, agree = sum(r.n for r in results), sum(r.agree for r in results)
    overall = f"{100.0 * agree / n:6.1f}%" if n else "      -"
    lines.append("-" * len(head))
    lines.append(f"{'all fields':<{width}}  {n:5d}  {agree:5d}  {overall}")
    return "\n".join(lines) + "\n"


def to_json(results: list[FieldAgreement]) -> dict[str, Any]:
    """The agreement table as plain JSON data."""
    n, agree = sum(r.n for r in results), sum(r.agree for r in results)
    return {
        "fields": {
            r.spec.name: {"items": r.n, "agree": r.agree, "percent": r.percent, "kappa": r.kappa}
            for r in results
        },
        "overall": {"items": n, "agree": agree, "percent": 100.0 * agree / n if n else None},
    }
