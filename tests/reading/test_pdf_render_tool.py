"""corpus/tools/render_pdf.py: a text paper becomes a two-column PDF that reads back the same."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pdfplumber
import pytest

from extract.reading import read_document

pytest.importorskip("reportlab")

TOOL = Path(__file__).resolve().parents[2] / "corpus" / "tools" / "render_pdf.py"

PAPER = """# Percutaneous Deep Vein Arterialization for Acute Limb Ischemia

Rosa K. Lindqvist, MD; Omar F. Haddad, MD

Received 1 May 2025
Accepted 2 June 2025

## Abstract

We report two patients treated by percutaneous deep vein arterialization.

## Case presentation

The first patient, a 66-year-old woman, presented with Rutherford class IIb ischemia.<sup>2</sup>

TABLE 1. PATIENT CHARACTERISTICS

Category\tPatient 1\tPatient 2
Age/sex\t66-year-old woman\t71-year-old man
Donor artery\tPosterior tibial\tPeroneal

Abbreviations: DVA, deep vein arterialization.

**FIGURE 1.** Completion angiography after the crossing.

## Discussion

Both circuits were patent at 3 months.
"""


@pytest.fixture(scope="module")
def tool():
    """The render script, loaded as a module."""
    spec = importlib.util.spec_from_file_location("render_pdf", TOOL)
    module = importlib.util.module_from_spec(spec)
    sys.modules["render_pdf"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def test_pdf_render_tool_output_reads_back_as_the_paper(tool, tmp_path):
    source = tmp_path / "paper.txt"
    source.write_text(PAPER)
    out = tmp_path / "paper.pdf"
    assert tool.main([str(source), "-o", str(out)]) == 0
    paras = read_document(out).text.split("\n\n")
    assert paras[0] == "Percutaneous Deep Vein Arterialization for Acute Limb Ischemia"
    assert "Received 1 May 2025\nAccepted 2 June 2025" in paras  # a line break kept
    assert "Case presentation" in paras and "Discussion" in paras
    k = paras.index("TABLE 1. PATIENT CHARACTERISTICS")
    assert paras[k + 1].split("\n") == [
        "Category\tPatient 1\tPatient 2",
        "Age/sex\t66-year-old woman\t71-year-old man",
        "Donor artery\tPosterior tibial\tPeroneal",
    ]
    assert paras[k + 2] == "Abbreviations: DVA, deep vein arterialization."
    assert "FIGURE 1. Completion angiography after the crossing." in paras
    assert (
        "The first patient, a 66-year-old woman, presented with Rutherford class IIb ischemia."
        in paras
    )


def test_pdf_render_tool_is_deterministic(tool, tmp_path):
    source = tmp_path / "paper.txt"
    source.write_text(PAPER)
    tool.main([str(source), "-o", str(tmp_path / "a.pdf")])
    tool.main([str(source), "-o", str(tmp_path / "b.pdf")])
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_pdf_render_tool_long_table_reads_back_as_one_table(tool, tmp_path):
    rows = ["| Patient | Age | Sex | Rutherford | Outcome |", "|---|---|---|---|---|"]
    rows += [f"| {i} | {50 + i % 40} | {'FM'[i % 2]} | {4 + i % 3} | None |" for i in range(1, 121)]
    text = "\n\n".join(
        [
            "# Deep vein arterialization in a registry",
            "Ada Byron, MD",
            "## Methods",
            "We treated 120 patients. " * 40,
            "TABLE 1. All patients",
            "\n".join(rows),
            "Abbreviations: TMA, transmetatarsal amputation.",
            "## Discussion",
            "The circuits stayed open. " * 40,
        ]
    )
    source = tmp_path / "registry.txt"
    source.write_text(text + "\n")
    out = tmp_path / "registry.pdf"
    tool.main([str(source), "-o", str(out)])
    doc = read_document(out)
    assert doc.n_pages >= 2
    (table,) = doc.pdf_tables  # split over columns and pages, header repeated: one table
    assert len(table.rows) == 121
    assert [row[0] for row in table.rows[1:]] == [str(i) for i in range(1, 121)]
    assert "Byron et al." not in doc.text  # running header of the later pages


def test_a_left_column_under_a_head_across_the_page_keeps_its_own_measure(tmp_path):
    """In reportlab's own Vera (wider than Liberation), this one-page paper's abstract line runs
    past the left column: the page is still a left column under a head, so the column's wrapped
    line joins its paragraph instead of keeping its break."""
    source = tmp_path / "paper.txt"
    source.write_text(PAPER)
    out = tmp_path / "paper.pdf"
    render = (  # a fresh process: reportlab keeps the first font registered under a name
        "import importlib.util, sys\n"
        f"spec = importlib.util.spec_from_file_location('render_pdf', {str(TOOL)!r})\n"
        "tool = importlib.util.module_from_spec(spec); sys.modules['render_pdf'] = tool\n"
        "spec.loader.exec_module(tool)\n"
        "tool.FONT_CANDIDATES[:] = []  # no system font: reportlab's bundled Vera\n"
        f"sys.exit(tool.main([{str(source)!r}, '-o', {str(out)!r}]))\n"
    )
    subprocess.run([sys.executable, "-c", render], check=True, capture_output=True)
    with pdfplumber.open(out) as pdf:
        assert all("Vera" in c["fontname"] for c in pdf.pages[0].chars)
    paras = read_document(out).text.split("\n\n")
    assert (
        "The first patient, a 66-year-old woman, presented with Rutherford class IIb ischemia."
        in paras
    )
    assert "Received 1 May 2025\nAccepted 2 June 2025" in paras  # a short line's break kept
