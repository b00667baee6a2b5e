"""Tables: pdfplumber's TableFinder on PDFium geometry, cells filled from PDFium words.

pdfplumber's own page objects are slow (pdfminer builds one object per glyph, ~100 ms a
page); its table finder only needs ruling edges, words and a page box, which PDFium gives
in a few milliseconds. Ruled tables use the ``lines`` strategies; a "Table N" caption with
no ruled table under it gets the ``text`` (alignment) strategies on the region below it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from pdfplumber.table import TableFinder

from extract.reading.pdf_aligned import column_starts, rule_span, split_cells
from extract.reading.pdf_config import PdfSettings
from extract.reading.pdf_layout import Segment


@dataclass
class PdfTable:
    """A table as rows of cell strings, with its page and box (top-down points)."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    rows: list[list[str]]
    ruled: bool

    def contains(self, seg: Segment) -> bool:
        """Whether a segment's centre lies inside the table."""
        xc, yc = (seg.x0 + seg.x1) / 2, (seg.top + seg.bottom) / 2
        return self.x0 - 1 <= xc <= self.x1 + 1 and self.top - 1 <= yc <= self.bottom + 1


class _Plane:
    """The part of a pdfplumber page that TableFinder reads: edges, bbox, extract_words."""

    def __init__(self, edges: list[dict], bbox: tuple, words: list[dict]) -> None:
        self.edges = edges
        self.bbox = bbox
        self._words = words

    def extract_words(self, **_: object) -> list[dict]:
        """Words (here: segments) as pdfplumber dicts."""
        return self._words


def _as_dict(seg: Segment) -> dict:
    """A segment as a pdfplumber word dict."""
    return {"text": seg.text, "x0": seg.x0, "x1": seg.x1, "top": seg.top, "bottom": seg.bottom}


def ruled_grids(width: float, height: float, edges: list[dict], cfg: PdfSettings) -> list:
    """pdfplumber tables (cell boxes, no text yet) of the page's ruling lines."""
    n_h = sum(1 for e in edges if e["orientation"] == "h")
    if n_h < 2 or len(edges) - n_h < 2:
        return []
    return TableFinder(_Plane(edges, (0, 0, width, height), []), dict(cfg.tables["ruled"])).tables


def ruled_tables(page: int, grids: list, segs: list[Segment], cfg: PdfSettings) -> list[PdfTable]:
    """Tables drawn with rules (pdfplumber's ``lines`` strategies), cells filled from ``segs``."""
    tab = cfg.tables
    tables: list[PdfTable] = []
    for found in grids:
        table = _fill(page, found.rows, segs, True, cfg)
        if table is not None and _big_enough(table, tab):
            tables.append(table)
    return tables


def aligned_tables(
    page: int, width: float, segs: list[Segment], edges: list[dict], found: list[PdfTable],
    gutters: list[float], cfg: PdfSettings,
) -> list[PdfTable]:  # fmt: skip
    """Unruled tables under "Table N" captions that have no ruled table (``found``) below."""
    tables: list[PdfTable] = []
    for cap in segs:
        if not cfg.table_caption.match(cap.text):
            continue
        if any(t.top >= cap.top and t.top - cap.bottom < 6 * cap.size for t in found):
            continue
        table = _aligned_table(page, cap, segs, edges, width, gutters, cfg)
        if table is not None:
            tables.append(table)
    return tables


def _big_enough(table: PdfTable, tab: dict) -> bool:
    """At least the configured rows and columns, and text in two or more cells."""
    filled = sum(1 for row in table.rows for cell in row if cell)
    rows, cols = len(table.rows), len(table.rows[0])
    return rows >= tab["min_rows"] and cols >= tab["min_cols"] and filled >= 2


