"""The study's indication: from the title, the larger counted group, or the most named."""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Doc

from extract.fields.candidates import FieldValues
from extract.fields.study.counts import sentence_around
from extract.sections import SectionKind as K
from schemas.vocab import load


def indication(doc: Doc, out: FieldValues) -> None:
    """From the title; else the indication the paper's own sections name most often."""
    paper = doc._.paper
    title = doc._.layout.title
    if title is not None:
        named = {}
        for key, concept in load("indications").concepts.items():
            for term in concept.terms + concept.abbrevs:
                flags = re.IGNORECASE if len(term) > 4 else 0
                match = re.search(rf"\b{re.escape(term)}\b", title.text, flags)
                if match and key not in named:
                    start = title.start + match.start()
                    named[key] = paper.evidence(start, start + len(term), "title")
        both = re.search(r"\bchronic\b", title.text, re.I) and re.search(
            r"(?<!-)\bacute\b(?!-)", title.text, re.I
        )
        if len(named) == 1 and not both:
            key, evidence = next(iter(named.items()))
            out.put("indication", key, [evidence])
            out.values["indication_from_title"] = True
            return
    if _indication_by_numbers(doc, out):
        return
    for kinds in (("abstract", "methods", "results", "case", "body"), None):
        counts: dict[str, list] = {}
        for unit in doc._.units:
            if kinds is not None and unit.section_kind not in kinds:
                continue
            if unit.section_kind in ("references", "back"):
                continue
            for span in unit.spans("vocab", "indications"):
                if not _cited(unit.text, unit.rel(span.end_char)):
                    counts.setdefault(span.kb_id_, []).append(unit.span_evidence(paper, span))
        if counts:
            key = max(counts, key=lambda k: (len(counts[k]), -counts[k][0].start))
            out.put("indication", key, counts[key][:3])
            return
    _indication_by_picture(doc, out)


_NOT_OWN = (K.REFERENCES, K.BACK, K.DISCUSSION)
# a reference mark later in the same sentence ("... causing critical limb ischaemia [1].")
_CITED = re.compile(r"[^.\[]{0,60}\[\d")


def _cited(text: str, end: int) -> bool:
    """Whether the mention ending at ``end`` is in a sentence that cites the literature."""
    return bool(_CITED.match(text, end))


@cache
def _pictures() -> dict[str, re.Pattern]:
    return _patterns("picture")


@cache
def _not_with() -> dict[str, re.Pattern]:
    """Per indication, what makes its picture another disease in the same sentence."""
    return _patterns("not_with")


def _patterns(attr: str) -> dict[str, re.Pattern]:
    vocab = load("indications")
    return {
        key: re.compile("|".join(f"(?:{p})" for p in vocab.attr(key, attr, [])), re.I)
        for key in vocab.keys()
        if vocab.attr(key, attr)
    }


def _indication_by_picture(doc: Doc, out: FieldValues) -> None:
    """Where the paper names no indication: its clinical picture ("rest pain", "gangrene",
    "no-option" -> CLTI; "acute arterial occlusion" -> ALI), the most described one."""
    paper = doc._.paper
    found: dict[str, list] = {}
    title = doc._.layout.title
    places = [(title.start, title.text)] if title is not None else []
    places += [(u.start, u.text) for u in doc._.units if u.section_kind not in _NOT_OWN]
    for start, text in places:
        for key, pattern in _pictures().items():
            other = _not_with().get(key)
            for match in pattern.finditer(text):
                if _cited(text, match.end()):
                    continue
                if other and other.search(sentence_around(text, match.start())):
                    continue  # "nonhealing ulcer induced by high venous pressures"
                ev = paper.evidence(start + match.start(), start + match.end(), "indication")
                found.setdefault(key, []).append(ev)
    if found:
        key = max(found, key=lambda k: (len(found[k]), -found[k][0].start))
        out.put("indication", key, found[key][:3])


_COUNTED = re.compile(r"^\s*(?:in|:|\(n\s*=|,\s*n\s*=)\s*(\d+)")


def _indication_by_numbers(doc: Doc, out: FieldValues) -> bool:
    """ "The indication was CLTI in 41 patients and ALI in 6": the larger group names it."""
    paper = doc._.paper
    counted: dict[str, tuple[int, object]] = {}
    for unit in doc._.units:
        if unit.source != "text" or unit.section_kind not in ("abstract", "methods", "results"):
            continue
        for span in unit.spans("vocab", "indications"):
            end = unit.rel(span.end_char)
            match = _COUNTED.match(unit.text[end : end + 12])
            if match and int(match.group(1)) > counted.get(span.kb_id_, (0, None))[0]:
                counted[span.kb_id_] = (int(match.group(1)), unit.span_evidence(paper, span))
    if len(counted) < 2:
        return False
    key = max(counted, key=lambda k: counted[k][0])
    out.put("indication", key, [counted[key][1]])
    return True
