"""The paper's text cut into displayable blocks (paragraphs, headings, tables, page marks), by
the same layout and table reading extraction uses.

Every piece of text keeps the ids of the evidence items that cover it, so the page can highlight
an evidence item by its id without doing any offset arithmetic in the browser. Pieces are cut
from the document text at evidence boundaries, so their concatenation is the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.sections import segment
from extract.tables import Table, parse_table


@dataclass
class Piece:
    """A run of text and the evidence ids covering all of it."""

    text: str
    ids: tuple[str, ...] = ()


@dataclass
class Cell:
    """One table cell."""

    pieces: list[Piece]
    header: bool = False


@dataclass
class Block:
    """A paragraph (``p``), heading (``h``), table, or a page mark (``page``)."""

    kind: str
    pieces: list[Piece] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    page: int | None = None
    level: int = 2


class _Cover:
    """Cuts text ranges into pieces at evidence boundaries."""

    def __init__(self, text: str, spans: list[tuple[str, int, int]]):
        self.text = text
        self.spans = sorted((s, e, i) for i, s, e in spans if e > s)

    def pieces(self, a: int, b: int) -> list[Piece]:
        """Pieces of ``text[a:b]``."""
        if b <= a:
            return []
        inside = [(s, e, i) for s, e, i in self.spans if s < b and e > a]
        cuts = sorted(
            {a, b, *(s for s, _, _ in inside if a < s < b), *(e for _, e, _ in inside if a < e < b)}
        )
        out = []
        for lo, hi in zip(cuts, cuts[1:], strict=False):
            ids = tuple(i for s, e, i in inside if s <= lo and e >= hi)
            out.append(Piece(self.text[lo:hi], ids))
        return out


def _table(table: Table, cover: _Cover) -> Block:
    """A parsed table (the one extraction read) with its header row first."""
    rows = [table.header, *table.rows] if table.header else list(table.rows)
    width = max((len(r) for r in rows), default=0)
    out = []
    for n, row in enumerate(rows):
        header = n == 0 and bool(table.header)
        cells = [Cell(cover.pieces(c.start, c.end), header=header) for c in row]
        cells += [Cell([], header=header) for _ in range(width - len(row))]
        out.append(cells)
    return Block("table", rows=out)


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _block(text: str, block, cover: _Cover) -> Block | None:
    """The page's block for one layout block: headings, tables as tables, the rest as text."""
    if block.kind == "table":
        return _table(parse_table(block), cover)
    a, b = _trim(text, block.start, block.end)
    if b <= a:
        return None
    if block.kind in ("heading", "title"):
        marks = re.match(r"#{1,6}[ \t]+", text[a:b])
        level = min(len(marks.group().strip()), 4) if marks else (1 if block.kind == "title" else 2)
        return Block("h", cover.pieces(a + (marks.end() if marks else 0), b), level=level)
    return Block("p", cover.pieces(a, b))


def blocks(
    text: str, spans: list[tuple[str, int, int]], page_starts: list[int] | None = None
) -> list[Block]:
    """The document as blocks, cut by the same layout and table reading as extraction
    (extract.sections, extract.tables); ``spans`` are (evidence id, start, end)."""
    cover = _Cover(text, spans)
    pages = list(page_starts or [])
    out: list[Block] = []
    page = 0
    for block in segment(text).blocks:
        while page < len(pages) and pages[page] <= block.start:
            page += 1
            out.append(Block("page", page=page))
        shown = _block(text, block, cover)
        if shown is not None:
            out.append(shown)
    while page < len(pages):
        page += 1
        out.append(Block("page", page=page))
    return out
