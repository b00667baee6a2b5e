"""Render a text paper (markdown-ish, as in corpus/) to a journal-like two-column PDF.

Front matter (title, authors, abstract) spans the page; the body flows in two columns with
ruled tables (caption above, footnote below), figure placeholders with their captions, a
running header from the second page on and a page number in the footer of every page.

    python corpus/tools/render_pdf.py corpus/paper.txt [-o corpus/paper.pdf]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    FrameBreak,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared paper parser beside this file
from paper_blocks import (  # noqa: E402
    CAPTION,
    FOOTNOTE,
    Paper,
    _row_kind,
    heading_text,
    is_table,
    running_header,
    split_paper,
    table_rows,
)

PAGE_W, PAGE_H = letter
MARGIN = 54.0
GUTTER = 18.0
HEADER_GAP = 22.0
COL_W = (PAGE_W - 2 * MARGIN - GUTTER) / 2
FONTS = "/usr/share/fonts/truetype"
FONT_CANDIDATES = [
    (FONTS + "/liberation/LiberationSerif-{}.ttf", ("Regular", "Bold", "Italic", "BoldItalic")),
    (FONTS + "/dejavu/DejaVuSerif{}.ttf", ("", "-Bold", "-Italic", "-BoldItalic")),
]
WIDE_TABLE_COLS = 6
MAX_FRONT = 0.55  # of the page height; the rest of a longer front matter flows in the columns


def register_fonts() -> str:
    """Register a Unicode serif family (Liberation or DejaVu, else reportlab's Vera)."""
    for pattern, styles in FONT_CANDIDATES:
        paths = [pattern.format(s) for s in styles]
        if all(Path(p).exists() for p in paths):
            break
    else:
        import reportlab

        base = Path(reportlab.__file__).parent / "fonts"
        paths = [str(base / f) for f in ("Vera.ttf", "VeraBd.ttf", "VeraIt.ttf", "VeraBI.ttf")]
        print("render_pdf: no Liberation/DejaVu serif font; using Vera", file=sys.stderr)
    names = ["Body", "Body-Bold", "Body-Italic", "Body-BoldItalic"]
    for name, path in zip(names, paths, strict=True):
        pdfmetrics.registerFont(TTFont(name, path))
    pdfmetrics.registerFontFamily(
        "Body", normal="Body", bold="Body-Bold", italic="Body-Italic", boldItalic="Body-BoldItalic"
    )
    return "Body"


STYLES = {  # name: (font variant, size, leading, space before, space after, extra)
    "title": ("-Bold", 17, 21, 0, 0, {}),
    "authors": ("", 10.5, 13, 8, 0, {}),
    "front": ("", 9.5, 11.6, 6, 0, {"alignment": TA_JUSTIFY}),
    "h2": ("-Bold", 11, 13, 10, 4, {}),
    "h3": ("-BoldItalic", 10, 12, 8, 3, {}),
    "body": ("", 9.5, 11.6, 0, 6, {"alignment": TA_JUSTIFY}),
    "caption": ("", 8, 9.6, 6, 6, {}),
    "cell": ("", 6.6, 7.6, 0, 0, {}),
    "cellhead": ("-Bold", 6.6, 7.6, 0, 0, {}),
    "foot": ("", 7, 8.4, 3, 8, {}),
    "ref": ("", 8, 9.4, 0, 4, {"leftIndent": 10, "firstLineIndent": -10}),
}


def styles(font: str) -> dict[str, ParagraphStyle]:
    """Journal-like paragraph styles."""
    return {
        name: ParagraphStyle(name, fontName=font + variant, fontSize=size, leading=leading,
                             spaceBefore=before, spaceAfter=after, **extra)
        for name, (variant, size, leading, before, after, extra) in STYLES.items()
    }  # fmt: skip


def inline(text: str) -> str:
    """Markdown-ish inline marks (bold, italic, superscript) as reportlab paragraph markup."""
    sups: list[str] = []

    def keep_sup(match: re.Match[str]) -> str:
        sups.append(match.group(1))
        return f"\x00{len(sups) - 1}\x00"

    text = re.sub(r"<sup>(.*?)</sup>", keep_sup, text)
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<i>\1</i>", text)
    return re.sub(
        r"\x00(\d+)\x00", lambda m: f"<super>{html.escape(sups[int(m[1])])}</super>", text
    )


class FigureBox(Flowable):
    """A grey placeholder where a figure's image would be."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__()
        self.width, self.height = width, height

    def draw(self) -> None:
        """Fill the box."""
        self.canv.setFillColor(colors.Color(0.85, 0.85, 0.85))
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)


def table_flowable(block: str, st: dict[str, ParagraphStyle], width: float) -> Table:
    """A ruled table from tab-separated or pipe lines; the first row is the header."""
    rows = table_rows(block)
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    ruled = _row_kind(block.split("\n")[0]) != "spaces"  # aligned tables stay unruled
    widths = column_widths(rows, st, width)
    cells = [
        [Paragraph(inline(c.strip()), st["cellhead" if i == 0 else "cell"]) for c in row]
        for i, row in enumerate(rows)
    ]
    table = Table(cells, colWidths=widths, repeatRows=1, splitByRow=1)
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 if ruled else 6),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if ruled:
        style.append(("GRID", (0, 0), (-1, -1), 0.4, colors.black))
        style.append(("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)))
    table.setStyle(TableStyle(style))
    return table


def column_widths(
    rows: list[list[str]], st: dict[str, ParagraphStyle], width: float
) -> list[float]:
    """Widths that fit each column's longest word, the rest shared by amount of text."""
    pad = 4.5
    n = len(rows[0])
    longest = [0.0] * n
    amount = [1.0] * n
    for i, row in enumerate(rows):
        style = st["cellhead" if i == 0 else "cell"]
        for c, cell in enumerate(row):
            plain = re.sub(r"[*<>]", "", cell)
            for word in plain.split():
                w = pdfmetrics.stringWidth(word, style.fontName, style.fontSize)
                longest[c] = max(longest[c], w + pad)
            amount[c] += len(plain)
    spare = width - sum(longest)
    if spare <= 0:
        return [width * m / sum(longest) for m in longest]
    return [m + spare * a / sum(amount) for m, a in zip(longest, amount, strict=True)]


def table_story(parts: list[Flowable], n_cols: int) -> list[Flowable]:
    """A table with its caption and footnote: in the column, or on a full-width page if wide."""
    if n_cols < WIDE_TABLE_COLS:
        return [KeepTogether(parts)]
    return [NextPageTemplate("wide"), PageBreak(), *parts, NextPageTemplate("later"), PageBreak()]


def body_flowables(blocks: list[str], st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The two-column story: headings, paragraphs, tables, figures, references."""
    story: list[Flowable] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        first = block.split("\n")[0]
        name = heading_text(block)
        if name is not None:
            story.append(CondPageBreak(60))
            story.append(Paragraph(inline(name), st["h3" if block.startswith("###") else "h2"]))
        elif is_table(block) or (
            CAPTION.match(first) and first.lstrip("*").upper().startswith("TABLE")
        ):
            parts: list[Flowable] = []
            if not is_table(block):
                parts.append(Paragraph(inline(block.replace("\n", " ")), st["caption"]))
                i += 1
            n_cols = 0
            if i < len(blocks) and is_table(blocks[i]):
                n_cols = max(len(r) for r in table_rows(blocks[i]))
                width = COL_W if n_cols < WIDE_TABLE_COLS else PAGE_W - 2 * MARGIN
                parts.append(table_flowable(blocks[i], st, width))
                if i + 1 < len(blocks) and FOOTNOTE.match(blocks[i + 1]):
                    i += 1
                    parts.append(Paragraph(inline(blocks[i]), st["foot"]))
            else:
                i -= 1
            story.extend(table_story(parts, n_cols))
        elif CAPTION.match(first):
            story.append(
                KeepTogether(
                    [
                        Spacer(1, 4),
                        FigureBox(COL_W, 110),
                        Paragraph(inline(block.replace("\n", " ")), st["caption"]),
                    ]
                )
            )
        else:
            story.extend(block_paragraphs(block, st["body"], st["ref"]))
        i += 1
    return story


def block_paragraphs(block: str, style: ParagraphStyle, ref: ParagraphStyle) -> list[Flowable]:
    """A block: a numbered list as hanging-indent items, else one paragraph, lines kept."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    items = [line for line in lines if re.match(r"\d+\.\s", line)]
    if len(items) >= max(1, len(lines) - 1):  # a reference list, maybe under its heading
        return [Paragraph(inline(line), ref if line in items else style) for line in lines]
    return [Paragraph("<br/>".join(inline(line) for line in lines), style)]


def front_flowables(paper: Paper, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    """Title, authors and the rest of the front matter, full width."""
    front: list[Flowable] = [Paragraph(inline(paper.title), st["title"])]
    for k, block in enumerate(paper.front):
        name = heading_text(block)
        if name is not None and k > 0:
            front.append(Paragraph(inline(name), st["h2"]))
        else:
            style = st["authors"] if k == 0 else st["front"]
            front.extend(block_paragraphs(block, style, st["ref"]))
    return front


def build(paper: Paper, out: Path) -> int:
    """Lay the paper out and write ``out``; returns the page count."""
    font = register_fonts()
    st = styles(font)
    left, right = running_header(paper)
    while True:
        front = front_flowables(paper, st)
        front_h = 24 + sum(
            f.wrap(PAGE_W - 2 * MARGIN, PAGE_H)[1] + f.getSpaceBefore() + f.getSpaceAfter()
            for f in front
        )
        if front_h <= MAX_FRONT * PAGE_H or len(paper.front) <= 1:
            break
        paper.body.insert(0, paper.front.pop())
    top = PAGE_H - MARGIN
    col_h = top - MARGIN - 14

    def columns(height: float) -> list[Frame]:
        return [
            Frame(
                MARGIN + k * (COL_W + GUTTER),
                MARGIN + 14,
                COL_W,
                height,
                id=f"c{k}",
                leftPadding=0,
                rightPadding=0,
                topPadding=0,
                bottomPadding=0,
            )
            for k in range(2)
        ]

    def decorate(canvas, doc, header: bool) -> None:  # noqa: ANN001
        canvas.saveState()
        canvas.setFont(font, 8)
        if header:
            y = PAGE_H - MARGIN + HEADER_GAP - 8
            canvas.drawString(MARGIN, y, left)
            canvas.drawRightString(PAGE_W - MARGIN, y, right)
            canvas.setLineWidth(0.5)
            canvas.line(MARGIN, y - 4, PAGE_W - MARGIN, y - 4)
        canvas.drawCentredString(PAGE_W / 2, MARGIN - 18, str(doc.page))
        canvas.restoreState()

    head = Frame(
        MARGIN,
        top - front_h,
        PAGE_W - 2 * MARGIN,
        front_h,
        id="front",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    first_cols = columns(col_h - front_h)
    wide = Frame(
        MARGIN,
        MARGIN + 14,
        PAGE_W - 2 * MARGIN,
        col_h,
        id="wide",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc = BaseDocTemplate(
        str(out),
        pagesize=letter,
        title=paper.title,
        author=left.replace(" et al.", ""),
        pageTemplates=[
            PageTemplate("first", [head, *first_cols], onPage=lambda c, d: decorate(c, d, False)),
            PageTemplate("later", columns(col_h), onPage=lambda c, d: decorate(c, d, True)),
            PageTemplate("wide", [wide], onPage=lambda c, d: decorate(c, d, True)),
        ],
        invariant=True,
    )
    story = [*front, FrameBreak(), NextPageTemplate("later"), *body_flowables(paper.body, st)]
    doc.build(story)
    return doc.page


def main(argv: list[str] | None = None) -> int:
    """Command line: render one text paper."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", type=Path)
    parser.add_argument("-o", "--out", type=Path)
    args = parser.parse_args(argv)
    out = args.out or args.paper.with_suffix(".pdf")
    pages = build(split_paper(args.paper.read_text(encoding="utf-8")), out)
    print(f"{out}: {pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