def _fill(
    page: int, rows: list, segs: list[Segment], ruled: bool, cfg: PdfSettings
) -> PdfTable | None:
    """Cell texts from words whose centres fall in each cell (pdfplumber rows of cell boxes)."""
    cells = [(r, c, box) for r, row in enumerate(rows) for c, box in enumerate(row.cells) if box]
    if not cells:
        return None
    x0 = min(b[0] for _, _, b in cells)
    top = min(b[1] for _, _, b in cells)
    x1 = max(b[2] for _, _, b in cells)
    bottom = max(b[3] for _, _, b in cells)
    xs = sorted({b[0] for _, _, b in cells} | {b[2] for _, _, b in cells})
    ys = sorted({b[1] for _, _, b in cells} | {b[3] for _, _, b in cells})
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, (bx0, btop, bx1, bbottom) in cells:
        for i in range(bisect.bisect_left(xs, bx0), bisect.bisect_left(xs, bx1)):
            for j in range(bisect.bisect_left(ys, btop), bisect.bisect_left(ys, bbottom)):
                owner[(i, j)] = (r, c)
    n_cols = max(len(row.cells) for row in rows)
    grid: list[list[list]] = [[[] for _ in range(n_cols)] for _ in rows]
    for seg in segs:
        if seg.x1 < x0 or seg.x0 > x1 or seg.bottom < top or seg.top > bottom:
            continue
        for w in seg.words:
            xc, yc = w.xc, w.yc
            if not (x0 <= xc <= x1 and top <= yc <= bottom):
                continue
            slot = (bisect.bisect_right(xs, xc) - 1, bisect.bisect_right(ys, yc) - 1)
            if slot in owner:
                r, c = owner[slot]
                grid[r][c].append(w)
    table_rows = [[cfg.normalize(_cell_text(ws)) for ws in row] for row in grid]
    table_rows = [row for row in table_rows if any(row)]
    if not table_rows:
        return None
    return PdfTable(page, x0, top, x1, bottom, table_rows, ruled)


def _cell_text(words: list) -> str:
    """A cell's words in reading order (lines top to bottom), joined by spaces."""
    if not words:
        return ""
    words = sorted(words, key=lambda w: w.yc)
    lines: list[list] = []
    for w in words:
        if lines and abs(w.yc - lines[-1][0].yc) <= 0.4 * w.size:
            lines[-1].append(w)
        else:
            lines.append([w])
    parts = [" ".join(w.text for w in sorted(line, key=lambda w: w.x0)) for line in lines]
    text = parts[0]
    for part in parts[1:]:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and part[:1].islower():
            text += part  # the hyphen stays: inside cells it is nearly always a compound
        else:
            text += " " + part
    return text.replace("\t", " ").strip()


def _aligned_table(
    page: int,
    cap: Segment,
    segs: list[Segment],
    edges: list[dict],
    width: float,
    gutters: list[float],
    cfg: PdfSettings,
) -> PdfTable | None:
    """An unruled table in the region under a caption, by pdfplumber's text alignment."""
    tab = cfg.tables
    left, right = 0.0, width  # the caption's column, or the page when it crosses a gutter
    if not any(cap.x0 < g < cap.x1 for g in gutters):
        left = max((g for g in gutters if g <= cap.x0), default=0.0)
        right = min((g for g in gutters if g >= cap.x1), default=width)
    under = [e for e in edges if e["orientation"] == "h"
             and 0 < e["top"] - cap.bottom < 4 * cap.size
             and e["x0"] <= cap.x0 + 2 and e["x1"] - e["x0"] > right - left + 4]  # fmt: skip
    if under:  # a rule under the caption wider than its column: the table spans the page
        left, right = under[0]["x0"] - 1, under[0]["x1"] + 1
    below = [s for s in segs if left <= s.x0 and s.x1 <= right and s.top > cap.top]
    col = sorted(below, key=lambda s: (s.top, s.x0))
    rows = _rows(col)
    # skip the caption's own wrapped lines: single runs at the caption's left edge, same size
    k = 0
    while k < len(rows) and _caption_line(rows[k], cap):
        if rows[k][0].x1 < right - 0.25 * (right - left) or k > 3:
            k += 1
            break
        k += 1
    rows = rows[k:]
    stop = min((s.top for s in below if cfg.table_caption.match(s.text)), default=1e9)
    ruled_span = rule_span(cap, edges, left, right, stop)
    if ruled_span is not None:  # between the table's own rules (booktabs, monospaced block)
        top, bottom = ruled_span
        region = [r for r in rows if top - 1 <= (r[0].top + r[0].bottom) / 2 <= bottom + 1]
    else:
        region = _region_rows(rows, left, right, cfg)
    if len(region) < tab["min_rows"]:
        return None
    seg_list = [s for row in region for s in row]
    rtop = min(s.top for s in seg_list) - 1
    rbottom = max(s.bottom for s in seg_list) + 1
    rx0 = min(s.x0 for s in seg_list) - 1
    rx1 = max(s.x1 for s in seg_list) + 1
    body = region[1:] if len(region) >= 4 else region  # a header cell may run over a gap
    starts = column_starts([w for row in body for s in row for w in s.words])
    if len(starts) < tab["min_cols"]:
        return None
    out_rows: list[list[str]] = []
    wrapped = _wrapped_rows(region)
    for k, row in enumerate(region):
        cells: list[list] = [[] for _ in starts]
        for seg in row:
            for c, words in enumerate(split_cells(seg, starts)):
                cells[c].extend(words)
        texts = [cfg.normalize(" ".join(w.text for w in c)) for c in cells]
        continues = not texts[0] or (k in wrapped and not all(texts)) or _run_on(texts)
        if out_rows and continues and any(texts):  # a wrapped cell continues the row above
            out_rows[-1] = [_joined(a, b) for a, b in zip(out_rows[-1], texts, strict=True)]
        else:
            out_rows.append(texts)
    table = PdfTable(page, rx0, rtop, rx1, rbottom, out_rows, ruled=False)
    return table if _big_enough(table, tab) else None


