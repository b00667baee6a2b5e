"""The extension attributes our components write on a paper's Doc, and the paper behind it."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from extract.document import Document, sha256_of

# doc._.paper: the read Document (text, pages) · layout: sections and blocks · tables: parsed
# tables · units: what the rules read (paragraphs, captions, cells) · abbrevs: {short: long}
# · patients: the patient scopes · warnings: what a component tells the reader
ATTRS = ("paper", "layout", "tables", "units", "abbrevs", "patients", "warnings")
# span._.value: a measure's parsed value · negated / hypothetical / family / others: context
SPAN_ATTRS = {
    "value": None,
    "negated": False,
    "hypothetical": False,
    "family": False,
    "others": False,
}


def register() -> None:
    """Register the Doc attributes (idempotent)."""
    for name in ATTRS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    for name, default in SPAN_ATTRS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, default=default)


def paper_of(doc: Doc) -> Document:
    """The Document a Doc was made from; for a Doc made from bare text, one made here."""
    register()
    if doc._.paper is None:
        text = doc.text
        doc._.paper = Document(
            text=text, path="<text>", sha256=sha256_of(text.encode("utf-8", "surrogatepass"))
        )
    return doc._.paper


register()
