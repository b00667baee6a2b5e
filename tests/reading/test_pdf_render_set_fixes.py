"""PDF reader fixes found on the render set (issue 13), each on a small reportlab PDF: running
heads that cite the paper, ..."""

from __future__ import annotations

from pathlib import Path

import pytest
from journal_drawing import JOURNAL_BODY
from journal_drawing import column as _column
from journal_drawing import text_of as _text

canvas = pytest.importorskip("reportlab.pdfgen.canvas")
from reportlab.lib.pagesizes import A4, letter  # noqa: E402, F401

BODY = JOURNAL_BODY[:8]


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


def _justified(c, x: float, y: float, width: float, lines: list[tuple[str, bool, float]]):
    """Lines set to the full measure (word spacing stretched) unless marked as a last line;
    each with its first-line indent."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    size = 9.0
    for text, last, indent in lines:
        t = c.beginText(x + indent, y)
        t.setFont("Times-Roman", size)
        if not last:
            room = width - indent - stringWidth(text, "Times-Roman", size)
            t.setWordSpace(room / max(1, text.count(" ")))
        t.textOut(text)
        c.drawText(t)
        y -= size * 1.3
    return y


def test_a_justified_paragraphs_last_line_a_few_words_short_ends_the_paragraph(tmp_path):
    path = tmp_path / "justified.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    para = [
        ("The first patient was a man of 58 years on peritoneal dialysis who", False, 10),
        ("a deep ulcer of the heel, and his limb was lost to a below-knee", False, 0),
        ("amputation; he died of peritonitis four months after the arterialization", False, 0),
        ("of his posterior tibial vein through a crossing from the peroneal.", True, 0),
        ("Our second patient, a 79-year-old woman, had heart disease", False, 10),
        ("with a low ejection fraction and atrial fibrillation, and she was", False, 0),
        ("referred with rest pain and an ulcer over the lateral malleolus of", False, 0),
        ("the left foot, which healed after the procedure.", True, 0),
    ]
    from reportlab.pdfbase.pdfmetrics import stringWidth

    width = 252.0
    assert 14 < width - stringWidth(para[3][0], "Times-Roman", 9) < 30  # 1.5-3 em short
    _justified(c, 54, 700, width, para)
    c.showPage()
    c.save()
    text = _text(path)
    assert "from the peroneal.\n\nOur second patient" in text


def test_a_heading_in_a_bold_font_that_reports_a_regular_weight_stands_alone(tmp_path):
    """Embedded subsets ("KTGASA+DejaVu-Serif-Bold" from WeasyPrint) often carry neither a
    weight nor the ForceBold flag, so PDFium says 400: the font's name tells it is bold."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    bold_file = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf")
    if not bold_file.exists():
        pytest.skip("DejaVu Serif Bold is not installed")
    if "TestSerif-Bold" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSerif-Bold", str(bold_file)))
    path = tmp_path / "bold.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1, pageCompression=0)
    y = _column(c, 54, 700, BODY[:4] + ["after a discussion with the patient and his family."])
    c.setFont("TestSerif-Bold", 10)
    c.drawString(54, y, "Patient I")
    _column(c, 54, y - 12.5, BODY[4:])
    c.showPage()
    c.save()
    data = path.read_bytes()
    assert b"/Flags 262148" in data and b"/StemV 165" in data  # reportlab: ForceBold, stem
    path.write_bytes(
        data.replace(b"/Flags 262148", b"/Flags 000004").replace(b"/StemV 165", b"/StemV 080")
    )
    text = _text(path)
    assert "with the patient and his family.\n\nPatient I\n\nafter discussion" in text


def test_a_columns_last_line_just_above_a_wide_tables_caption_stays_in_its_column(tmp_path):
    path = tmp_path / "wide.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    left = [f"First column line {k} tells of the man and his foot." for k in range(1, 13)]
    right = [f"Second column line {k} goes on with the story." for k in range(1, 10)]
    y = _column(c, 54, 700, left, 9)
    _column(c, 320, 700, right, 9)
    c.setFont("Helvetica-Bold", 8)
    c.drawString(
        54, y - 2, "Table 1. Characteristics of the patients across the whole width of the page"
    )
    xs = [54, 160, 270, 380, 558]
    ys = [y - 14, y - 28, y - 42, y - 56]
    c.setLineWidth(0.5)
    c.grid(xs, ys)
    rows = [
        ["Patient", "Age", "Donor", "Outcome"],
        ["1", "71", "PT", "Healed"],
        ["2", "64", "AT", "TMA"],
    ]
    for r, row in enumerate(rows):
        for k, cell in enumerate(row):
            c.setFont("Times-Roman", 8)
            c.drawString(xs[k] + 3, ys[r] - 10, cell)
    _column(c, 54, ys[-1] - 30, [f"Third part line {k} after the table." for k in range(1, 8)], 9)
    _column(c, 320, ys[-1] - 30, [f"Fourth part line {k} after the table." for k in range(1, 8)], 9)
    c.showPage()
    c.save()
    text = _text(path)
    assert text.index("First column line 12") < text.index("Second column line 1 ")
    assert "First column line 11 tells of the man and his foot. First column line 12" in text


