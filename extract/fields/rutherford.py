"""Rutherford class at presentation and just before DVA."""

from __future__ import annotations

import re

from extract.document import Document
from extract.fields.candidates import Candidate, FieldValues
from extract.fields.cues import regex
from extract.patients import PatientScope
from schemas.vocab import rutherford_key

_PROCEDURE = re.compile(r"\bp?DVA\b|arteriali[sz]", re.IGNORECASE)


def _table(scope: PatientScope, doc: Document) -> tuple[list[Candidate], list[Candidate]]:
    presentation, pre_dva = [], []
    timeline = [u for u in scope.table_units() if "rutherford" in u.families and u.context]
    if timeline:
        ordered = sorted(timeline, key=lambda u: u.row)
        keyed = [(u, rutherford_key(u.text)) for u in ordered]
        keyed = [(u, k) for u, k in keyed if k]
        if keyed:
            first_u, first_k = keyed[0]
            presentation.append(
                Candidate(first_k, [first_u.evidence(doc, 0, len(first_u.text))], "table")
            )
            at_dva = [(u, k) for u, k in keyed if _PROCEDURE.search(u.context)]
            if at_dva and at_dva[0][1] != first_k:
                u, k = at_dva[0]
                pre_dva.append(Candidate(k, [u.evidence(doc, 0, len(u.text))], "table"))
        return presentation, pre_dva
    for unit in scope.table_units():
        spans = unit.spans("measures", "RUTHERFORD")
        if "rutherford" not in unit.families and not spans:
            continue  # a cell of another column counts only if it says "Rutherford 5" itself
        key = None
        if "rutherford" in unit.families:  # "5", "IIb", "5 (IV)" with the Fontaine stage beside
            key = rutherford_key(unit.text) or rutherford_key(unit.text.split(" ")[0])
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
            sentence = unit.sent_text(span)
            pre = bool(regex("rutherford", "pre_dva").search(f"{unit.section}: {sentence}"))
            mentions.append((span._.value, pre, unit.span_evidence(doc, span)))
    presentation = [Candidate(v, [ev]) for v, pre, ev in mentions if not pre]
    pre_dva = [Candidate(v, [ev]) for v, pre, ev in mentions if pre]
    return presentation[:1], pre_dva[:1]


def extract_rutherford(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``rutherford_presentation`` and ``rutherford_pre_dva``.

    A class given only with a pre-DVA cue is the presentation class when no other is given;
    In text, a pre-DVA class is kept only where it differs from the presentation class; a table
    row for the time before DVA is kept as given.
    """
    t_pres, t_pre = _table(scope, doc)
    x_pres, x_pre = _text(scope, doc)
    if not t_pres and not x_pres:
        x_pres, x_pre = x_pre, []
    out.choose("rutherford_presentation", t_pres + x_pres)
    presented = out.values.get("rutherford_presentation")
    out.choose("rutherford_pre_dva", t_pre + [c for c in x_pre if c.value != presented])
