"""The seed paper as a journal-like PDF reads and extracts like its text version."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.reading import read_document
from extract.reading.pdf_config import settings

ROOT = Path(__file__).resolve().parents[2]
SEED = "hasanli-2026-dva-ali-case-series"
TXT = ROOT / "corpus" / f"{SEED}.txt"
PDF = ROOT / "corpus" / f"{SEED}.pdf"


def _plain(text: str) -> str:
    """The text paper without its markdown marks, normalised like the PDF reader's text."""
    text = re.sub(r"<sup>.*?</sup>", "", text)
    text = re.sub(r"^#+ ", "", text, flags=re.MULTILINE).replace("**", "")
    text = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"\1", text)
    return settings().normalize(text)


def _strip_evidence(value):
    """A result's data without evidence (offsets differ between the two texts)."""
    if isinstance(value, dict):
        return {k: _strip_evidence(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_strip_evidence(v) for v in value]
    return value


@pytest.fixture(scope="module")
def seed_pdf_doc():
    """The committed seed PDF, read."""
    return read_document(PDF)


@pytest.fixture(scope="module")
def seed_results():
    """Extraction of the .txt and the .pdf seed."""
    from extract.pipeline import extract_paper

    return extract_paper(TXT).model_dump(mode="json"), extract_paper(PDF).model_dump(mode="json")


def test_pdf_seed_has_five_two_column_pages(seed_pdf_doc):
    assert seed_pdf_doc.format == "pdf" and seed_pdf_doc.n_pages == 5


def test_pdf_seed_text_holds_the_paragraphs_of_the_text_paper(seed_pdf_doc):
    pdf_text = seed_pdf_doc.text
    blocks = re.split(r"\n[ \t]*\n", _plain(TXT.read_text()))
    prose = [" ".join(b.split()) for b in blocks if b.strip() and "\t" not in b]
    prose = [p for p in prose if not re.match(r"\d+\. ", p)]  # the reference list
    missing = [p for p in prose if p not in pdf_text]
    assert not missing


def test_pdf_seed_tables_are_the_text_papers_tables(seed_pdf_doc):
    text_rows = [line for line in TXT.read_text().splitlines() if "\t" in line]
    pdf_rows = [row for t in seed_pdf_doc.pdf_tables for row in t.rows]
    assert ["\t".join(row) for row in pdf_rows] == text_rows
    assert [t.page for t in seed_pdf_doc.pdf_tables] == [2, 2]


def test_pdf_seed_has_no_running_header_or_page_number(seed_pdf_doc):
    assert "Hasanli et al." not in seed_pdf_doc.text
    assert not re.search(r"^\d+$", seed_pdf_doc.text, re.MULTILINE)


def test_pdf_seed_gives_the_text_papers_patients_and_study(seed_results):
    from_text, from_pdf = seed_results
    assert from_pdf["patients"], "no patients extracted from the PDF"
    assert _strip_evidence(from_pdf["patients"]) == _strip_evidence(from_text["patients"])
    assert _strip_evidence(from_pdf["study"]) == _strip_evidence(from_text["study"])
    assert from_pdf["source"]["format"] == "pdf" and from_pdf["source"]["pages"] == 5


def test_pdf_seed_evidence_carries_pages_and_indexes_the_pdf_text(seed_results, seed_pdf_doc):
    _, from_pdf = seed_results
    text = seed_pdf_doc.text
    items = [
        ev for patient in from_pdf["patients"] for evs in patient["evidence"].values() for ev in evs
    ]
    assert items
    for ev in items:
        assert text[ev["start"] : ev["end"]] == ev["quote"]
        assert ev["page"] == seed_pdf_doc.page_at(ev["start"])
        assert 1 <= ev["page"] <= 5
    assert any(ev["source"] == "table" and ev["page"] == 2 for ev in items)


def test_pdf_seed_scores_like_the_text_in_evaluation(tmp_path):
    from extract.evaluation.runner import evaluate
    from extract.pipeline import extract_paper

    gold = ROOT / "gold"
    as_text = evaluate(ROOT / "corpus", gold, patterns=[SEED])
    as_pdf = evaluate(
        ROOT / "corpus", gold, patterns=[SEED], extractor=lambda p: extract_paper(PDF)
    )
    assert as_pdf.micro_f1() == as_text.micro_f1()
    assert as_pdf.to_json()["fields"] == as_text.to_json()["fields"]


def test_pdf_seed_tables_match_pdfplumbers_own_extraction(seed_pdf_doc):
    import pdfplumber

    with pdfplumber.open(PDF) as pdf:
        found = pdf.pages[1].extract_tables()
    theirs = [[[" ".join((c or "").split()) for c in row] for row in t] for t in found]
    ours = [t.rows for t in seed_pdf_doc.pdf_tables]
    assert ours == theirs


@pytest.mark.parametrize(
    "paper",
    [
        "dev/D02.txt",  # bold headings, a nine-column pipe table on a full-width page
        "dev/D04.txt",  # numbered headings, a column-per-patient tab table
        "dev/X07-ali-allcaps-crlf.txt",  # ALL-CAPS run-in headings, a space-aligned timeline
    ],
)
def test_pdf_rendered_dev_paper_gives_the_text_result(paper, tmp_path):
    import subprocess
    import sys

    from extract.pipeline import extract_paper

    pytest.importorskip("reportlab")
    source = ROOT / "corpus" / paper
    out = tmp_path / (source.stem + ".pdf")
    tool = ROOT / "corpus" / "tools" / "render_pdf.py"
    subprocess.run([sys.executable, str(tool), str(source), "-o", str(out)], check=True)
    from_text = extract_paper(source).model_dump(mode="json")
    from_pdf = extract_paper(out).model_dump(mode="json")
    assert _strip_evidence(from_pdf["patients"]) == _strip_evidence(from_text["patients"])
    assert _strip_evidence(from_pdf["study"]) == _strip_evidence(from_text["study"])
