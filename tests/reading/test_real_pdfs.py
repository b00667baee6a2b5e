"""Real journal PDFs (shared/real-pdf beside the repository, or $DVA_REAL_PDF): their first
page reads as the journal set it. The expected title beginning, year and DOI are read from the
folder's SOURCES.md at run time; no text of these papers is kept in the repository."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from extract.reading import read_document

ROOT = Path(__file__).resolve().parents[2]
FOLDER = Path(os.environ.get("DVA_REAL_PDF", ROOT.parent / "shared" / "real-pdf"))


def _sources() -> list[dict[str, str]]:
    """Rows of SOURCES.md's table: file, title beginning, year, DOI."""
    index = FOLDER / "SOURCES.md"
    if not index.is_file():
        return []
    rows = []
    for line in index.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 6 and cells[0].endswith(".pdf"):
            rows.append({"file": cells[0], "title": cells[3], "year": cells[4], "doi": cells[5]})
    return rows


SOURCES = _sources()
pytestmark = pytest.mark.skipif(not SOURCES, reason=f"no real PDFs with SOURCES.md in {FOLDER}")


def _front(text: str, n: int = 8) -> list[str]:
    """The first paragraphs, white space folded."""
    return [" ".join(p.split()) for p in text.split("\n\n")[:n]]


@pytest.mark.parametrize("source", SOURCES, ids=[s["file"][:30] for s in SOURCES])
def test_real_pdf_title_is_a_paragraph_of_its_own_near_the_top(source):
    text = read_document(FOLDER / source["file"]).text
    front = _front(text)
    title = next(p for p in front if p.startswith(source["title"]))
    assert len(title) < 250  # the title alone, not run on into authors or affiliations
    assert not re.search(r"\b[A-Z] [A-Z] [A-Z]\b", " ".join(front))  # no letter spacing


@pytest.mark.parametrize(
    "source", [s for s in SOURCES if s["doi"]], ids=[s["file"][:30] for s in SOURCES if s["doi"]]
)
def test_real_pdf_doi_and_year_are_in_the_text(source):
    text = read_document(FOLDER / source["file"]).text
    assert source["doi"] in text
    assert source["year"] in text[: text.index(source["doi"]) + 200]


def test_real_pdf_page_of_every_offset_is_within_the_document():
    doc = read_document(FOLDER / SOURCES[0]["file"])
    assert doc.page_at(0) == 1
    assert doc.page_at(len(doc.text) - 1) == doc.n_pages


@pytest.mark.parametrize(
    "source", [s for s in SOURCES if s["year"]], ids=[s["file"][:30] for s in SOURCES if s["year"]]
)
def test_real_pdf_year_is_on_the_first_page(source):
    doc = read_document(FOLDER / source["file"])
    first_page = doc.text[: doc.page_starts[1]] if doc.n_pages > 1 else doc.text
    assert re.search(rf"\b{source['year']}\b", first_page)


@pytest.mark.parametrize("source", SOURCES, ids=[s["file"][:30] for s in SOURCES])
def test_real_pdf_extraction_title_year_doi_no_patient_not_dva(source):
    from extract.pipeline import extract_paper

    result = extract_paper(FOLDER / source["file"])
    study = result.study
    assert (study.title or "").startswith(source["title"])
    if source["year"]:
        assert study.year == int(source["year"])
    if source["doi"]:
        assert study.doi == source["doi"]
    assert result.patients == [] and study.relevance == "not_dva"
