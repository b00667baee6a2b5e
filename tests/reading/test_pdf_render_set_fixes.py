"""PDF reader fixes found on the render set (issue 13), each on a small reportlab PDF: running
heads that cite the paper, ..."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.reading import read_document

canvas = pytest.importorskip("reportlab.pdfgen.canvas")
from reportlab.lib.pagesizes import A4, letter  # noqa: E402, F401

BODY = [
    "The patient was a 71-year-old man with diabetes who presented with rest pain",
    "and gangrene of the second toe of the left foot. He had smoked for forty years.",
    "Angiography showed occlusion of all three tibial arteries down to the ankle, and",
    "no pedal target could be found. Deep vein arterialization was therefore planned",
    "after discussion with the patient, who wished to avoid a major amputation of the",
    "left leg. Patients like him are rarely offered bypass in our practice because of",
    "the absent target, and the procedure was performed under local anesthesia with a",
    "crossing from the posterior tibial artery into the paired posterior tibial vein.",
]


def _column(c, x: float, y: float, lines: list[str], size: float = 10, font="Times-Roman"):
    for line in lines:
        c.setFont(font, size)
        c.drawString(x, y, line)
        y -= size * 1.25
    return y


def _text(path: Path) -> str:
    return read_document(path).text


def test_a_running_head_citing_the_paper_is_kept_once_as_front_matter(tmp_path):
    path = tmp_path / "cited.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    for page in range(1, 4):
        c.setFont("Helvetica", 7)
        c.drawString(54, 760, "J Interv Limb Ther. 2025;7:e250031")
        if page > 1:
            c.drawRightString(558, 760, f"Chua et al. {page}")
        _column(c, 54, 700, [f"{line} ({page})" for line in BODY])
        c.showPage()
    c.save()
    text = _text(path)
    assert text.startswith("J Interv Limb Ther. 2025;7:e250031")
    assert text.count("J Interv Limb Ther") == 1
    assert "Chua et al." not in text
