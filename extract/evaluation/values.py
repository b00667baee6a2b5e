"""Value normalisation and comparison for scoring (numbers, text, DOIs, stents, multisets)."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from extract.evaluation.fields import FieldSpec
from schemas.vocab import load

ABS_TOLERANCE = 0.05
REL_TOLERANCE = 0.01
_DOI_PREFIX = re.compile(r"(?i)^\s*(https?://(dx\.)?doi\.org/|doi:\s*)")


def numbers_equal(a: Any, b: Any) -> bool:
    """Equal within 0.05 absolute or 1% relative (None equals only None)."""
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    return abs(a - b) <= max(ABS_TOLERANCE, REL_TOLERANCE * max(abs(a), abs(b)))


def fold_text(value: Any) -> str:
    """Case-, whitespace- and full-stop-insensitive form of a written value."""
    text = str(value).casefold().replace(".", " ")
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def fold_doi(value: Any) -> str:
    """A DOI without its resolver prefix, case-folded."""
    return _DOI_PREFIX.sub("", str(value)).strip().rstrip(".").casefold()


def device_key(name: Any) -> str | None:
    """A device brand through the devices vocabulary, else case-folded as written."""
    if name is None or not str(name).strip():
        return None
    return load("devices").normalize(name) or fold_text(name)


def _attr(item: Any, name: str) -> Any:
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def stents_match(pred: Any, gold: Any) -> bool:
    """Same diameter and length; same device when both name one."""
    if not numbers_equal(_attr(pred, "diameter_mm"), _attr(gold, "diameter_mm")):
        return False
    if not numbers_equal(_attr(pred, "length_mm"), _attr(gold, "length_mm")):
        return False
    a, b = device_key(_attr(pred, "device")), device_key(_attr(gold, "device"))
    return a is None or b is None or a == b


def items_match(kind: str | None, pred: Any, gold: Any) -> bool:
    """Whether a predicted list item counts for a gold list item."""
    if kind == "stent":
        return stents_match(pred, gold)
    if kind == "prior_dva":
        return (_attr(pred, "donor_artery"), _attr(pred, "target_vein")) == (
            _attr(gold, "donor_artery"),
            _attr(gold, "target_vein"),
        )
    if kind == "text":
        return fold_text(pred) == fold_text(gold)
    if kind == "reported_outcome":  # same outcome, events and total; the time is not scored
        keys = ("outcome", "events", "total")
        return [_attr(pred, k) for k in keys] == [_attr(gold, k) for k in keys]
    return pred == gold


def values_equal(spec: FieldSpec, pred: Any, gold: Any) -> bool:
    """Whether two non-list values of a field are the same after normalisation."""
    if pred is None or gold is None:
        return pred is None and gold is None
    if spec.kind == "number":
        return numbers_equal(pred, gold)
    if spec.kind == "text":
        return fold_text(pred) == fold_text(gold)
    if spec.kind == "doi":
        return fold_doi(pred) == fold_doi(gold)
    return pred == gold


def match_multiset(kind: str | None, pred: list, gold: list) -> list[tuple[int, int]]:
    """A largest set of (pred index, gold index) pairs whose items match, each used once."""
    if not pred or not gold:
        return []
    ok = np.array([[items_match(kind, p, g) for g in gold] for p in pred], dtype=float)
    rows, cols = linear_sum_assignment(ok, maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if ok[r, c] > 0]


def describe(value: Any) -> str:
    """A short human-readable form of a value or list item for error listings."""
    if value is None:
        return "null"
    if isinstance(value, list):
        return "[" + ", ".join(describe(v) for v in value) + "]"
    if hasattr(value, "model_dump"):
        value = value.model_dump(exclude_none=True)
    if isinstance(value, dict):
        if "diameter_mm" in value or "length_mm" in value:
            size = f"{_num(value.get('diameter_mm'))}x{_num(value.get('length_mm'))} mm"
            return f"{value.get('device') or '?'} {size}"
        if "outcome" in value and "events" in value:
            when = f" @{_num(value['time_days'])}d" if value.get("time_days") is not None else ""
            return f"{value['outcome']} {value['events']}/{value.get('total')}{when}"
        if "donor_artery" in value or "target_vein" in value:
            return f"{value.get('donor_artery')}->{value.get('target_vein')}"
        return str(value)
    if isinstance(value, float):
        return _num(value)
    return str(value)


def _num(value: Any) -> str:
    if value is None:
        return "?"
    return f"{float(value):g}"
