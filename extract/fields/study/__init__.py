"""Study facts: title, authors, journal, year, DOI, design, indication, n and pooled summaries."""

from __future__ import annotations

from spacy.tokens import Doc

from extract.fields.candidates import FieldValues
from extract.fields.study.citation import citation
from extract.fields.study.counts import reported
from extract.fields.study.front import title_authors
from extract.fields.study.indication import indication


def extract_study(doc: Doc, n_patients: int) -> FieldValues:
    """Study-level values; ``reported.*`` keys carry pooled summaries."""
    out = FieldValues()
    title_authors(doc, out)
    citation(doc, out)
    indication(doc, out)
    if n_patients != 1:
        reported(doc, out)
    return out