def _joined(a: str, b: str) -> str:
    """A cell line joined to the cell's text above (a compound's hyphen kept, as in cells)."""
    if a.endswith("-") and len(a) > 1 and a[-2].isalpha() and b[:1].islower():
        return a + b
    return f"{a} {b}".strip()


def _run_on(texts: list[str]) -> bool:
    """A row whose every cell starts in lower case or "(": its cells' second lines.

    Top-aligned cells set at the body's line pitch leave no gap between rows; a label's or a
    value's wrapped line ("lysis", "(before DVA)", "no pedal flow") still starts mid-phrase.
    """
    filled = [t for t in texts if t]
    return bool(filled) and all(t[0].islower() or t[0] == "(" for t in filled)


def _wrapped_rows(region: list[list[Segment]]) -> set[int]:
    """Rows set at the tight pitch of wrapped lines, where rows proper are spaced wider."""
    tops = [row[0].top for row in region]
    pitches = [b - a for a, b in zip(tops, tops[1:], strict=False)]
    if len(pitches) < 2:
        return set()
    tight = min(pitches)
    usual = sorted(pitches)[len(pitches) // 2]
    if usual < 1.15 * tight:
        return set()
    return {k + 1 for k, p in enumerate(pitches) if p <= 1.08 * tight}


def _caption_line(row: list[Segment], cap: Segment) -> bool:
    """A single run at the caption's left edge in the caption's size (a wrapped caption line)."""
    return len(row) == 1 and abs(row[0].x0 - cap.x0) < 2 and abs(row[0].size - cap.size) < 0.5


def _rows(segs: list[Segment]) -> list[list[Segment]]:
    """Segments grouped into rows by height, each row left to right."""
    rows: list[list[Segment]] = []
    for s in segs:
        if rows and abs(s.top - rows[-1][0].top) <= 0.4 * s.size:
            rows[-1].append(s)
        else:
            rows.append([s])
    return [sorted(r, key=lambda s: s.x0) for r in rows]


def _region_rows(rows: list[list[Segment]], left: float, right: float, cfg: PdfSettings) -> list:
    """Rows of the table under a caption, up to a footnote, a wide gap or a line of prose."""
    tab = cfg.tables
    region: list[list[Segment]] = []
    pitches: list[float] = []
    for row in rows:
        first = row[0]
        text = " ".join(s.text for s in row)
        if cfg.table_footnote.match(text) or cfg.table_caption.match(text):
            break
        if cfg.figure_caption.match(text):
            break
        if region and abs(first.size - region[0][0].size) > 0.1 * region[0][0].size:
            break  # back to the body's font size
        if region:
            pitch = first.top - region[-1][0].top
            usual = min(pitches) if pitches else 1.3 * first.size
            if pitch > tab["region_gap"] * usual:
                break
            pitches.append(pitch)
        prose = len(row) == 1 and first.x1 - first.x0 >= tab["prose_width"] * (right - left)
        if prose and len(region) >= 1:
            break
        region.append(row)
    return region


def _cluster(xs: list[float], tol: float) -> list[float]:
    """Sorted values merged when closer than ``tol`` (the first of each run is kept)."""
    out: list[float] = []
    for x in xs:
        if not out or x - out[-1] > tol:
            out.append(x)
    return out
