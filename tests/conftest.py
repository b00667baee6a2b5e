"""Shared fixtures: the pipeline, and a helper that extracts from an inline paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.document import Document, sha256_of
from extract.pipeline import extract_document
from schemas.models import ExtractionResult

REPO = Path(__file__).resolve().parent.parent


def make_document(text: str, name: str = "inline.txt") -> Document:
    """A Document from inline text, as the text reader would make it."""
    return Document(text=text, path=name, sha256=sha256_of(text.encode()), format="text")


@pytest.fixture
def run():
    """Extract from inline text; also checks the evidence invariant on every value."""

    def _run(text: str) -> ExtractionResult:
        doc = make_document(text)
        result = extract_document(doc)
        for ev in iter_evidence(result):
            assert ev.quote == doc.text[ev.start : ev.end]
        _run.last = result
        return result

    return _run


@pytest.fixture
def case(run):
    """The one patient of a small case report made of ``sentences`` (after ``intro``)."""

    def _case(sentences: str, intro: str = "A 70-year-old man."):
        return run(
            f"Deep vein arterialization: a case\n\nCase report\n\n{intro} {sentences}\n"
        ).patients[0]

    return _case


def iter_evidence(result: ExtractionResult):
    """Every evidence item of a result."""
    for items in result.study.evidence.values():
        yield from items
    for patient in result.patients:
        for items in patient.evidence.values():
            yield from items
    for conflict in result.conflicts:
        yield from conflict.evidence


from chromium import browser, page  # noqa: E402, F401 - headless Chromium fixtures (tests/chromium.py)
