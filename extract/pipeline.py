"""The whole pipeline for one paper: read → sections → tables → nlp → fields → result."""

from __future__ import annotations

import os

from extract.document import Document
from extract.reading import DEFAULT_MAX_BYTES, DEFAULT_MAX_PAGES, read_document
from schemas.models import ExtractionResult, Source


def extract_document(doc: Document, model: str | None = None) -> ExtractionResult:
    """Extract study facts and patients from a read document."""
    from extract.fields import build_result

    result = build_result(doc, model=model)
    result.warnings = [*doc.warnings, *result.warnings]
    return result


def extract_paper(
    path: str | os.PathLike,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pages: int = DEFAULT_MAX_PAGES,
) -> ExtractionResult:
    """Read and extract one paper (text or PDF)."""
    doc = read_document(path, max_bytes=max_bytes, max_pages=max_pages)
    return extract_document(doc, model=model)


def source_of(doc: Document) -> Source:
    """The ``source`` block of a result."""
    return Source(path=doc.path, sha256=doc.sha256, format=doc.format, pages=doc.n_pages)
