"""Donor artery, target vein and earlier (revised) DVAs of a patient.

A relation is an artery mention followed by a vein mention in one cell or one sentence that
speaks of the arteriovenous connection ("peroneal-to-posterior tibial vein DVA", "PT artery →
PT vein", "from the posterior tibial artery into a posterior tibial vein"). An artery named with
"redo" / "revised to" is the current DVA; one named "prior", "initial", "occluded" an earlier one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from extract.document import Document
from extract.fields.candidates import Candidate, FieldValues
from extract.fields.cues import regex, words
from extract.patients import PatientScope
from extract.units import Unit
from schemas.models import Evidence, PriorDVA
from schemas.vocab import load

MAX_GAP = 14
_INFLOW_KINDS = ("bare_stent", "drug_eluting_stent")


def _procedure_cell(unit: Unit) -> bool:
    """A donor cell that tells an inflow procedure ("SFA angioplasty with a DCB", "Supera to
    the popliteal"): procedure words, or a bare or drug-eluting stent of the devices vocabulary."""
    if regex("anatomy", "procedure_cell").search(unit.text):
        return True
    devices = load("devices")
    return any(
        devices.attr(s.kb_id_, "kind") in _INFLOW_KINDS for s in unit.spans("vocab", "devices")
    )


@dataclass
class Relation:
    """A donor artery (and maybe a target vein) with its status."""

    donor: str | None
    target: str | None
    status: str
    evidence: Evidence
    source: str


def _clause(unit: Unit, span: Span) -> str:
    """The text around a span up to the nearest ';' or '(' boundary (parentheses kept)."""
    text = unit.text
    start, end = unit.rel(span.start_char), unit.rel(span.end_char)
    left = max(text.rfind(";", 0, start), text.rfind("(", 0, start))
    right = text.find(";", end)
    return text[left + 1 : right if right != -1 else len(text)]


def _linked(unit: Unit, artery: Span, vein: Span) -> bool:
    """The words between an artery and a vein link them ("into the", "was connected to the",
    "-to-", "→"); at most one other word may stand between, or four after a strong link such
    as "into" or "connected" ("crossed behind the medial malleolus into the lateral plantar
    vein"), never a sentence's worth."""
    gap = unit.tokens(artery.end, vein.start)
    before = {t.lower_ for t in unit.tokens(artery.start - 7, artery.start)}
    if "from" in before and len(gap) <= 2 * MAX_GAP and any(t.lower_ == "into" for t in gap[-4:]):
        return True  # "From the posterior tibial artery, a re-entry catheter ... into the vein"
    if len(gap) > MAX_GAP:
        return False
    link = words("anatomy", "link_words")
    if unit.source == "table":
        return True
    others = [t for t in gap if t.lower_ not in link and not t.is_punct]
    strong = any(t.lower_ in words("anatomy", "strong_links") for t in gap)
    return len(others) <= (4 if strong else 1) and any(
        t.lower_ in link or t.text in ("→", "->", "-") for t in gap
    )


def _status(unit: Unit, span: Span) -> str:
    """ "current", "prior" or "plain" for the DVA an artery span names.

    Cues stand in the 45 characters before the artery ("redo PT artery", "a new circuit was
    created from the", "had undergone an elective DVA from the"), or, for "prior", in a
    parenthesis around it ("(after occluded AT DVA)").
    """
    start = unit.rel(span.start_char)
    before = unit.text[max(0, start - 45) : start]
    before = re.split(r"[.;]\s", before)[-1]  # the artery's own sentence and clause
    if regex("anatomy", "current").search(before) or regex("anatomy", "current_long").search(
        before
    ):
        return "current"
    if regex("anatomy", "prior").search(before[-30:]) or regex("anatomy", "prior_long").search(
        before
    ):
        return "prior"
    clause = _clause(unit, span)
    near = unit.text[max(0, start - 40) : start]
    opened = near.rfind("(") > near.rfind(")")  # the artery stands inside a parenthesis
    if opened and "DVA" in clause and regex("anatomy", "prior").search(clause):
        return "prior"
    return "plain"


def _relations_in(unit: Unit, doc: Document, require_cue: bool) -> list[Relation]:
    vessels = [s for s in unit.spans("vocab") if s.label_ in ("arteries", "veins")]
    if not vessels:
        return []
    sentences = unit.sents
    relations: list[Relation] = []
    for sent, text in zip(sentences, unit.sent_texts(), strict=True):
        in_sent = [s for s in vessels if sent.start <= s.start < sent.end]
        if not any(s.label_ == "arteries" for s in in_sent):
            continue  # a relation starts at an artery
        if require_cue and not regex("anatomy", "dva").search(text):
            continue
        used: set[int] = set()
        for i, span in enumerate(in_sent):
            if span.label_ != "arteries":
                continue
            vein = next(
                (v for v in in_sent[i + 1 :] if v.label_ == "veins" and _linked(unit, span, v)),
                None,
            )
            if vein is not None and id(vein) in used:
                vein = None
            if vein is not None and any(
                s.label_ == "arteries" for s in in_sent[i + 1 :] if s.start < vein.start
            ):
                vein = None
            end = vein.end_char if vein is not None else span.end_char
            status = _status(unit, span)
            after = unit.rel(span.end_char)
            standalone = vein is None and (
                "DVA" in unit.text[after : after + 12] or "based" in unit.text[after : after + 8]
            )
            if vein is None and not standalone and unit.source == "text":
                continue
            if vein is None and unit.source == "table" and "donor" not in unit.families:
                continue
            if vein is not None:
                used.add(id(vein))
            relations.append(
                Relation(
                    span.kb_id_,
                    vein.kb_id_ if vein is not None else None,
                    status,
                    unit.doc_evidence(doc, span.start_char, end),
                    unit.source,
                )
            )
    return relations


def _whole_cell(unit: Unit, doc: Document, concept: str) -> Candidate | None:
    """A cell that is just a vessel name in a donor/target column ("PTA" under "Donor artery",
    even where the paper also uses PTA for angioplasty)."""
    key = load(concept).normalize(unit.text.rstrip(". "))
    if key is None:
        return None
    return Candidate(key, [unit.evidence(doc, 0, len(unit.text))], "table")


def _target_only(unit: Unit, doc: Document) -> list[Candidate]:
    """The vein of a target-vein table cell ("PT vein", "PTV", or just "Posterior tibial")."""
    named = [s for s in unit.spans("vocab") if s.label_ in ("veins", "arteries")]
    named = [s for s in named if s.kb_id_ != "pedal_arch" and s.kb_id_ in load("veins")]
    if not named:
        whole = _whole_cell(unit, doc, "veins") or _whole_cell(unit, doc, "arteries")
        return [whole] if whole is not None and whole.value in load("veins") else []
    return [Candidate(named[0].kb_id_, [unit.span_evidence(doc, named[0])], "table")]


def extract_anatomy(scope: PatientScope, doc: Document, out: FieldValues) -> None:
    """Fill ``donor_artery``, ``target_vein`` and ``prior_dva``."""
    relations: list[Relation] = []
    targets: list[Candidate] = []
    for unit in scope.units:
        if unit.source == "table":
            if not unit.families & {"donor", "target"}:
                continue
            if "donor" in unit.families and _procedure_cell(unit):
                continue  # "Inflow: SFA angioplasty with a drug-coated balloon"
            if "donor" in unit.families:
                found = _relations_in(unit, doc, require_cue=False)
                whole = None if found else _whole_cell(unit, doc, "arteries")
                if whole is not None:
                    ev = whole.evidence[0]
                    found = [Relation(whole.value, None, "plain", ev, "table")]
                relations += found
            elif "target" in unit.families:
                targets += _target_only(unit, doc)
        elif unit.section_kind != "figures" or unit.patient == scope.patient_id:
            relations += _relations_in(unit, doc, require_cue=True)
    has_current = any(r.status == "current" for r in relations)
    current, prior = [], []
    for rel in relations:
        if rel.status == "prior" or (
            has_current
            and rel.status == "plain"
            and rel.source == "table"
            and _same_cell_has_current(rel, relations)
        ):
            prior.append(rel)
        else:
            current.append(rel)
    prior_donors = {r.donor for r in prior}
    current = [
        r
        for r in current
        if not (
            r.status == "plain"
            and r.donor in prior_donors
            and any(c.donor != r.donor for c in current)
        )
    ]
    donors = [Candidate(r.donor, [r.evidence], r.source) for r in current if r.donor]
    veins = [Candidate(r.target, [r.evidence], r.source) for r in current if r.target]
    out.choose("donor_artery", donors)
    out.choose(
        "target_vein",
        [c for c in veins if c.source == "table"]
        + targets
        + [c for c in veins if c.source != "table"],
    )
    chosen = out.values.get("donor_artery")
    items: dict[tuple, Evidence] = {}
    for rel in prior:
        if rel.donor and rel.donor != chosen:
            key = (rel.donor, rel.target)
            items.setdefault(key, rel.evidence)
    merged = _merge_prior(items)
    if merged:
        out.put(
            "prior_dva",
            [PriorDVA(donor_artery=d, target_vein=t) for d, t in merged],
            list(merged.values()),
        )


def _same_cell_has_current(rel: Relation, relations: list[Relation]) -> bool:
    return any(
        r.status == "current"
        and r.source == "table"
        and abs(r.evidence.start - rel.evidence.start) < 60
        for r in relations
    )


def _merge_prior(items: dict[tuple, Evidence]) -> dict[tuple, Evidence]:
    """One earlier DVA per donor: a (donor, vein) pair absorbs a (donor, None) mention."""
    merged: dict[tuple, Evidence] = {}
    for (donor, target), ev in items.items():
        if target is None and any(d == donor and t for d, t in items):
            continue
        merged[(donor, target)] = ev
    return merged
