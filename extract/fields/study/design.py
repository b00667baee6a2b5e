"""The study design: `case_report`, `case_series` or `cohort` (trials and registries included)."""

from __future__ import annotations

from pathlib import Path

from spacy.tokens import Doc

from extract.cuetable import CueTable
from extract.fields.candidates import FieldValues
from extract.fields.study.relevance import reviews_others
from extract.sections import SectionKind as K

CUES = CueTable(Path(__file__).parent / "cues.toml")
_READ = {K.FRONT, K.ABSTRACT, K.METHODS, K.RESULTS, K.BODY, K.CASE}


def _said(doc: Doc, name: str):
    """The first block of the paper's own sections (title included) matching cue ``name``."""
    layout = doc._.layout
    pattern = CUES.regex("design", name)
    for block in layout.blocks:
        if block.kind in ("title", "article_type", "paragraph", "heading", "fields"):
            if layout.section_of(block).kind in _READ or block.kind in ("title", "article_type"):
                match = pattern.search(block.text)
                if match:
                    return block.start + match.start(), block.start + match.end()
    return None


def design(doc: Doc, n_rows: int, n_reported: int | None, out: FieldValues) -> None:
    """Fill ``design``: from the patients described, else from how the paper describes itself
    and how many patients it reports; none for a paper that reports no patients."""
    if n_rows == 1:
        out.values["design"] = "case_report"
        return
    if n_rows >= 2:
        out.values["design"] = "case_series"
        return
    if not n_reported:  # no count: only a paper that calls itself a series or a cohort
        if not reviews_others(doc):
            _self_described(doc, out)
        return
    if n_reported == 1:  # one procedure announced, its patient not described: no design
        return
    if n_reported <= CUES.data["design"]["always_series"][0]:
        out.values["design"] = "case_series"
        return
    if _self_described(doc, out):
        return
    limit = CUES.data["design"]["series_max"][0]
    out.values["design"] = "case_series" if n_reported <= limit else "cohort"


def _self_described(doc: Doc, out: FieldValues) -> bool:
    """Fill ``design`` from what the paper calls itself (a series, a cohort); True if it does."""
    for name, value in (("series", "case_series"), ("cohort", "cohort")):
        place = _said(doc, name)
        if place is not None:
            out.put("design", value, [doc._.paper.evidence(*place, "design")])
            return True
    return False
