"""Risk factors (comorbidities) of a patient, negation and family history respected."""

from __future__ import annotations

from extract.document import Document
from extract.fields.candidates import FieldValues
from extract.fields.patients import PatientScope
from extract.vocab import load


def _affirmed(span) -> bool:
    return not (span._.negated or span._.hypothetical or span._.family)


def extract_risk_factors(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``risk_factors``: the union of table cells and the patient's narrative."""
    found: dict[str, list] = {}
    for unit in scope.units:
        if unit.section_kind == "figures":
            continue
        if unit.source == "table" and "risk" not in unit.families:
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
