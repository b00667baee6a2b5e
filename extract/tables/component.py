"""`dva_tables`: the paper's tables (cells, orientation, patients) on ``doc._.tables``."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from extract.docattrs import register
from extract.errors import ExtractError
from extract.tables.parse import find_tables


class Tables:
    """Parses every table block of the layout (needs ``dva_sections`` before it)."""

    def __init__(self, name: str, span_key: str) -> None:
        self.name = name
        self.span_key = span_key
        register()

    def __call__(self, doc: Doc) -> Doc:
        if doc._.layout is None:
            raise ExtractError(f"{self.name} needs dva_sections before it in the pipeline")
        tables = find_tables(doc._.layout.blocks)
        doc._.tables = tables
        spans = [
            doc.char_span(t.start, t.end, label="table", alignment_mode="expand") for t in tables
        ]
        doc.spans[self.span_key] = [s for s in spans if s is not None and len(s)]
        return doc


@Language.factory(
    "dva_tables",
    assigns=["doc._.tables"],
    requires=["doc._.layout"],
    default_config={"span_key": "tables"},
)
def make_tables(nlp: Language, name: str, span_key: str) -> Tables:
    """Factory of the tables component."""
    return Tables(name, span_key)
