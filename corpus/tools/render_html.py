"""Render a text paper through HTML+CSS and WeasyPrint, in two layouts journals' PDFs come in.

``manuscript`` (layout B): a submitted manuscript, one column of double-spaced ragged text with
continuous line numbers in the left margin (aligned with each text line: the page is laid out
once to learn where lines break, then again with a number at the start of each line), a "for
peer review" running head, page numbers, and fully ruled tables that break over pages with
their header row repeated.

``three-column`` (layout C): three columns of small justified, hyphenated type; a full-width
title block and abstract box; letter-spaced headings and banner; running heads with a
different first page; tables as space-aligned monospaced text across the page.

    python corpus/tools/render_html.py corpus/paper.txt -o paper.pdf --layout manuscript

Needs WeasyPrint (``pip install -e ".[render]"``) and the DejaVu fonts.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared paper parser beside this file
from paper_blocks import (  # noqa: E402
    AFFIL_MARK,
    AUTHOR_MARK,
    CAPTION,
    CITE_MARK,
    FOOTNOTE,
    SUP,
    Front,
    doi_of,
    hard_wrapped,
    heading_text,
    is_table,
    journal_paper,
    surname,
    table_rows,
)

LAYOUTS = ("manuscript", "three-column")
MONO_CHARS = 118  # characters of the monospaced table font across the three-column page

MANUSCRIPT_CSS = """
@page { size: letter; margin: 1in 1in 1in 1.15in;
  @top-left { content: "For peer review only"; font: italic 9pt "DejaVu Serif"; }
  @top-right { content: "RUNHEAD"; font: 9pt "DejaVu Serif"; }
  @bottom-center { content: counter(page); font: 10pt "DejaVu Serif"; } }
