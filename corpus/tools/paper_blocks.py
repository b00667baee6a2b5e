"""A text paper (markdown-ish, as in corpus/) as blocks: front matter, headings, tables, captions.

Shared by the renderers in this folder (render_pdf.py, render_latex.py, render_html.py); it needs
nothing beyond the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CAPTION = re.compile(r"^(?:\*\*)?(TABLE|Table|FIGURE|Figure|Fig\.)(?:\s+\d+)?(?:[.:]|\s+(?=[A-Z]))")
CITATION = re.compile(r"\b(?:19|20)\d{2};\s*\d")
GRID_RULE = re.compile(r"\+[-=:+]+\+")  # a rule line of a grid table
BOX_RULE = re.compile(r"[\u250c\u251c\u2514][\u2500\u252c\u253c\u2534]+[\u2510\u2524\u2518]")
SETEXT = re.compile(r"\n(?:={3,}|-{3,})[ \t]*(?=\n|$)")  # a heading's underline
ALIGNED = re.compile(r"\S {2,}\S")  # cells of a space-aligned table
ALIGNED_CELL = re.compile(r"\S+(?: \S+)*")  # one cell: words apart by single spaces
FOOTNOTE = re.compile(r"(?:\*\*)?(?:Abbreviations?|Notes?|Data are|Values are)\b", re.IGNORECASE)
ABSTRACT_NAMES = {"abstract", "summary"}


@dataclass
class Paper:
    """A text paper split into front matter and body blocks."""

    title: str
    front: list[str]
    body: list[str]


def heading_text(block: str) -> str | None:
    """The heading a block stands for (markdown, bold, numbered, ALL CAPS or short plain line)."""
    if "\n" in block or is_table(block):
        return None
    text = block.strip()
    if text.startswith("#"):
        return text.lstrip("#").strip()
    plain = text.strip("*").strip()
    if text.startswith("**") and text.endswith("**") and "**" not in plain:
        return plain
    if len(plain) > 60 or plain.endswith((".", ",", ";")) or not plain[:1].isalnum():
        return None
    if CAPTION.match(plain) or re.match(r"(?i)(key ?words|doi|https?:)", plain):
        return None
    if re.search(r"\b(?:19|20)\d{2}\b|;", plain) or plain[:1].islower():
        return None
    return plain


def _split_table_block(block: str) -> list[str]:
    """A caption line, table rows and a footnote written as one block, as three blocks.

    A table keeps its first line's indent: a space-aligned table's columns are where they stand.
    """
    lines = block.split("\n")
    rows = [k for k, line in enumerate(lines) if _row_kind(line)]
    if len(rows) < 2 or rows[-1] - rows[0] + 1 != len(rows) or len(rows) == len(lines):
        return [block if is_table(block) else block.strip()]
    if _row_kind(lines[rows[0]]) == "spaces" and len(rows) < 3:
        return [block.strip()]
    head, table = "\n".join(lines[: rows[0]]).strip(), "\n".join(lines[rows[0] : rows[-1] + 1])
    tail = "\n".join(lines[rows[-1] + 1 :]).strip()
    return [p for p in (head, table.rstrip(), tail) if p.strip()]


def split_paper(text: str) -> Paper:
    """Title, front matter (authors ... abstract, key words) and body blocks."""
    blocks: list[str] = []
    text = SETEXT.sub("", text)
    for block in re.split(r"\n[ \t\u00a0]*\n", text):
        blocks.extend(_split_table_block(block.strip("\n").rstrip()) if block.strip() else [])
    title = blocks.pop(0).lstrip("# ").strip() if blocks else ""
    abstract = next(
        (k for k, b in enumerate(blocks) if (heading_text(b) or "").lower() in ABSTRACT_NAMES), -1
    )
    cut = len(blocks)
    for k in range(abstract + 1, len(blocks)):
        name = heading_text(blocks[k])
        if name is not None and name.lower() not in ABSTRACT_NAMES:
            cut = k
            break
    return Paper(title, blocks[:cut], blocks[cut:])


def running_header(paper: Paper) -> tuple[str, str]:
    """(left, right) running header: first author et al., and the journal citation."""
    authors = paper.front[0] if paper.front else ""
    first = re.split(r"[;,]", authors)[0].strip()
    surname = first.split()[-1] if first.split() else ""
    left = f"{surname} et al." if surname else ""
    right = ""
    for block in paper.front:
        if CITATION.search(block):
            right = re.split(r"\.?\s+(?:doi|DOI|https?:)", block)[0].strip()
            break
    return left, right


def _unbox(line: str) -> str:
    """A row of a table drawn with box characters as a pipe-table row (rules as ``|---|``)."""
    if BOX_RULE.fullmatch(line.strip()):
        return "|---|"
    return line.replace("\u2502", "|")


def _row_kind(line: str) -> str | None:
    """How a line separates table cells: tab, pipe, spaces (2 or more), or None."""
    line = _unbox(line)
    if "\t" in line:
        return "tab"
    if line.lstrip().startswith("|") or GRID_RULE.fullmatch(line.strip()):
        return "pipe"
    if ALIGNED.search(line.strip()):
        return "spaces"
    return None


def _aligned_rows(lines: list[str]) -> list[list[str]]:
    """Rows of a space-aligned table, each cell in the column it stands under.

    The columns start where the widest line's cells start; a line whose first column is empty
    (after the header) continues the row above ("HTN, T2DM," over "DLP, ex-smk").
    """
    placed = [[(m.start(), m.group()) for m in ALIGNED_CELL.finditer(line)] for line in lines]
    starts = [start for start, _ in max(placed, key=len)]
    rows: list[list[str]] = []
    for k, cells in enumerate(placed):
        row = [""] * len(starts)
        for start, text in cells:
            column = min(range(len(starts)), key=lambda i: abs(starts[i] - start))
            row[column] = f"{row[column]} {text}".strip()
        if k and not row[0]:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], row, strict=True)]
        else:
            rows.append(row)
    return rows


def table_rows(block: str) -> list[list[str]]:
    """Cells of a tab, pipe, box-drawn or space-aligned table (rules dropped)."""
    lines = [_unbox(line) for line in block.split("\n") if line.strip()]
    if all("\t" in line for line in lines):
        return [line.split("\t") for line in lines]
    if all(_row_kind(line) == "spaces" for line in lines):
        return _aligned_rows(lines)
    rows: list[list[str]] = []
    grid = any(GRID_RULE.fullmatch(line.strip()) for line in lines)
    after_rule = True
    for line in lines:
        if GRID_RULE.fullmatch(line.strip()):
            after_rule = True
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if all(re.fullmatch(r":?-{2,}:?", c) for c in cells):
            continue
        if grid and not after_rule and rows:  # a grid table's cell continued on the next line
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=False)]
        else:
            rows.append(cells)
        after_rule = False
    return rows


def is_table(block: str) -> bool:
    """A block whose lines are all tab-separated cells, or all pipe-table rows."""
    lines = [line for line in block.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    kinds = {_row_kind(line) for line in lines}
    if kinds == {"spaces"}:
        return len(lines) >= 3
    return kinds in ({"tab"}, {"pipe"})


# --- front matter and inline marks for the journal-layout renderers (render_latex, render_html)

JOURNAL_LINE = re.compile(
    r"(?i)\bdoi\b|https?://|\b(?:19|20)\d{2}\s*[;,(]|\bvol(?:ume)?\.?\s*\d|\bjournal\b|"
    r"\bannals\b|\bpages?\s+\d|\bmeeting\b|\bsociety\b|\bsuppl\b|\bissue\b|\breports?\s*\("
)
DOI = re.compile(r"(?i)(?:https?://(?:dx\.)?doi\.org/|\bdoi:?\s*)(10\.\d{4,9}/\S+)")
CITE_MARK = re.compile(
    r"(?<=[A-Za-z.,;:)%])(?:\((\d{1,3}(?:\s?[,\u2013-]\s?\d{1,3})*)\)|\[(\d{1,3}(?:\s?[,\u2013-]\s?\d{1,3})*)\])"
)
AUTHOR_MARK = re.compile(
    r"(?<=[A-Za-z.])(?:\((\d|[a-z])\)|(\d{1,2}(?:,\d{1,2})*\*?|[\u00b9\u00b2\u00b3\u2070-\u2079]+|\*|\u2020))"
    r"(?=[\s,;|]|$)"
)
AFFIL_MARK = re.compile(r"^(?:\((\d|[a-z])\)|(\d{1,2}|[a-z]))\s+(?=[A-Z])")
SUP = re.compile(r"<sup>(.*?)</sup>")


@dataclass
class Front:
    """Front matter sorted for a journal's first page."""

    header: list[str]  # journal, citation and DOI lines (first page's head and foot)
    banner: str  # the article type ("CASE REPORT"), or ""
    title: str
    authors: str
    small: list[str]  # affiliations, correspondence, dates
    boxed: list[str]  # abstract, key words: the abstract box