def test_a_raised_affiliation_mark_in_full_size_type_is_cut_and_keeps_the_line_whole(tmp_path):
    """WeasyPrint raises <sup> marks without shrinking them: "Reinhold2" must not read as a
    line of larger type (which would start a paragraph and cut the author list)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    path = tmp_path / "marks.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("Times-Roman", 12)
    c.drawString(72, 700, "Lukas Brandstätter, Miriam Okonkwo-Hesse, Jana Vilímková and Tobias")
    t = c.beginText(72, 684)
    t.setFont("Times-Roman", 12)
    t.textOut("Reinhold")
    t.setRise(5)
    t.textOut("2")
    c.drawText(t)
    _column(c, 72, 640, BODY, 12)
    c.showPage()
    c.save()
    assert stringWidth("Reinhold", "Times-Roman", 12) < 60
    text = _text(path)
    assert "Jana Vilímková and Tobias Reinhold\n\n" in text


def test_a_line_of_running_text_that_starts_with_table_n_is_not_a_caption(tmp_path):
    path = tmp_path / "mention.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    para = [
        ("The demographic and procedural data of the five patients are summarized in", False, 10),
        ("Table 1. The mean age was 70.6 years, and there were three men and two", False, 0),
        ("women. Four patients had diabetes mellitus and two were on hemodialysis;", False, 0),
        ("technical success was achieved in all five patients.", True, 0),
    ]
    _justified(c, 54, 700, 300, para)
    c.showPage()
    c.save()
    text = _text(path)
    assert "are summarized in Table 1. The mean age was 70.6 years" in text


def test_a_list_of_fields_stays_one_block_in_a_justified_column_and_across_columns(tmp_path):
    path = tmp_path / "fields.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    prose = [
        ("Four patients (three men and one woman; mean age 71.8 years) had the", False, 10),
        ("procedure. The median follow-up was 306 days (range, 88-486 days), and", False, 0),
        ("the individual data of the four patients are given one by one below.", True, 0),
    ]
    y = _justified(c, 54, 700, 250, prose * 3)
    fields = [
        ("Patient 1", True, 10),
        ("Age/sex: 61 years/male", True, 0),
        ("Medical history: hemodialysis; type 2 diabetes; hypertension", True, 0),
        ("Presentation: Rutherford 5", True, 0),
    ]
    _justified(c, 54, y, 250, fields)
    more = [("Donor artery: peroneal", True, 0), ("Target vein: peroneal", True, 0)]
    _justified(c, 320, 700, 250, [*more, ("Status: alive", True, 0), *prose, *prose])
    c.showPage()
    c.save()
    text = _text(path)
    assert (
        "Patient 1\nAge/sex: 61 years/male\nMedical history: hemodialysis; type 2 diabetes;"
        " hypertension\nPresentation: Rutherford 5\nDonor artery: peroneal\nTarget vein: peroneal"
    ) in text


def test_a_small_head_seen_on_one_page_only_goes_when_set_7_percent_from_the_top(tmp_path):
    """LaTeX sets its head ~45 pt from the top of a letter page (5.7-6.1%); a two-page paper
    has it on page 2 only, so it never repeats."""
    path = tmp_path / "head.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    _column(c, 54, 700, BODY)
    c.showPage()
    c.setFont("Times-Italic", 7)
    c.drawString(54, 792 - 47.5, "Echeverria et al.")
    c.drawRightString(558, 792 - 47.5, "Rev Latinoam Endovasc Cases (Engl Ed) 2")
    _column(c, 54, 700, [line.replace("patient", "man") for line in BODY])
    c.showPage()
    c.save()
    text = _text(path)
    assert "Echeverria" not in text and "Rev Latinoam" not in text


def test_a_paragraph_cut_by_a_page_break_joins_over_a_caption_and_heading_set_between(tmp_path):
    path = tmp_path / "over.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    _column(c, 54, 700, BODY[:5])  # ends "... a major amputation of the"
    c.showPage()
    c.setFont("Times-Roman", 8)
    c.drawString(54, 720, "Figure 1. Patient III. Angiogram showing the anterior tibial artery.")
    c.drawString(54, 700, "FIGURE LEGENDS")
    _column(c, 54, 680, BODY[5:])  # "left leg. Patients like him ..."
    c.showPage()
    c.save()
    text = _text(path)
    assert "to avoid a major amputation of the left leg. Patients like him" in text
    assert text.index("Figure 1. Patient III.") > text.index("Patients like him")
