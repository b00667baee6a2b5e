"""PDF reader on journal typesetting drawn with reportlab: line numbers, three columns, running
heads with a different first page, letter spacing, hyphenation, superscripts, tight tables."""

from __future__ import annotations

import pytest
from journal_drawing import JOURNAL_BODY
from journal_drawing import column as _column
from journal_drawing import text_of as _text

from extract.reading import read_document

canvas = pytest.importorskip("reportlab.pdfgen.canvas")
from reportlab.lib.pagesizes import A4, letter  # noqa: E402
from reportlab.pdfbase.pdfmetrics import stringWidth  # noqa: E402

BODY = JOURNAL_BODY


def test_manuscript_line_numbers_in_the_margin_are_not_read(tmp_path):
    path = tmp_path / "manuscript.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    y = 700.0
    for number, line in enumerate(BODY, start=21):
        c.setFont("Helvetica", 8)
        c.drawRightString(62, y, str(number))  # the gap to the text is narrower than a tab
        c.setFont("Times-Roman", 11)
        c.drawString(72, y, line)
        y -= 24
    c.showPage()
    c.save()
    text = _text(path)
    assert "of the left leg. Patients like him are rarely offered bypass" in text
    assert not any(str(n) in text.split() for n in range(21, 31))


THIRDS = [
    [f"First column line {k} opens the case of the man." for k in range(1, 13)],
    [f"Second column line {k} goes on with the account." for k in range(1, 13)],
    [f"Third column line {k} closes the account here." for k in range(1, 13)],
]


def test_three_columns_read_in_order_below_a_full_width_title(tmp_path):
    path = tmp_path / "three.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    c.setFont("Helvetica-Bold", 15)
    c.drawString(40, 780, "Deep vein arterialization in three columns of small type")
    width = (A4[0] - 80 - 2 * 12) / 3
    for k, lines in enumerate(THIRDS):
        assert stringWidth(lines[0], "Times-Roman", 7.5) < width
        _column(c, 40 + k * (width + 12), 740, lines, 7.5)
    c.showPage()
    c.save()
    text = _text(path)
    order = [text.index(lines[0]) for lines in THIRDS]
    assert text.index("Deep vein arterialization in three columns") < order[0]
    assert order == sorted(order)
    assert text.index("First column line 12") < text.index("Second column line 1 ")


def test_running_heads_go_and_the_first_pages_doi_footer_stays(tmp_path):
    path = tmp_path / "heads.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    for page in range(1, 4):
        c.setFont("Helvetica", 7)
        if page == 1:
            c.drawString(54, 40, "https://doi.org/10.9999/test.2024.0142")
        else:
            c.drawString(54, 760, "Nakamura et al.")
            c.drawRightString(558, 760, f"J Limb Test Rep {page}")
        _column(c, 54, 700, BODY, 10)
        c.showPage()
    c.save()
    text = _text(path)
    assert "https://doi.org/10.9999/test.2024.0142" in text
    assert "Nakamura et al." not in text and "J Limb Test Rep" not in text


def test_letter_spaced_banner_reads_as_words(tmp_path):
    path = tmp_path / "banner.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    t = c.beginText(60, 740)
    t.setFont("Helvetica-Bold", 12)
    t.setCharSpace(2.2)
    t.textOut("CASE ")
    t.setWordSpace(4)
    t.textOut("REPORT")
    c.drawText(t)
    _column(c, 60, 700, BODY, 10)
    c.showPage()
    c.save()
    assert _text(path).startswith("CASE REPORT")


def test_letter_spaced_numbered_heading_reads_as_words(tmp_path):
    path = tmp_path / "heading.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    t = c.beginText(60, 740)
    t.setFont("Helvetica-Bold", 9)
    t.textOut("2 | ")
    t.setCharSpace(1.6)
    t.textOut("CASE ")
    t.setWordSpace(3)
    t.textOut("PRESENTATION")
    c.drawText(t)
    _column(c, 60, 720, BODY, 10)
    c.showPage()
    c.save()
    assert _text(path).startswith("2 | CASE PRESENTATION")


def test_line_end_hyphens_join_words_but_keep_compounds(tmp_path):
    path = tmp_path / "hyphens.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    lines = [
        "Percutaneous deep vein arterialization was planned for the foot, and the arteriali-",
        "zation circuit was completed with two stents placed in the posterior tibial vein, a",
        "5-mm balloon was used for the valves and a later below-",
        "knee amputation was avoided; the consent for public-",
        "ation of this report was obtained from the patient and the family of the patient.",
    ]
    _column(c, 54, 700, lines, 10)
    c.showPage()
    c.save()
    text = _text(path)
    assert "the arterialization circuit" in text  # the word occurs elsewhere
    assert "a later below-knee amputation" in text  # a compound keeps its hyphen
    assert "consent for publication of this report" in text  # no piece is a word on its own
    assert "5-mm balloon" in text


def test_a_citation_superscript_after_a_number_is_not_glued_to_it(tmp_path):
    path = tmp_path / "sup.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    y = _column(c, 54, 700, BODY[:4], 10)
    c.setFont("Times-Roman", 10)
    c.drawString(54, y, "Patients aged 71")
    c.setFont("Times-Roman", 6)
    c.drawString(54 + stringWidth("Patients aged 71", "Times-Roman", 10), y + 4, "4")
    c.setFont("Times-Roman", 10)
    c.drawString(60 + stringWidth("Patients aged 714", "Times-Roman", 10), y, "and older.")
    c.showPage()
    c.save()
    text = _text(path)
    assert "aged 71 and older" in text and "714" not in text


