"""Double extraction: two reviewers' exports of one paper give a consensus file and the
disagreements left to settle.

Values are compared as ``evaluate.py --agreement`` compares them (same fields, tolerances and
patient pairing). A value both reviewers give stands in the consensus (with reviewer A's
evidence); a value they disagree on is left out of it (unknown) and listed to settle, and so is
a patient only one of them kept.
"""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.atomic import atomic_write_text
from extract.evaluation.align import align_patients
from extract.evaluation.fields import PATIENT_FIELDS, STUDY_FIELDS, FieldSpec
from extract.evaluation.gold import GoldView
from extract.evaluation.values import match_multiset, values_equal

COLUMNS = ["paper", "patient_a", "patient_b", "field", "value_a", "value_b"]


@dataclass
class Disagreement:
    """One value the two reviewers read differently (or a patient only one of them kept)."""

    paper: str
    patient_a: str | None
    patient_b: str | None
    field: str
    value_a: Any
    value_b: Any

    def row(self) -> dict[str, Any]:
        """The disagreement as a row of the list to settle (values as JSON text)."""
        return {
            "paper": self.paper,
            "patient_a": self.patient_a,
            "patient_b": self.patient_b,
            "field": self.field,
            "value_a": _text(self.value_a),
            "value_b": _text(self.value_b),
        }


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _dump(value: Any) -> Any:
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return (
        value.model_dump(mode="json", exclude={"evidence"})
        if hasattr(value, "model_dump")
        else value
    )


def _same(spec: FieldSpec, a: Any, b: Any) -> bool:
    """Equal as the agreement counts it (tolerances; lists as multisets)."""
    if spec.is_list:
        return len(a) == len(b) and len(match_multiset(spec.item, a, b)) == len(a)
    return values_equal(spec, a, b)


def _set(target: dict, spec: FieldSpec, value: Any) -> None:
    for part in spec.path[:-1]:
        target = target.setdefault(part, {})
    target[spec.path[-1]] = value


def _compare(
    specs: tuple[FieldSpec, ...], a: Any, b: Any, out: dict, evidence: dict, where: tuple
) -> list[Disagreement]:
    """Fill ``out`` with the agreed values of ``a`` and ``b``; the disagreements."""
    found = []
    for spec in specs:
        va, vb = spec.get(a), spec.get(b)
        if spec.only_if_gold and not va and not vb:
            continue
        key = ".".join(spec.path)
        if _same(spec, va, vb):
            if va not in (None, []):
                _set(out, spec, _dump(va))
                if key in a.evidence:
                    evidence[key] = [e.model_dump(mode="json") for e in a.evidence[key]]
        else:
            found.append(Disagreement(where[0], where[1], where[2], key, _dump(va), _dump(vb)))
    return found


def consensus(a: GoldView, b: GoldView, paper: str) -> tuple[dict[str, Any], list[Disagreement]]:
    """The consensus document of two reviews of ``paper`` and the disagreements to settle."""
    doc_a, doc_b = a.doc, b.doc
    study: dict[str, Any] = {"evidence": {}}
    issues = _compare(
        STUDY_FIELDS, doc_a.study, doc_b.study, study, study["evidence"], (paper, None, None)
    )
    patients = []
    for i, j in align_patients(doc_a.patients, doc_b.patients, b.patient_alts):
        pa = doc_a.patients[i] if i is not None else None
        pb = doc_b.patients[j] if j is not None else None
        if pa is None or pb is None:
            issues.append(
                Disagreement(
                    paper,
                    pa.patient_id if pa else None,
                    pb.patient_id if pb else None,
                    "patient",
                    "kept" if pa else "left out",
                    "kept" if pb else "left out",
                )
            )
            continue
        patient: dict[str, Any] = {"patient_id": pa.patient_id, "evidence": {}}
        where = (paper, pa.patient_id, pb.patient_id)
        issues += _compare(PATIENT_FIELDS, pa, pb, patient, patient["evidence"], where)
        patients.append(patient)
    agreed = sum(len(p) - 2 for p in patients)
    data = {
        "_about": f"Consensus of {a.path.name} and {b.path.name} for {paper}: values both "
        f"reviewers gave stand ({agreed} patient values agreed); {len(issues)} disagreement(s) "
        "left out, to settle.",
        "schema_version": "1.0",
        "source": _source(doc_a, doc_b),
        "study": study,
        "patients": patients,
        "conflicts": [],
        "warnings": [],
    }
    return data, issues


def _source(a: Any, b: Any) -> dict[str, Any] | None:
    """Reviewer A's source when both reviewed the same file."""
    if a.source is not None and b.source is not None and a.source.sha256 == b.source.sha256:
        return a.source.model_dump(mode="json")
    return None


def write_disagreements(rows: list[Disagreement], path: str | os.PathLike) -> None:
    """The disagreements as CSV (``.csv``) or JSON (any other name), written atomically."""
    target = Path(path)
    data = [d.row() for d in rows]
    if target.suffix.lower() == ".csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(data)
        atomic_write_text(target, buffer.getvalue())
    else:
        atomic_write_text(target, json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_consensus(data: dict[str, Any], path: str | os.PathLike) -> None:
    """Write a consensus document (the gold format) atomically."""
    atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
