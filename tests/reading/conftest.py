"""PDF fixtures drawn with reportlab: a two-column, two-page case report and small odd PDFs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

try:  # reportlab is a test extra; without it the PDF fixtures skip, other tests still run
    import reportlab
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas
except ImportError:  # pragma: no cover
    reportlab = None
    letter = (612.0, 792.0)

FONT_DIR = Path(reportlab.__file__).parent / "fonts" if reportlab else Path()
W, H = letter
MARGIN, GUTTER = 54.0, 18.0
COL = (W - 2 * MARGIN - GUTTER) / 2
SIZE, LEADING = 8.0, 9.8


def _fonts() -> None:
    """Vera ships with reportlab and has the fi ligature and typographic quotes."""
    if reportlab is None:
        pytest.skip("reportlab is not installed")
    for name, file in (("Vera", "Vera.ttf"), ("Vera-Bold", "VeraBd.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))


class Page:
    """Draws column blocks top-down; ``x`` is the column's left edge."""

    def __init__(self, c: canvas.Canvas, x: float, y: float, width: float = COL) -> None:
        self.c, self.x, self.y, self.width = c, x, y, width

    def line(self, text: str, justify: bool = False, size: float = SIZE, font: str = "Vera"):
        """One line; ``^{..}`` marks a superscript; justified lines fill the width."""
        c = self.c
        plain = text.replace("^{", "").replace("}", "")
        assert pdfmetrics.stringWidth(plain, font, size) <= self.width + 0.5, plain
        if "^{" in text:
            x = self.x
            for k, part in enumerate(text.replace("}", "^{").split("^{")):
                small = k % 2 == 1
                fs = size * 0.65 if small else size
                c.setFont(font, fs)
                c.drawString(x, self.y + (0.35 * size if small else 0), part)
                x += pdfmetrics.stringWidth(part, font, fs)
        else:
            t = c.beginText(self.x, self.y)
            t.setFont(font, size)
            spaces = text.count(" ")
            t.setWordSpace(0)
            if justify and spaces:
                t.setWordSpace((self.width - pdfmetrics.stringWidth(text, font, size)) / spaces)
            t.textLine(text)
            c.drawText(t)
        self.y -= LEADING * size / SIZE

    def para(self, lines: list[str], gap: float = 5.0, size: float = SIZE) -> None:
        """A justified paragraph (last line ragged) followed by a gap."""
        for k, text in enumerate(lines):
            self.line(text, justify=k < len(lines) - 1, size=size)
        self.y -= gap

    def heading(self, text: str) -> None:
        """A bold heading line."""
        self.line(text, font="Vera-Bold")
        self.y -= 2

    def figure(self, height: float) -> None:
        """A grey box standing for an image."""
        self.c.setFillColor(colors.lightgrey)
        self.c.rect(self.x, self.y - height, self.width, height, stroke=0, fill=1)
        self.c.setFillColor(colors.black)
        self.y -= height + 12

    def table(self, rows: list[list[str]], widths: list[float], rules: str = "grid") -> None:
        """A table; cells may hold several lines ("\\n"); rules: grid, booktabs or none."""
        size, lead = 7.0, 8.5
        top = self.y + lead
        heights = [max(c.count("\n") + 1 for c in row) * lead + 4 for row in rows]
        xs = [self.x]
        for w in widths:
            xs.append(xs[-1] + w)
        y = top
        for r, row in enumerate(rows):
            for k, cell in enumerate(row):
                font = "Vera-Bold" if r == 0 else "Vera"
                for j, text in enumerate(cell.split("\n")):
                    self.c.setFont(font, size)
                    self.c.drawString(xs[k] + 2, y - 2 - size - j * lead, text)
            y -= heights[r]
        c = self.c
        c.setLineWidth(0.5)
        ys = [top]
        for h in heights:
            ys.append(ys[-1] - h)
        if rules == "grid":
            for yy in ys:
                c.line(xs[0], yy, xs[-1], yy)
            for xx in xs:
                c.line(xx, ys[0], xx, ys[-1])
        elif rules == "booktabs":
            for yy in (ys[0], ys[1], ys[-1]):
                c.line(xs[0], yy, xs[-1], yy)
        self.y = ys[-1] - 14


def header_footer(c: canvas.Canvas, number: int) -> None:
    """Running header (author, journal) and page number."""
    c.setFont("Vera", 7.5)
    c.drawString(MARGIN, H - 36, "Okafor et al.")
    c.drawRightString(W - MARGIN, H - 36, "J Limb Case Rep 2025;4:e0147")
    c.drawCentredString(W / 2, 30, str(number))