def _booktabs(
    c, x: float, y: float, rows: list[list[str]], widths: list[float], gap: float, row_gap=2.0
):
    """A booktabs table: rules above, below the header and below; cells top-aligned."""
    size, lead = 7.5, 9.0
    c.setLineWidth(0.6)
    right = x + sum(widths) + gap * (len(widths) - 1)
    c.line(x, y + lead, right, y + lead)
    for r, row in enumerate(rows):
        depth = 1
        cx = x
        for cell, w in zip(row, widths, strict=True):
            for k, part in enumerate(cell.split("\n")):
                assert stringWidth(part, "Times-Roman", size) <= w
                c.setFont("Times-Roman", size)
                c.drawString(cx, y - k * lead, part)
            depth = max(depth, cell.count("\n") + 1)
            cx += w + gap
        y -= depth * lead + row_gap
        if r == 0:
            c.line(x, y + lead - 1, right, y + lead - 1)
    c.line(x, y + lead - 1, right, y + lead - 1)
    return y


def test_booktabs_table_with_tight_gaps_and_wrapped_cells_keeps_its_columns(tmp_path):
    path = tmp_path / "booktabs.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("Times-Roman", 8)
    c.drawString(54, 720, "Table 1. Patients treated with deep vein arterialization")
    rows = [
        ["Pt", "Age/sex", "Donor", "Stents", "Amputation"],
        ["1", "71/M", "PT", "Viabahn 5 x\n150 mm", "TMA"],
        ["2", "64/F", "Peroneal", "Viabahn 6 x\n100 mm", "None"],
        ["3", "80/M", "AT", "Supera 5 x\n80 mm", "BKA"],
    ]
    y = _booktabs(c, 54, 700, rows, [14, 30, 32, 44, 40], gap=6)  # a 6 pt gap: < 1 em
    _column(c, 54, y - 30, BODY, 10)
    c.showPage()
    c.save()
    (table,) = read_document(path).pdf_tables
    assert table.rows == [
        ["Pt", "Age/sex", "Donor", "Stents", "Amputation"],
        ["1", "71/M", "PT", "Viabahn 5 x 150 mm", "TMA"],
        ["2", "64/F", "Peroneal", "Viabahn 6 x 100 mm", "None"],
        ["3", "80/M", "AT", "Supera 5 x 80 mm", "BKA"],
    ]


def test_wrapped_row_labels_join_their_row_when_rows_are_set_at_line_pitch(tmp_path):
    path = tmp_path / "labels.pdf"
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("Times-Roman", 8)
    c.drawString(54, 720, "Table 1. Characteristics of the patients")
    rows = [
        ["Category", "Patient 1", "Patient 2"],
        ["Age/gender", "65-year-old woman", "68-year-old man"],
        ["Time from onset to\nlysis", "<24 hours", "2 days"],
        ["Result after lysis\n(before DVA)", "Tibial occlusions; no\noutflow", "Patent\npopliteal"],
        ["Rutherford prior to DVA", "III", "IIb"],
    ]
    y = _booktabs(c, 54, 700, rows, [80, 80, 60], gap=6, row_gap=0)  # no space between rows
    _column(c, 54, y - 30, BODY, 10)
    c.showPage()
    c.save()
    (table,) = read_document(path).pdf_tables
    assert table.rows == [
        ["Category", "Patient 1", "Patient 2"],
        ["Age/gender", "65-year-old woman", "68-year-old man"],
        ["Time from onset to lysis", "<24 hours", "2 days"],
        ["Result after lysis (before DVA)", "Tibial occlusions; no outflow", "Patent popliteal"],
        ["Rutherford prior to DVA", "III", "IIb"],
    ]


def test_space_aligned_monospaced_table_across_a_three_column_page(tmp_path):
    path = tmp_path / "mono.pdf"
    c = canvas.Canvas(str(path), pagesize=A4, invariant=1)
    width = (A4[0] - 80 - 2 * 12) / 3
    for k, lines in enumerate(THIRDS):
        _column(c, 40 + k * (width + 12), 780, lines, 7.5)
    c.setFont("Helvetica-Bold", 7)
    c.drawString(40, 660, "Table 2. Outcomes of the three patients")
    block = [
        "Patient  Donor artery      Target vein  Amputation",
        "1        Posterior tibial  PT vein      TMA",
        "2        Peroneal          Peroneal     None",
        "3        Anterior tibial   AT vein      BKA",
    ]
    c.setLineWidth(0.6)
    c.line(40, 652, A4[0] - 40, 652)
    _column(c, 40, 644, block, 6.5, "Courier")
    c.line(40, 615, A4[0] - 40, 615)
    for k, lines in enumerate(THIRDS):
        _column(c, 40 + k * (width + 12), 590, [line.replace("line", "row") for line in lines], 7.5)
    c.showPage()
    c.save()
    doc = read_document(path)
    (table,) = doc.pdf_tables
    assert table.rows == [
        ["Patient", "Donor artery", "Target vein", "Amputation"],
        ["1", "Posterior tibial", "PT vein", "TMA"],
        ["2", "Peroneal", "Peroneal", "None"],
        ["3", "Anterior tibial", "AT vein", "BKA"],
    ]
    text = doc.text
    assert text.index("Third column line 12") < text.index("Table 2.")
    assert text.index("Amputation") < text.index("First column row 1 ")
