"""Aligning predicted patients with gold patients by maximum-weight matching."""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from extract.evaluation.fields import PATIENT_FIELDS
from extract.evaluation.values import match_multiset, values_equal

ID_BONUS = 0.25


def _same_id(a: Any, b: Any) -> bool:
    return str(a).strip().casefold() == str(b).strip().casefold()


def agreement(pred: Any, gold: Any, alts: dict[str, list[Any]] | None = None) -> float:
    """How many non-null fields two patients agree on (lists count by overlap), + an id bonus."""
    alts = alts or {}
    weight = 0.0
    for spec in PATIENT_FIELDS:
        got, expected = spec.get(pred), spec.get(gold)
        if spec.is_list:
            if got and expected:
                weight += len(match_multiset(spec.item, got, expected)) / max(
                    len(got), len(expected)
                )
            continue
        if got is None or expected is None:
            continue
        if any(values_equal(spec, got, ok) for ok in [expected, *alts.get(spec.name, [])]):
            weight += 1.0
    if _same_id(pred.patient_id, gold.patient_id):
        weight += ID_BONUS
    return weight


def align_patients(
    preds: list[Any], golds: list[Any], alts: list[dict[str, list[Any]]] | None = None
) -> list[tuple[int | None, int | None]]:
    """(pred index, gold index) pairs: matched pairs first, then unmatched on either side."""
    alts = alts or [{} for _ in golds]
    pairs: list[tuple[int | None, int | None]] = []
    if preds and golds:
        weights = np.array(
            [[agreement(p, g, alts[j]) for j, g in enumerate(golds)] for p in preds], dtype=float
        )
        rows, cols = linear_sum_assignment(weights, maximize=True)
        pairs = [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if weights[r, c] > 0]
        pairs.sort(key=lambda pair: pair[1])
    matched_p = {p for p, _ in pairs}
    matched_g = {g for _, g in pairs}
    pairs += [(None, j) for j in range(len(golds)) if j not in matched_g]
    pairs += [(i, None) for i in range(len(preds)) if i not in matched_p]
    return pairs