def case_report(path: Path) -> Path:
    """Two pages, two columns: header, hyphenation, ligature, superscript, ruled table, caption."""
    _fonts()
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    header_footer(c, 1)
    top = Page(c, MARGIN, H - 80, W - 2 * MARGIN)
    top.line("Deep Vein Arterialization After Failed Thrombolysis", size=15, font="Vera-Bold")
    top.line("Mariana T. Okafor, MD; Daniel R. Whitcombe, MD", size=10)
    y0 = top.y - 16
    left = Page(c, MARGIN, y0)
    left.heading("Case presentation")
    left.para(
        [
            "A 71-year-old man with diabetes and hypertension",
            "presented with acute ischemia of the right foot after",
            "a \u201cno-option\u201d failed thrombolysis. He was a current",
            "smoker and had a prior below-knee amputation on the",
            "left side of the body. Percutaneous deep vein arteriali-",
            "zation was planned as the ﬁrst option.",
        ]
    )
    left.para(
        [
            "Rutherford class IIb ischemia was recorded before the",
            "procedure, as is usual after thrombolysis in acute limb",
            "ischemia.^{3} The posterior tibial artery was patent to the",
            "mid-calf, and it was then judged that the posterior tibial",
        ]
    )
    right = Page(c, MARGIN + COL + GUTTER, y0)
    right.para(
        [
            "artery would serve as the donor for the circuit, with",
            "the posterior tibial vein as the target of the crossing.",
        ]
    )
    right.figure(90)
    right.para(
        [
            "Figure 1. Angiography after the crossing shows flow in",
            "the arterialized posterior tibial vein.",
        ],
        size=8,
    )
    right.para(
        [
            "A Viabahn 5 mm x 150 mm stent graft was placed across",
            "the crossing, and completion angiography showed brisk",
            "flow into the plantar veins of the foot.",
        ]
    )
    c.showPage()
    header_footer(c, 2)
    left = Page(c, MARGIN, H - 80)
    left.para(["The two patients in our series are compared in Table 1."])
    left.line("TABLE 1. Baseline characteristics of the patients", size=8)
    left.y -= 6
    left.table(
        [
            ["Category", "Patient 1", "Patient 2"],
            ["Age/sex", "71-year-old man", "64-year-old\nwoman"],
            ["Risk factors", "DM, HTN,\nsmoking", "HTN"],
            ["Donor artery", "PT", "Peroneal"],
            ["Outcome", "BKA", "None"],
        ],
        [70, 85, 88],
    )
    left.line("Abbreviations: PT, posterior tibial; BKA, below-knee", size=7)
    left.line("amputation; DM, diabetes mellitus.", size=7)
    right = Page(c, MARGIN + COL + GUTTER, H - 80)
    right.heading("Discussion")
    right.para(
        [
            "This page-two sentence is about the discussion of deep",
            "vein arterialization in acute limb ischemia. The second",
            "patient of the series needed a through-the-knee and a",
            "below-knee amputation; her wound healed only after",
            "debridement, and she walked again with an above-",
            "knee prosthesis fitted by the limb-fitting service.",
        ]
    )
    c.showPage()
    c.save()
    return path


def aligned_table_pdf(path: Path, rules: str = "none") -> Path:
    """One column page with a table that has no grid: aligned columns, caption and footnote."""
    _fonts()
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    page = Page(c, MARGIN, H - 72, W - 2 * MARGIN)
    page.para(["The outcomes of the three patients are given in Table 2 below."])
    page.line("Table 2. Procedures and outcomes", size=8)
    page.y -= 6
    page.table(
        [
            ["Patient", "Donor artery", "Target vein", "Amputation"],
            ["1", "Posterior tibial", "Posterior tibial", "TMA"],
            ["2", "Peroneal", "Peroneal", "None"],
            ["3", "Anterior tibial", "Anterior tibial", "BKA"],
        ],
        [80, 110, 110, 90],
        rules=rules,
    )
    page.line("Abbreviations: TMA, transmetatarsal amputation; BKA, below-knee amputation.", size=7)
    page.y -= 10
    page.para(["The discussion follows the table and is ordinary prose of the paper itself."])
    c.showPage()
    c.save()
    return path


def simple_pdf(pages: list[list[str]], encrypt=None) -> bytes:
    """A plain one-column PDF, one list of lines per page (reportlab's Helvetica)."""
    _fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, encrypt=encrypt, invariant=1)
    for lines in pages:
        y = H - 72
        for text in lines:
            c.setFont("Helvetica", 11)
            c.drawString(72, y, text)
            y -= 14
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_pdf(pages: int = 2) -> bytes:
    """Pages with drawn shapes only (an image-like page, no text layer)."""
    _fonts()
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=letter, invariant=1)
    for _ in range(pages):
        for row in range(30):
            c.rect(60, 80 + row * 20, 470, 10, fill=1, stroke=0)
        c.showPage()
    c.save()
    return buf.getvalue()


def zero_page_pdf() -> bytes:
    """A well-formed PDF whose page tree is empty."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 3\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.fixture(scope="session")
def case_report_pdf(tmp_path_factory) -> Path:
    """The two-page, two-column case report."""
    return case_report(tmp_path_factory.mktemp("pdf") / "case-report.pdf")


@pytest.fixture(scope="session")
def case_report_doc(case_report_pdf):
    """The case report as read by the PDF reader."""
    from extract.reading import read_document

    return read_document(case_report_pdf)


@pytest.fixture
def make_aligned_table_pdf(tmp_path):
    """A factory: the one-page PDF with an unruled ("none") or booktabs table."""
    return lambda rules="none": aligned_table_pdf(tmp_path / f"aligned-{rules}.pdf", rules)


class PdfBytes:
    """Builders of small PDFs as bytes, for the error tests."""

    simple = staticmethod(simple_pdf)
    scanned = staticmethod(scanned_pdf)
    zero_pages = staticmethod(zero_page_pdf)


@pytest.fixture
def pdf_bytes() -> type[PdfBytes]:
    """Builders of small PDFs as bytes."""
    return PdfBytes
