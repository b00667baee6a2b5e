"""Rutherford class at presentation and just before DVA."""

from __future__ import annotations

from extract.document import Document
from extract.fields.candidates import Candidate, FieldValues
from extract.fields.cues import regex
from extract.fields.patients import PatientScope
from extract.vocab import rutherford_key


def _table(scope: PatientScope, doc: Document) -> tuple[list[Candidate], list[Candidate]]:
    presentation, pre_dva = [], []
    for unit in scope.table_units():
        if "rutherford" not in unit.families:
            continue
        key = rutherford_key(unit.text)
        spans = unit.spans("measures", "RUTHERFORD")
        if key is None and spans:
            key = spans[0]._.value
        if key is None:
            continue
        cand = Candidate(key, [unit.evidence(doc, 0, len(unit.text))], "table")
        (pre_dva if "rutherford_pre_dva" in unit.families else presentation).append(cand)
    return presentation, pre_dva


def _text(scope: PatientScope, doc: Document) -> tuple[list[Candidate], list[Candidate]]:
    mentions = []
    for unit in scope.text_units():
        if unit.section_kind == "figures":
            continue
        for span in unit.spans("measures", "RUTHERFORD"):
            sentence = span.sent.text if unit.doc.has_annotation("SENT_START") else unit.text
            pre = bool(regex("rutherford", "pre_dva").search(sentence))
            mentions.append((span._.value, pre, unit.span_evidence(doc, span)))
    if not mentions:
        return [], []
    first = mentions[0][0]
    presentation = [Candidate(v, [ev]) for v, pre, ev in mentions if not pre or v == first]
    pre_dva = [Candidate(v, [ev]) for v, pre, ev in mentions if pre and v != first]
    return presentation[:1], pre_dva[:1]


def extract_rutherford(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``rutherford_presentation`` and ``rutherford_pre_dva``."""
    t_pres, t_pre = _table(scope, doc)
    x_pres, x_pre = _text(scope, doc)
    out.choose("rutherford_presentation", t_pres + x_pres)
    out.choose("rutherford_pre_dva", t_pre + x_pre)