def _title_like(block: str) -> bool:
    """A one-line block of five or more words that is not a journal line or a sentence."""
    text = block.strip().lstrip("#").strip().strip("*").strip()
    if "\n" in block.strip() or len(text.split()) < 5 or JOURNAL_LINE.search(text):
        return False
    return not text.endswith(".") or text.endswith("et al.")


FRONT_HEADINGS = {
    "abstract",
    "summary",
    "key words",
    "keywords",
    "key clinical message",
    "highlights",
}


def paper_blocks(text: str) -> list[str]:
    """The paper's blank-line separated blocks (setext underlines dropped, tables split off)."""
    blocks: list[str] = []
    for block in re.split(r"\n[ \t\u00a0]*\n", SETEXT.sub("", text)):
        for part in _split_table_block(block.strip("\n").rstrip()) if block.strip() else []:
            first, _, rest = part.partition("\n")
            heading = not is_table(part) and heading_text(first) is not None
            if rest and len(rest.split("\n")[0]) > 60 and heading:
                blocks.extend([first, rest])  # a heading line over its paragraph
            else:
                blocks.append(part)
    return blocks


def journal_paper(text: str, max_front_words: int = 420) -> tuple[Front, list[str]]:
    """The paper as a journal sets it: first-page front matter and the body's blocks."""
    blocks = paper_blocks(text)
    at = next((k for k, b in enumerate(blocks[:8]) if _title_like(b)), 0)
    header: list[str] = []
    banner = []
    for block in blocks[:at]:
        for line in block.split("\n"):
            (header if JOURNAL_LINE.search(line) else banner).append(line.strip())
    title = blocks[at].strip().lstrip("#").strip().strip("*").strip()
    rest = blocks[at + 1 :]
    cut = next(
        (
            k
            for k, b in enumerate(rest)
            if (heading_text(b) or "").lower().rstrip(":") not in FRONT_HEADINGS | {""}
        ),
        len(rest),
    )
    rest, body = rest[:cut], rest[cut:]
    authors = rest.pop(0) if rest and heading_text(rest[0]) is None else ""
    while rest and sum(len(b.split()) for b in rest) > max_front_words:
        body.insert(0, rest.pop())
    box_at = next(
        (k for k, b in enumerate(rest) if heading_text(b) is not None or len(b.split()) > 40),
        len(rest),
    )
    small = list(rest[:box_at])
    header += [b.strip() for b in small if JOURNAL_LINE.search(b) and len(b.split()) < 14]
    small = [b for b in small if b.strip() not in header]
    return Front(header, " ".join(banner), title, authors, small, rest[box_at:]), body


def surname(authors: str) -> str:
    """The first author's surname ("" when there is none): the last name word before degrees."""
    first = re.split(r"[;,|]| and ", AUTHOR_MARK.sub("", authors))[0].strip()
    words: list[str] = []
    for word in first.split():
        if not re.search(r"[A-Za-z]", word):
            continue
        if sum(ch.isupper() for ch in word) >= 2 and "-" not in word and len(word) <= 5 and words:
            break  # MD, PhD, MBBS, BCh: the name has ended
        words.append(word.strip("*"))
    return words[-1] if words else ""


def doi_of(lines: list[str]) -> str:
    """The DOI written in ``lines`` ("" when none)."""
    for line in lines:
        match = DOI.search(line)
        if match:
            return match.group(1).rstrip(".,;")
    return ""


def hard_wrapped(lines: list[str]) -> bool:
    """Lines of one paragraph wrapped at a fixed width in the text file."""
    return len(lines) >= 3 and all(55 <= len(line) <= 100 for line in lines[:-1])