body { font: 11pt/2 "DejaVu Serif"; text-align: left; margin: 0; }
p, h1, h2, h3, .line { margin: 0; position: relative; }
p { text-indent: 0; }
h1 { font-size: 13pt; line-height: 2; }
h2, h3 { font-size: 11pt; line-height: 2; margin-top: 0; }
h3 { font-style: italic; }
.gap { height: 22pt; }
.ln { position: absolute; left: -0.62in; width: 0.4in; text-align: right;
  font: 8pt/1 "DejaVu Sans"; color: #555; padding-top: 8pt; text-indent: 0; }
.front-break { page-break-after: always; }
table { border-collapse: collapse; margin: 6pt 0 4pt; font: 8.5pt/1.25 "DejaVu Serif";
  width: 100%; }
th, td { border: 0.6pt solid black; padding: 2pt 3pt; vertical-align: top; text-align: left; }
th { font-weight: bold; background: #eee; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
.caption { font: bold 10pt/1.4 "DejaVu Serif"; margin-top: 10pt; }
.tfoot { font: 8.5pt/1.3 "DejaVu Serif"; margin-bottom: 12pt; }
"""

THREE_CSS = """
@page { size: A4; margin: 17mm 13mm 16mm 13mm;
  @top-left { content: "RUNJOURNAL"; font: italic 7pt "DejaVu Sans"; }
  @top-right { content: "RUNAUTHOR  " counter(page); font: 7pt "DejaVu Sans"; }
  @bottom-center { content: "RUNDOI"; font: 6.5pt "DejaVu Sans"; } }
@page :first {
  @top-left { content: "FIRSTHEAD"; font: 7pt "DejaVu Sans"; }
  @top-right { content: "BANNER"; font: bold 7.5pt "DejaVu Sans"; letter-spacing: 0.35em; }
  @bottom-center { content: "FIRSTFOOT"; font: 6.5pt "DejaVu Sans"; } }
html { hyphens: auto; }
body { font: 7.6pt/1.28 "DejaVu Serif Condensed"; columns: 3; column-gap: 4.2mm;
  text-align: justify; margin: 0; orphans: 2; widows: 2; }
.top { column-span: all; margin-bottom: 8pt; }
.top h1 { font: bold 15pt/1.2 "DejaVu Sans"; margin: 2pt 0 5pt; text-align: left; }
.authors { font: 9pt/1.3 "DejaVu Sans"; margin-bottom: 3pt; text-align: left; }
.small { font: 6.8pt/1.3 "DejaVu Sans"; margin: 1pt 0; text-align: left; }
.abstract { background: #eef1f4; padding: 5pt 7pt; margin-top: 6pt; font: 8pt/1.3 "DejaVu Serif";
  columns: 2; column-gap: 5mm; }
.abstract p { margin: 0 0 3pt; }
h2 { font: bold 7.8pt/1.3 "DejaVu Sans"; text-transform: uppercase; letter-spacing: 0.18em;
  margin: 7pt 0 2pt; text-align: left; hyphens: manual; }
h3 { font: bold italic 7.6pt/1.3 "DejaVu Serif Condensed"; margin: 5pt 0 1pt; text-align: left; }
p { margin: 0; text-indent: 1em; }
h2 + p, h3 + p, .first { text-indent: 0; }
.wide { column-span: all; margin: 6pt 0 8pt; break-inside: avoid; }
.wide .caption { font: bold 7pt/1.3 "DejaVu Sans"; margin-bottom: 2pt; }
pre { font: 6.3pt/1.25 "DejaVu Sans Mono"; margin: 0; border-top: 0.6pt solid black;
  border-bottom: 0.6pt solid black; padding: 2pt 0; white-space: pre; }
pre.head { border-bottom: 0.4pt solid black; padding-bottom: 2pt; }
pre.body { border-top: none; }
.tfoot { font: 6.3pt/1.3 "DejaVu Sans"; margin-top: 2pt; text-align: left; }
.figure { background: #ddd; height: 70pt; margin: 5pt 0 2pt; }
.figcap { font: 6.8pt/1.3 "DejaVu Sans"; margin-bottom: 5pt; text-align: left; text-indent: 0; }
.refs p { font-size: 6.6pt; text-indent: -1em; padding-left: 1em; text-align: left; }
"""


def inline(text: str, citations: bool = True) -> str:
    """Markdown-ish marks as HTML; bracketed citation numbers become superscripts."""
    keep: list[str] = []

    def hold(markup: str) -> str:
        keep.append(markup)
        return f"\x00{len(keep) - 1}\x00"

    text = SUP.sub(lambda m: hold("<sup>" + html.escape(m.group(1)) + "</sup>"), text)
    if citations:
        text = CITE_MARK.sub(
            lambda m: hold("<sup>" + html.escape(m.group(1) or m.group(2)) + "</sup>"), text
        )
    text = html.escape(text, quote=False)
    text = re.sub(r"\*\*(.+?)\*\*", r"<b>\1</b>", text)
    text = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"<i>\1</i>", text)
    return re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], text)


def authors_html(authors: str) -> str:
    """The author line with affiliation marks raised."""
    marked = AUTHOR_MARK.sub(lambda m: "\x01" + (m.group(1) or m.group(2)) + "\x02", authors)
    text = inline(marked.replace("\n", " "), citations=False)
    return re.sub(r"\x01(.*?)\x02", r"<sup>\1</sup>", text)


def affiliation_html(block: str) -> list[str]:
    """Affiliation lines with their leading mark raised."""
    out = []
    for line in block.split("\n"):
        m = AFFIL_MARK.match(line)
        if m:
            mark = html.escape(m.group(1) or m.group(2))
            out.append(f"<sup>{mark}</sup>{inline(line[m.end() :], False)}")
        else:
            out.append(inline(line, False))
    return out


def block_lines(block: str) -> list[str]:
    """A paragraph block's lines as they should be set: joined, or kept (short lines)."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    return [" ".join(lines)] if len(lines) == 1 or hard_wrapped(lines) else lines


def is_reference_list(block: str) -> bool:
    """Numbered lines (a reference list)."""
    lines = [line for line in block.split("\n") if line.strip()]
    numbered = sum(bool(re.match(r"\s*\d+\.\s", line)) for line in lines)
    return len(lines) > 1 and numbered >= len(lines) - 1


def table_parts(blocks: list[str], i: int) -> tuple[str, list[list[str]], str, int] | None:
    """(caption, rows, footnote, next index) when a table starts at block ``i``."""
    block = blocks[i]
    first = block.split("\n")[0]
    caption = ""
    if not is_table(block):
        if not (CAPTION.match(first) and first.lstrip("*").upper().startswith("TAB")):
            return None
        if i + 1 >= len(blocks) or not is_table(blocks[i + 1]):
            return None
        caption, i = block.replace("\n", " "), i + 1
    rows = table_rows(blocks[i])
    n = max(len(r) for r in rows)
    rows = [[c.strip() for c in r] + [""] * (n - len(r)) for r in rows]
    footnote = ""
    if i + 1 < len(blocks) and FOOTNOTE.match(blocks[i + 1]):
        footnote, i = blocks[i + 1].replace("\n", " "), i + 1
    return caption, rows, footnote, i + 1


def ruled_table(caption: str, rows: list[list[str]], footnote: str) -> str:
    """A fully ruled HTML table (header row repeated on every page it runs over)."""
    head = "".join(f"<th>{inline(c, False)}</th>" for c in rows[0])
    body = "".join(
        "<tr>" + "".join(f"<td>{inline(c, False)}</td>" for c in row) + "</tr>" for row in rows[1:]
    )
    out = f'<div class="caption">{inline(caption, False)}</div>' if caption else ""
    out += f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return out + (f'<div class="tfoot">{inline(footnote, False)}</div>' if footnote else "")


def plain(text: str) -> str:
    """A cell without markdown marks."""
    return re.sub(r"</?sup>|\*\*|(?<!\w)\*|\*(?!\w)", "", text)


def aligned_table(caption: str, rows: list[list[str]], footnote: str) -> str:
    """A space-aligned monospaced table across the page: wrapped cells top-aligned."""
    n = len(rows[0])
    cells = [[plain(c) for c in row] for row in rows]
    natural = [max(len(r[c]) for r in cells) for c in range(n)]
    longest = [max((len(w) for r in cells for w in r[c].split()), default=1) for c in range(n)]
    room = MONO_CHARS - 2 * (n - 1)
    widths = list(natural)
    while sum(widths) > room:
        k = max(range(n), key=lambda c: widths[c] - longest[c])
        if widths[k] <= longest[k]:
            break
        widths[k] -= 1

    def lines_of(row: list[str]) -> list[str]:
        wrapped = [textwrap.wrap(c, widths[k]) or [""] for k, c in enumerate(row)]
        depth = max(len(w) for w in wrapped)
        return [
            "  ".join(
                (w[j] if j < len(w) else "").ljust(widths[k]) for k, w in enumerate(wrapped)
            ).rstrip()
            for j in range(depth)
        ]

    head = "\n".join(lines_of(cells[0]))
    body = "\n".join(line for row in cells[1:] for line in lines_of(row))
    out = '<div class="wide">'
    out += f'<div class="caption">{inline(caption, False)}</div>' if caption else ""
    out += f'<pre class="head">{html.escape(head)}</pre><pre class="body">{html.escape(body)}</pre>'
    if footnote:
        out += f'<div class="tfoot">{inline(footnote, False)}</div>'
    return out + "</div>"


def body_html(blocks: list[str], layout: str) -> str:
    """Headings, paragraphs, tables and captions of the body."""
    out: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        table = table_parts(blocks, i)
        if table is not None:
            caption, rows, footnote, i = table
            maker = ruled_table if layout == "manuscript" else aligned_table
            out.append(maker(caption, rows, footnote))
            continue
        name = heading_text(block)
        first = block.split("\n")[0]
        if name is not None:
            tag = "h3" if block.startswith("###") else "h2"
            out.append(f"<{tag}>{inline(name, False)}</{tag}>")
        elif CAPTION.match(first) and layout != "manuscript":
            out.append(f'<div class="figure"></div><p class="figcap">{inline(first, False)}'
                       f"{inline(' '.join(block.split(chr(10))[1:]), False)}</p>")  # fmt: skip
        elif is_reference_list(block):
            items = "".join(f"<p>{inline(line, False)}</p>" for line in block_lines(block))
            out.append(f'<div class="refs">{items}</div>')
        else:
            out.extend(f"<p>{inline(line)}</p>" for line in block_lines(block))
        i += 1
    return "\n".join(out)


def front_html(front: Front, layout: str) -> str:
    """Title block: header lines (manuscript), banner, title, authors, affiliations, abstract."""
    out: list[str] = []
    if layout == "manuscript":
        out.extend(f"<p>{inline(line, False)}</p>" for h in front.header for line in h.split("\n"))
        if front.banner:
            out.append(f"<p>{inline(front.banner, False)}</p>")
    out.append(f"<h1>{inline(front.title, False)}</h1>")
    if front.authors:
        out.append(f'<p class="authors">{authors_html(front.authors)}</p>')
    for block in front.small:
        out.extend(f'<p class="small">{line}</p>' for line in affiliation_html(block))
    boxed: list[str] = []
    for block in front.boxed:
        name = heading_text(block)
        if name is not None:
            boxed.append(f"<p><b>{inline(name, False)}</b></p>")
        else:
            boxed.extend(f"<p>{inline(line)}</p>" for line in block_lines(block))
    if layout == "manuscript":
        return "\n".join(out + boxed) + '\n<div class="front-break"></div>'
    abstract = f'<div class="abstract">{"".join(boxed)}</div>' if boxed else ""
    return f'<div class="top">{"".join(out)}{abstract}</div>'


def css_text(value: str) -> str:
    """A string for a CSS ``content`` property."""
    return plain(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def document_html(text: str, layout: str) -> str:
    """The whole HTML page of the paper in ``layout``."""
    front, body = journal_paper(text)
    author = surname(front.authors)
    journal = next((h.split("\n")[0] for h in front.header), "")
    doi = doi_of(front.header + front.small)
    if layout == "manuscript":
        css = MANUSCRIPT_CSS.replace("RUNHEAD", css_text(f"{author} et al." if author else ""))
    else:
        subs = {
            "RUNJOURNAL": re.split(r"(?i)[.,;]?\s*(?:doi\b|https?:)", journal)[0],
            "RUNAUTHOR": f"{author} et al." if author else "",
            "RUNDOI": "",
            "FIRSTHEAD": journal,
            "BANNER": front.banner.upper(),
            "FIRSTFOOT": " \u00b7 ".join(h.replace("\n", " ") for h in front.header[1:])
            or (f"https://doi.org/{doi}" if doi and doi not in journal else ""),
        }
        css = THREE_CSS
        for key, value in subs.items():
            css = css.replace(key, css_text(value))
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><style>{css}</style>'
        f"</head><body>{front_html(front, layout)}\n{body_html(body, layout)}</body></html>"
    )


def number_lines(page_html: str, line_chars: list[list[int]]) -> str:
    """Each numbered element's lines get a margin number before their first character.

    ``line_chars[k]`` holds, for the k-th numbered element (p, h1-h3), how many non-space
    characters come before each of its lines; the numbers run on through the document.
    """
    counter = 0
    parts = re.split(r"(<(?:p|h1|h2|h3)\b[^>]*>.*?</(?:p|h1|h2|h3)>)", page_html, flags=re.S)
    k = 0
    for j, part in enumerate(parts):
        if not re.match(r"<(?:p|h1|h2|h3)\b", part) or k >= len(line_chars):
            continue
        starts = set(line_chars[k])
        k += 1
        head = part.index(">") + 1
        out: list[str] = []
        seen, in_tag, in_entity = 0, False, False
        for ch in part[head:]:
            if ch == "<":
                in_tag = True
            if not in_tag and not in_entity and not ch.isspace():
                if seen in starts:
                    counter += 1
                    out.append("<br>" if seen else "")  # the break pass 1 found, kept
                    out.append(f'<span class="ln">{counter}</span>')
                seen += 1
                in_entity = ch == "&"
            elif in_entity and ch == ";":
                in_entity = False
            if ch == ">":
                in_tag = False
            out.append(ch)
        parts[j] = part[:head] + "".join(out)
    return "".join(parts)


def _line_text(pieces: list) -> str:
    """A line's text from its text boxes, a space where one box ends before the next begins."""
    out = ""
    end = None
    for piece in pieces:
        if end is not None and piece.position_x > end + 0.5:
            out += " "
        out += piece.text
        end = piece.position_x + piece.width
    return out


def line_starts(document) -> list[list[int]]:  # noqa: ANN001 - a weasyprint Document
    """Non-space characters before each line per numbered element (p, h1-h3), in document order."""
    from weasyprint.formatting_structure import boxes

    starts: dict[int, list[int]] = {}
    chars: dict[int, int] = {}
    for page in document.pages:
        for box in page._page_box.descendants():
            if not isinstance(box, boxes.LineBox) or box.element is None:
                continue
            if box.element_tag not in ("p", "h1", "h2", "h3"):
                continue
            key = id(box.element)
            text = _line_text([t for t in box.descendants() if isinstance(t, boxes.TextBox)])
            starts.setdefault(key, []).append(chars.get(key, 0))
            chars[key] = chars.get(key, 0) + sum(not ch.isspace() for ch in text)
    return list(starts.values())


def build(text: str, out: Path, layout: str) -> int:
    """Lay the paper out with WeasyPrint and write ``out``; returns the page count."""
    from weasyprint import HTML

    page_html = document_html(text, layout)
    document = HTML(string=page_html).render()
    if layout == "manuscript":
        page_html = number_lines(page_html, line_starts(document))
        page_html = page_html.replace("</style>", "p, h1, h2, h3 { margin-right: -12pt; }</style>")
        document = HTML(string=page_html).render()
    document.write_pdf(out)
    return len(document.pages)


def main(argv: list[str] | None = None) -> int:
    """Command line: render one text paper."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", type=Path)
    parser.add_argument("-o", "--out", type=Path)
    parser.add_argument("--layout", choices=LAYOUTS, default="manuscript")
    parser.add_argument("--html", action="store_true", help="print the HTML instead")
    args = parser.parse_args(argv)
    text = args.paper.read_text(encoding="utf-8")
    if args.html:
        sys.stdout.write(document_html(text, args.layout))
        return 0
    out = args.out or args.paper.with_suffix(".pdf")
    pages = build(text, out, args.layout)
    print(f"{out}: {pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
