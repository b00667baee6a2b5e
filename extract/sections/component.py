"""`dva_sections`: the paper's layout (blocks under sections) on ``doc._.layout`` and as spans."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.docattrs import paper_of, register
from extract.sections.segment import segment


class Sections:
    """Splits the paper into blocks and sections (headings found by their form)."""

    def __init__(self, name: str, blocks_key: str, sections_key: str) -> None:
        self.name = name
        self.blocks_key = blocks_key
        self.sections_key = sections_key
        register()

    def __call__(self, doc: Doc) -> Doc:
        layout = segment(paper_of(doc).text)
        doc._.layout = layout
        doc.spans[self.sections_key] = _spans(doc, layout.sections)
        doc.spans[self.blocks_key] = _spans(doc, layout.blocks)
        return doc


def _spans(doc: Doc, parts) -> list:
    spans = []
    for part in parts:
        span = doc.char_span(part.start, part.end, label=str(part.kind), alignment_mode="expand")
        if span is not None and len(span):
            spans.append(span)
    return spans


@Language.factory(
    "dva_sections",
    assigns=["doc._.layout"],
    default_config={"blocks_key": "blocks", "sections_key": "sections"},
)
def make_sections(nlp: Language, name: str, blocks_key: str, sections_key: str) -> Sections:
    """Factory of the sections component."""
    return Sections(name, blocks_key, sections_key)
