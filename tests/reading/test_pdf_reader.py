"""PDF reader on a two-column, two-page case report drawn with reportlab (see conftest)."""

from __future__ import annotations

import re

import pytest

from extract.document import sha256_of
from extract.reading import read_document


def paragraphs(text: str) -> list[str]:
    """Blank-line separated paragraphs."""
    return [p for p in text.split("\n\n") if p.strip()]


def test_pdf_document_is_pdf_with_pages_and_raw_hash(case_report_pdf, case_report_doc):
    doc = case_report_doc
    assert doc.format == "pdf"
    assert doc.n_pages == 2
    assert doc.page_starts[0] == 0
    assert doc.sha256 == sha256_of(case_report_pdf.read_bytes())


def test_pdf_page_at_gives_the_page_of_an_offset(case_report_doc):
    text = case_report_doc.text
    assert case_report_doc.page_at(text.index("Case presentation")) == 1
    assert case_report_doc.page_at(text.index("flow into the plantar veins")) == 1
    assert case_report_doc.page_at(text.index("This page-two sentence")) == 2
    assert case_report_doc.page_at(text.index("Category\tPatient 1")) == 2


def test_pdf_reads_left_column_before_right_column(case_report_doc):
    text = case_report_doc.text
    order = [
        "Case presentation",
        "A 71-year-old man with diabetes and hypertension presented with acute ischemia",
        "Rutherford class IIb ischemia was recorded before the procedure",
        "Figure 1. Angiography",
        "A Viabahn 5 mm x 150 mm stent graft was placed across the crossing",
    ]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)


def test_pdf_joins_a_sentence_cut_by_the_column_break(case_report_doc):
    assert (
        "it was then judged that the posterior tibial artery would serve as the donor"
        in case_report_doc.text
    )


def test_pdf_drops_running_header_and_page_numbers(case_report_doc):
    text = case_report_doc.text
    assert "Okafor et al." not in text
    # the head citing the paper is kept once, at the start, as front matter
    assert text.startswith("J Limb Case Rep 2025;4:e0147") and text.count("J Limb Case Rep") == 1
    assert not re.search(r"^\s*[12]\s*$", text, re.MULTILINE)


def test_pdf_joins_a_word_hyphenated_at_a_line_end(case_report_doc):
    text = case_report_doc.text
    assert "Percutaneous deep vein arterialization was planned" in text
    assert "arteriali-" not in text


def test_pdf_keeps_the_hyphen_of_a_compound_broken_at_a_line_end(case_report_doc):
    assert "with an above-knee prosthesis" in case_report_doc.text


def test_pdf_normalises_ligatures_and_typographic_quotes(case_report_doc):
    text = case_report_doc.text
    assert "planned as the first option" in text
    assert 'a "no-option" failed thrombolysis' in text
    assert "\ufb01" not in text and "\u201c" not in text


def test_pdf_drops_superscript_citation_numbers(case_report_doc):
    assert "in acute limb ischemia. The posterior tibial artery" in case_report_doc.text


def test_pdf_table_is_tab_rows_between_caption_and_footnote(case_report_doc):
    paras = paragraphs(case_report_doc.text)
    k = next(i for i, p in enumerate(paras) if p.startswith("Category\t"))
    assert paras[k - 1] == "TABLE 1. Baseline characteristics of the patients"
    assert paras[k].split("\n") == [
        "Category\tPatient 1\tPatient 2",
        "Age/sex\t71-year-old man\t64-year-old woman",
        "Risk factors\tDM, HTN, smoking\tHTN",
        "Donor artery\tPT\tPeroneal",
        "Outcome\tBKA\tNone",
    ]
    assert paras[k + 1].startswith("Abbreviations: PT, posterior tibial; BKA, below-knee")


def test_pdf_table_words_are_not_repeated_as_running_text(case_report_doc):
    assert case_report_doc.text.count("64-year-old woman") == 1
    assert case_report_doc.text.count("Peroneal") == 1


def test_pdf_tables_are_kept_with_their_offsets(case_report_doc):
    (table,) = case_report_doc.pdf_tables
    assert table.page == 2 and table.ruled is True
    body = case_report_doc.text[table.start : table.end]
    assert body.startswith("Category\tPatient 1") and body.endswith("Outcome\tBKA\tNone")


def test_pdf_figure_caption_is_its_own_paragraph(case_report_doc):
    paras = paragraphs(case_report_doc.text)
    caption = next(p for p in paras if p.startswith("Figure 1."))
    assert caption == (
        "Figure 1. Angiography after the crossing shows flow in the arterialized posterior "
        "tibial vein."
    )


def test_pdf_headings_stand_on_their_own_lines(case_report_doc):
    paras = paragraphs(case_report_doc.text)
    assert "Case presentation" in paras and "Discussion" in paras
    assert paras[1] == "Deep Vein Arterialization After Failed Thrombolysis"  # after the head


@pytest.mark.parametrize("rules", ["none", "booktabs"])
def test_pdf_unruled_table_is_found_by_text_alignment(make_aligned_table_pdf, rules):
    doc = read_document(make_aligned_table_pdf(rules))
    paras = paragraphs(doc.text)
    k = next(i for i, p in enumerate(paras) if p.startswith("Patient\t"))
    assert paras[k - 1] == "Table 2. Procedures and outcomes"
    assert paras[k].split("\n") == [
        "Patient\tDonor artery\tTarget vein\tAmputation",
        "1\tPosterior tibial\tPosterior tibial\tTMA",
        "2\tPeroneal\tPeroneal\tNone",
        "3\tAnterior tibial\tAnterior tibial\tBKA",
    ]
    assert paras[k + 1].startswith("Abbreviations: TMA")
    assert paras[k + 2].startswith("The discussion follows the table")
    assert doc.pdf_tables[0].ruled is False


def _three_lines(c, x: float, y: float) -> None:
    """Three body lines of a short case report."""
    c.setFont("Helvetica", 11)
    for k, text in enumerate(
        [
            "A 64-year-old woman underwent deep vein arterialization of the left leg.",
            "The posterior tibial artery was the donor and the circuit stayed open.",
            "She was alive and walking at 12 months.",
        ]
    ):
        c.drawString(x, y - 14 * k, text)


BODY = (
    "A 64-year-old woman underwent deep vein arterialization of the left leg. The posterior "
    "tibial artery was the donor and the circuit stayed open. She was alive and walking at "
    "12 months."
)


def test_pdf_leaves_out_a_rotated_margin_note(tmp_path):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")

    path = tmp_path / "note.pdf"
    c = canvas.Canvas(str(path))
    _three_lines(c, 72, 700)
    c.saveState()
    c.translate(30, 300)
    c.rotate(90)
    c.setFont("Helvetica", 8)
    c.drawString(0, 0, "Downloaded from journal.example.org on 1 March 2026 by a reader")
    c.restoreState()
    c.save()
    assert read_document(path).text == BODY


def test_pdf_reads_a_page_turned_with_rotate(tmp_path):
    canvas = pytest.importorskip("reportlab.pdfgen.canvas")

    path = tmp_path / "landscape.pdf"
    c = canvas.Canvas(str(path))
    c.setPageRotation(90)
    c.saveState()
    c.translate(100, 100)
    c.rotate(90)
    _three_lines(c, 0, 0)
    c.restoreState()
    c.save()
    assert read_document(path).text == BODY
