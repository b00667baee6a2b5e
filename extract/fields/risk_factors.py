"""Risk factors (comorbidities) of a patient, negation, family history and patients in general
respected."""

from __future__ import annotations

from extract.document import Document
from extract.fields.candidates import FieldValues
from extract.fields.cues import regex
from extract.patients import PatientScope
from extract.vocab.ruler import lookup_long_form
from schemas.vocab import load


def _affirmed(span) -> bool:
    return not (span._.negated or span._.hypothetical or span._.family or span._.others)


def _column_factor(unit) -> str | None:
    """The risk factor a yes/no column is named for ("DM", "Smoking", "HD": hemodialysis)."""
    label = (unit.label or "").strip()
    key = load("risk_factors").normalize(label)
    if key is None:
        long_form = (unit.doc._.abbrevs or {}).get(label) if unit.doc else None
        hit = lookup_long_form(long_form) if long_form else None
        key = hit[1] if hit and hit[0] == "risk_factors" else None
    return key


def extract_risk_factors(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``risk_factors``: the union of table cells and the patient's narrative."""
    found: dict[str, list] = {}
    for unit in scope.units:
        if unit.section_kind == "figures":
            continue
        if unit.source == "table" and "risk" not in unit.families:
            key = _column_factor(unit)
            if key and regex("outcome", "present_cell").search(unit.text):
                found.setdefault(key, []).append(unit.evidence(doc, 0, len(unit.text)))
            continue
        for span in unit.spans("vocab", "risk_factors"):
            if _affirmed(span):
                found.setdefault(span.kb_id_, []).append(unit.span_evidence(doc, span))
    vocab = load("risk_factors")
    for key in list(found):
        for other in vocab.attr(key, "supersedes", []):
            found.pop(other, None)
    keys = [k for k in vocab.keys() if k in found]
    out.put("risk_factors", keys, [ev for k in keys for ev in found[k][:2]])
