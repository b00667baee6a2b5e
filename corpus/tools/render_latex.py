"""Render a text paper as a two-column LaTeX journal article (layout A) with pdflatex.

As journals typeset them: a full-width title block (letter-spaced article-type banner, title,
authors with affiliation superscripts) over an abstract box spanning both columns; body text
justified and hyphenated in two columns; superscript citations; booktabs tables floated to the
top of a column, or across both columns (``table*``) when wide, with wrapped top-aligned cells;
figures as grey boxes with captions; fancyhdr running heads with a different first page (journal
and citation above, DOI below). ``--tight`` narrows LaTeX's table column gap by 2 pt (A-tight).

    python corpus/tools/render_latex.py corpus/paper.txt -o paper.pdf [--tight]

Needs pdflatex with Debian's texlive-latex-extra and texlive-fonts-recommended.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the shared paper parser beside this file
from paper_blocks import (  # noqa: E402
    AFFIL_MARK,
    AUTHOR_MARK,
    CAPTION,
    CITE_MARK,
    FOOTNOTE,
    SUP,
    doi_of,
    hard_wrapped,
    heading_text,
    is_table,
    journal_paper,
    surname,
    table_rows,
)

COLUMN_PT = 246.0  # \columnwidth of the layout below, in points
TEXT_PT = 510.0  # \textwidth
CHAR_PT = 3.9  # mean width of a \footnotesize Times character
UNICODE = {
    "\u00d7": r"$\times$",
    "\u00b1": r"$\pm$",
    "\u00b2": r"\textsuperscript{2}",
    "\u00b3": r"\textsuperscript{3}",
    "\u00b9": r"\textsuperscript{1}",
    "\u2192": r"$\rightarrow$",
    "\u2212": r"$-$",
    "\u2265": r"$\geq$",
    "\u2264": r"$\leq$",
    "\u00b7": r"$\cdot$",
    "\u0131": r"\i{}",
    "\u011f": r"\u{g}",
    "\u015f": r"\c{s}",
    "\u0105": r"\k{a}",
    "\u0142": r"\l{}",
    "\u0144": r"\'n",
    "\u00b5": r"$\mu$",
    "\u03bc": r"$\mu$",
    "\u00b0": r"\textdegree{}",
    "\u2009": " ",
    "\u00a0": "~",
    "\u2500": "-",
    "\u2502": "|",
}
SPECIAL = {c: "\\" + c for c in "&%$#_{}"} | {"~": r"\textasciitilde{}", "^": r"\^{}"}
SPECIAL["\\"] = r"\textbackslash{}"

PREAMBLE = r"""\documentclass[twocolumn,10pt]{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{mathptmx}
\usepackage[letterpaper,top=0.85in,bottom=0.8in,left=0.65in,right=0.65in,columnsep=0.22in,
  headsep=12pt,footskip=24pt]{geometry}
\usepackage{textcomp,booktabs,array,fancyhdr,xcolor}
\usepackage[tracking=true]{microtype}
\setlength{\tabcolsep}{TABCOLSEP}
\setlength{\parindent}{1em}
\setlength{\parskip}{0pt}
\renewcommand{\headrulewidth}{0.4pt}
\fancypagestyle{first}{\fancyhf{}%
  \fancyhead[L]{\footnotesize FIRSTHEAD}\fancyhead[R]{\footnotesize\textls[400]{BANNER}}%
  \fancyfoot[L]{\scriptsize FIRSTFOOT}\fancyfoot[R]{\footnotesize\thepage}}
\pagestyle{fancy}\fancyhf{}
\fancyhead[L]{\footnotesize\itshape RUNLEFT}
\fancyhead[R]{\footnotesize RUNRIGHT\quad\thepage}
\makeatletter
\renewcommand\section{\@startsection{section}{1}{0pt}{8pt plus 2pt}{3pt}{\normalsize\bfseries}}
\renewcommand\subsection{\@startsection{subsection}{2}{0pt}{6pt plus 2pt}{2pt}%
  {\normalsize\bfseries\itshape}}
\makeatother
\sloppy
\begin{document}
"""


def escape(text: str) -> str:
    """Plain text as LaTeX (special characters and the Unicode LaTeX lacks)."""
    out = []
    for ch in text:
        out.append(SPECIAL.get(ch) or UNICODE.get(ch) or ch)
    return "".join(out)


def inline(text: str, citations: bool = True) -> str:
    """Markdown-ish marks as LaTeX; bracketed citation numbers become superscripts."""
    keep: list[str] = []

    def hold(latex: str) -> str:
        keep.append(latex)
        return f"\x00{len(keep) - 1}\x00"

    text = SUP.sub(lambda m: hold(r"\textsuperscript{" + escape(m.group(1)) + "}"), text)
    if citations:
        text = CITE_MARK.sub(
            lambda m: hold(r"\textsuperscript{" + escape(m.group(1) or m.group(2)) + "}"), text
        )
    text = escape(text)
    text = re.sub(r"\*\*(.+?)\*\*", r"\\textbf{\1}", text)
    text = re.sub(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])", r"\\textit{\1}", text)
    text = text.replace("*", r"$^{*}$")
    return re.sub(r"\x00(\d+)\x00", lambda m: keep[int(m.group(1))], text)


def authors_tex(authors: str) -> str:
    """The author line with affiliation marks as superscripts."""

    def sup(m: re.Match[str]) -> str:
        return "\x01" + (m.group(1) or m.group(2)) + "\x02"

    marked = AUTHOR_MARK.sub(sup, authors.replace("\n", " "))
    text = inline(marked, citations=False)
    return re.sub(r"\x01(.*?)\x02", r"\\textsuperscript{\1}", text)


def affiliation_tex(block: str) -> str:
    """Affiliation lines ("1 Department ...") with their mark raised."""
    lines = []
    for line in block.split("\n"):
        m = AFFIL_MARK.match(line)
        if m:
            rest = inline(line[m.end() :], citations=False)
            lines.append(r"\textsuperscript{" + escape(m.group(1) or m.group(2)) + "}" + rest)
        else:
            lines.append(inline(line, citations=False))
    return r"\\{}".join(lines)


def paragraph_tex(block: str) -> str:
    """A body block: one paragraph (wrapped lines joined), kept line breaks, or a list."""
    lines = [line.strip() for line in block.split("\n") if line.strip()]
    if len(lines) > 1 and sum(bool(re.match(r"\d+\.\s", line)) for line in lines) >= len(lines) - 1:
        items = [r"\noindent\hangindent=1em " + inline(line, False) + r"\par" for line in lines]
        return "{\\footnotesize\n" + "\n".join(items) + "}\n"
    if len(lines) == 1 or hard_wrapped(lines):
        return inline(" ".join(lines)) + "\n"
    return r"\\{}".join(inline(line) for line in lines) + "\n"  # {}: a next "[" is text


def column_spec(rows: list[list[str]], width: float) -> tuple[str, float]:
    """A booktabs column spec fitting ``width`` points: natural columns, or top-aligned
    wrapping ``p`` columns sized by their longest word and their amount of text."""
    n = max(len(r) for r in rows)
    pad = 2 * TABCOLSEP_PT[0]
    natural = [max((len(r[c]) if c < len(r) else 0) for r in rows) * CHAR_PT for c in range(n)]
    if sum(natural) + n * pad <= width:
        return "@{}" + "l" * n + "@{}", sum(natural) + n * pad
    longest = [
        max((max((len(w) for w in r[c].split()), default=0) if c < len(r) else 0) for r in rows)
        * CHAR_PT
        + 2
        for c in range(n)
    ]
    room = width - n * pad
    spare = max(room - sum(longest), 0.0)
    amount = [sum(len(r[c]) for r in rows if c < len(r)) + 1 for c in range(n)]
    widths = [m + spare * a / sum(amount) for m, a in zip(longest, amount, strict=True)]
    if sum(widths) > room:
        widths = [w * room / sum(widths) for w in widths]
    cols = "".join(f">{{\\raggedright\\arraybackslash}}p{{{w:.1f}pt}}" for w in widths)
    return "@{}" + cols + "@{}", width


TABCOLSEP_PT = [6.0]


def table_tex(caption: str, block: str, footnote: str) -> str:
    """A booktabs float: caption above, rules top/mid/bottom only, footnote below."""
    rows = table_rows(block)
    n = max(len(r) for r in rows)
    rows = [r + [""] * (n - len(r)) for r in rows]
    natural = sum(max(len(r[c]) for r in rows) * CHAR_PT + 2 * TABCOLSEP_PT[0] for c in range(n))
    wide = n >= 5 or natural > 1.6 * COLUMN_PT
    spec, _ = column_spec(rows, TEXT_PT if wide else COLUMN_PT)
    env = "table*" if wide else "table"
    body = [r"\toprule"]
    for k, row in enumerate(rows):
        cells = [inline(c, False) for c in row]
        if k == 0:
            cells = [r"\textbf{" + c + "}" if c else c for c in cells]
        body.append(" & ".join(cells) + r" \\")
        if k == 0:
            body.append(r"\midrule")
    body.append(r"\bottomrule")
    cap = ""
    if caption:
        label = CAPTION.match(caption.lstrip("*"))
        text = caption.replace("\n", " ").replace("**", "")
        if label:
            end = label.end()
            cap = r"\textbf{" + escape(text[:end]) + "}" + inline(text[end:], False)
        else:
            cap = inline(text, False)
        cap = r"{\footnotesize " + cap + r"\par}\vspace{3pt}" + "\n"
    foot = r"\vspace{2pt}{\scriptsize " + inline(footnote.replace("\n", " "), False) + r"\par}"
    return (
        f"\\begin{{{env}}}[t]\n\\footnotesize\n{cap}"
        f"\\begin{{tabular}}{{{spec}}}\n" + "\n".join(body) + "\n\\end{tabular}\\par\n"
        f"{foot if footnote else ''}\n\\end{{{env}}}\n"
    )


def figure_tex(caption: str) -> str:
    """A figure float: a grey box for the image and the caption below it."""
    return (
        "\\begin{figure}[t]\n\\centering{\\color{black!15}\\rule{\\columnwidth}{90pt}}\\par"
        "\\vspace{3pt}\n{\\footnotesize\\raggedright " + inline(caption.replace("\n", " "), False)
        + "\\par}\n\\end{figure}\n"
    )  # fmt: skip


def body_tex(blocks: list[str]) -> str:
    """Headings, paragraphs, table and figure floats of the body."""
    out: list[str] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        first = block.split("\n")[0]
        name = heading_text(block)
        is_caption = bool(CAPTION.match(first)) and first.lstrip("*").upper().startswith("TAB")
        if name is not None:
            level = "subsection" if block.startswith("###") else "section"
            out.append(f"\\{level}*{{{inline(name, False)}}}\n")
        elif is_table(block) or (is_caption and i + 1 < len(blocks) and is_table(blocks[i + 1])):
            caption = ""
            if not is_table(block):
                caption, i = block, i + 1
            footnote = ""
            if i + 1 < len(blocks) and FOOTNOTE.match(blocks[i + 1]):
                footnote = blocks[i + 1]
            out.append(table_tex(caption, blocks[i], footnote))
            i += 1 if footnote else 0
        elif CAPTION.match(first):
            out.append(figure_tex(block))
        else:
            out.append(paragraph_tex(block))
        out.append("\n")
        i += 1
    return "".join(out)


def journal_line(header: list[str]) -> str:
    """The journal and citation from the first-page header lines, without the DOI."""
    for line in header:
        cut = re.split(r"(?i)[.,;]?\s*(?:doi\b|https?:)", line.split("\n")[0])[0].strip(" .;,·—")
        if cut:
            return cut
    return ""


def first_foot(header: list[str], journal: str, doi: str) -> str:
    """The first page's foot: the header lines not used as the journal line, or the DOI."""
    rest = [line for h in header for line in h.split("\n") if not line.startswith(journal)]
    if doi and not any(doi in line for line in rest):
        rest.append(f"https://doi.org/{doi}")
    return "  \u00b7  ".join(rest)


def document_tex(text: str, tight: bool = False) -> str:
    """The whole LaTeX source of the paper."""
    TABCOLSEP_PT[0] = 4.0 if tight else 6.0
    front, body = journal_paper(text)
    author = surname(front.authors)
    journal = journal_line(front.header)
    doi = doi_of(front.header + front.small)
    heads = {
        "TABCOLSEP": f"{TABCOLSEP_PT[0]:.0f}pt",
        "FIRSTHEAD": inline(journal.replace("\n", " "), False),
        "BANNER": inline(front.banner.upper(), False),
        "FIRSTFOOT": inline(first_foot(front.header, journal, doi), False),
        "RUNLEFT": escape(f"{author} et al." if author else ""),
        "RUNRIGHT": inline(re.split(r"[.;]\s", journal)[0] if journal else "", False),
    }
    preamble = PREAMBLE
    for key, value in heads.items():
        preamble = preamble.replace(key, value)
    top = [r"\twocolumn[{\begin{minipage}{\textwidth}", r"\raggedright"]
    top.append(r"{\LARGE\bfseries " + inline(front.title, False) + r"\par}\vspace{8pt}")
    if front.authors:
        top.append(r"{\large " + authors_tex(front.authors) + r"\par}\vspace{5pt}")
    for block in front.small:
        top.append(r"{\footnotesize " + affiliation_tex(block) + r"\par}\vspace{2pt}")
    if front.boxed:
        inner = []
        for block in front.boxed:
            name = heading_text(block)
            inner.append(
                r"\textbf{" + inline(name, False) + "}"
                if name is not None
                else paragraph_tex(block).strip()
            )
        top.append(
            r"\vspace{6pt}\noindent\fcolorbox{black}{black!4}{\parbox{\dimexpr\textwidth-2\fboxsep"
            r"-2\fboxrule}{\small\setlength{\parskip}{3pt}" + r"\par ".join(inner) + r"}}"
        )
    top.append(r"\end{minipage}\vspace{14pt}}]")
    top.append(r"\thispagestyle{first}")
    return preamble + "\n".join(top) + "\n\n" + body_tex(body) + "\\end{document}\n"


def build(text: str, out: Path, tight: bool = False) -> int:
    """Typeset ``text`` into ``out`` with pdflatex; returns the page count."""
    if shutil.which("pdflatex") is None:
        raise RuntimeError("pdflatex not found (apt-get install texlive-latex-extra "
                           "texlive-fonts-recommended)")  # fmt: skip
    source = document_tex(text, tight)
    with tempfile.TemporaryDirectory() as tmp:
        tex = Path(tmp) / "paper.tex"
        tex.write_text(source, encoding="utf-8")
        run = subprocess.run(
            ["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "paper.tex"],
            cwd=tmp,
            capture_output=True,
            text=True,
            errors="replace",
            env={"SOURCE_DATE_EPOCH": "1700000000", "FORCE_SOURCE_DATE": "1",
                 "PATH": "/usr/bin:/bin", "HOME": tmp},
            check=False,
        )  # fmt: skip
        pdf = Path(tmp) / "paper.pdf"
        if run.returncode != 0 or not pdf.exists():
            errors = [line for line in run.stdout.splitlines() if line.startswith("!")]
            raise RuntimeError(f"pdflatex failed: {errors[:1] or run.stdout[-300:]}")
        shutil.copyfile(pdf, out)
        pages = re.search(r"Output written on paper\.pdf \((\d+) page", run.stdout)
    return int(pages.group(1)) if pages else 0


def main(argv: list[str] | None = None) -> int:
    """Command line: render one text paper."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paper", type=Path)
    parser.add_argument("-o", "--out", type=Path)
    parser.add_argument("--tight", action="store_true", help="\\tabcolsep narrowed by 2 pt")
    parser.add_argument("--tex", action="store_true", help="print the LaTeX source instead")
    args = parser.parse_args(argv)
    text = args.paper.read_text(encoding="utf-8")
    if args.tex:
        sys.stdout.write(document_tex(text, args.tight))
        return 0
    out = args.out or args.paper.with_suffix(".pdf")
    pages = build(text, out, args.tight)
    print(f"{out}: {pages} pages")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
