"""The paper's text cut into displayable blocks (paragraphs, headings, tables, page marks).

Every piece of text keeps the ids of the evidence items that cover it, so the page can highlight
an evidence item by its id without doing any offset arithmetic in the browser. Pieces are cut
from the document text at evidence boundaries, so their concatenation is the text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_LINE = re.compile(r"[^\n]*\n?")
_HEADING = re.compile(r"#{1,6}[ \t]+")
_RULE_CELL = re.compile(r":?-+:?")


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


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text[a:b]``, the newline excluded."""
    out = []
    for m in _LINE.finditer(text, a, b):
        if m.start() == m.end():
            break
        end = m.end() - 1 if text[m.end() - 1] == "\n" else m.end()
        out.append((m.start(), end))
    return out


def _kind(line: str) -> str:
    stripped = line.strip()
    if not stripped:
        return "blank"
    if stripped.startswith("|") and stripped.count("|") >= 2:
        return "pipe"
    if "\t" in stripped and len([c for c in stripped.split("\t") if c.strip()]) >= 2:
        return "tab"
    if _HEADING.match(line):
        return "h"
    return "p"


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _split(text: str, a: int, b: int, sep: str) -> list[tuple[int, int]]:
    """Trimmed (start, end) of each ``sep``-separated cell of ``text[a:b]``."""
    cells, start = [], a
    for i in range(a, b):
        if text[i] == sep:
            cells.append(_trim(text, start, i))
            start = i + 1
    cells.append(_trim(text, start, b))
    return cells


def _table(text: str, lines: list[tuple[int, int]], kind: str, cover: _Cover) -> Block:
    rows: list[list[tuple[int, int]]] = []
    header_rows = 1
    for a, b in lines:
        if kind == "pipe":
            a, b = _trim(text, a, b)
            cells = _split(text, a + 1, b - 1 if text[b - 1] == "|" else b, "|")
            if all(_RULE_CELL.fullmatch(text[s:e]) for s, e in cells):
                header_rows = len(rows)
                continue
        else:
            cells = _split(text, a, b, "\t")
        rows.append(cells)
    width = max(len(r) for r in rows)
    out = []
    for n, row in enumerate(rows):
        cells = [Cell(cover.pieces(s, e), header=n < header_rows) for s, e in row]
        cells += [Cell([], header=n < header_rows) for _ in range(width - len(row))]
        out.append(cells)
    return Block("table", rows=out)


def _blocks_of(text: str, a: int, b: int, cover: _Cover) -> list[Block]:
    lines = _lines(text, a, b)
    kinds = [_kind(text[s:e]) for s, e in lines]
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        kind = kinds[i]
        j = i + 1
        if kind in ("pipe", "tab", "p"):
            while j < len(lines) and kinds[j] == kind:
                j += 1
        if kind in ("pipe", "tab") and j - i >= 2:
            blocks.append(_table(text, lines[i:j], kind, cover))
        elif kind == "h":
            s, e = lines[i]
            m = _HEADING.match(text, s)
            blocks.append(
                Block("h", cover.pieces(m.end(), e), level=min(len(m.group().strip()), 4))
            )
        elif kind != "blank":
            s, e = _trim(text, lines[i][0], lines[j - 1][1])
            blocks.append(Block("p", cover.pieces(s, e)))
        i = j
    return blocks


def blocks(
    text: str, spans: list[tuple[str, int, int]], page_starts: list[int] | None = None
) -> list[Block]:
    """The document as blocks; ``spans`` are (evidence id, start, end)."""
    cover = _Cover(text, spans)
    if not page_starts:
        return _blocks_of(text, 0, len(text), cover)
    bounds = [*page_starts, len(text)]
    out: list[Block] = []
    if bounds[0] > 0:
        out += _blocks_of(text, 0, bounds[0], cover)
    for n, (a, b) in enumerate(zip(bounds, bounds[1:], strict=False), start=1):
        out.append(Block("page", page=n))
        out += _blocks_of(text, a, b, cover)
    return out
