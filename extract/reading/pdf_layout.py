"""Page geometry: words into line segments, running headers/footers out, columns, reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extract.reading.pdf_chars import Word
from extract.reading.pdf_config import PdfSettings
from extract.reading.pdf_words import unspace

_CITATION_MARK = re.compile(r"^[\d,\u2013\-*†‡§¶]+$|^[a-z]$")
_DIGITS = re.compile(r"\d+")
# a running head that cites the paper (journal, year, volume, DOI): its first-page copy is kept
# (not a copyright or licence notice, which carries a year too)
_CITATION = re.compile(r"\b(?:19|20)\d\d\b|\bdoi\b|\b10\.\d{4,}/", re.IGNORECASE)
_NOTICE = re.compile(r"©|\(c\)|copyright|licen[cs]|rights reserved|author\(s\)", re.IGNORECASE)


@dataclass(slots=True)
class Segment:
    """Words on one line with no wide gap between them (one column's part of a text line)."""

    words: list[Word]
    page: int
    x0: float = 0.0
    top: float = 0.0
    x1: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    text: str = ""

    def update(self, cfg: PdfSettings) -> None:
        """Recompute the box, font size (median word height) and normalised text."""
        ws = self.words
        self.x0 = ws[0].x0
        self.x1 = ws[-1].x1
        top, bottom = ws[0].top, ws[0].bottom
        for w in ws:
            if w.top < top:
                top = w.top
            if w.bottom > bottom:
                bottom = w.bottom
            if w.x0 < self.x0:
                self.x0 = w.x0
            if w.x1 > self.x1:
                self.x1 = w.x1
        self.top, self.bottom = top, bottom
        if len(ws) > 2:
            self.size = sorted(w.bottom - w.top for w in ws)[len(ws) // 2]
        else:
            self.size = max(w.bottom - w.top for w in ws)
        self.text = cfg.normalize(" ".join(w.text for w in ws))


@dataclass(slots=True)
class Line:
    """Segments of one column at the same height, left to right."""

    segments: list[Segment]
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool
    text: str
    right: float = 0.0  # right edge of the line's column (the measure it was set to)


@dataclass
class Block:
    """A table placed in the reading order (``payload`` is the table)."""

    payload: object
    x0: float
    top: float
    x1: float
    bottom: float


@dataclass
class Stream:
    """One column (or a full-width band) of a page, top to bottom: lines and table blocks."""

    page: int
    items: list[Line | Block] = field(default_factory=list)
    left: float = 0.0
    right: float = 0.0
    justified: bool = False
    body_size: float = 0.0


def build_segments(words: list[Word], page: int, cfg: PdfSettings) -> list[Segment]:
    """Group words (in stream order) into segments; drop glued citation superscripts."""
    gap_limit = cfg.layout["segment_gap"]
    segments: list[Segment] = []
    cur: Segment | None = None
    last: Word | None = None
    for w in words:
        if cur is not None and last is not None:
            overlap = min(last.bottom, w.bottom) - max(last.top, w.top)
            size = max(last.size, w.size)
            gap = w.x0 - last.x1
            if overlap >= 0.5 * min(last.size, w.size) and -0.5 * size <= gap <= gap_limit * size:
                cur.words.append(w)
                last = w
                continue
        cur = Segment([w], page)
        segments.append(cur)
        last = w
    ratio = cfg.layout["superscript_ratio"]
    out: list[Segment] = []
    for seg in segments:
        seg.words = unspace(seg.words)
        seg.update(cfg)
        if len(seg.words) > 1 and any(w.bottom < seg.bottom - 0.25 * seg.size for w in seg.words):
            base = seg.bottom
            seg.words = [
                w
                for w in seg.words
                if not (
                    w.size < ratio * seg.size
                    and w.bottom < base - 0.25 * seg.size
                    and _CITATION_MARK.match(w.text)
                )
            ]
            seg.update(cfg)
        out.append(seg)
    return out


def remove_running(
    pages: list[list[Segment]], heights: list[float], cfg: PdfSettings, keep: set[int] = frozenset()
) -> list[Segment]:
    """Drop headers, footers and page numbers: margin lines repeated at one place on most pages,
    and small lines alone at a page's edge. Returns those alone at the first page's edge other
    than page numbers (journal, citation, DOI, dates): the front matter a journal sets there;
    and the first page's copy of a repeated head or foot that cites the paper (a year or a DOI:
    "J Interv Limb Ther. 2025;7:e250031" on every page), which is front matter too.

    Segments whose ``id`` is in ``keep`` (table cells) and rows of more than three segments
    (table rows) are never taken for running lines.
    """
    run = cfg.running
    n = len(pages)
    need = max(2, round(run["min_page_fraction"] * n + 0.49))
    tol = run["position_tolerance_pt"]
    groups: dict[str, list[tuple[int, Segment]]] = {}
    for p, (segs, height) in enumerate(zip(pages, heights, strict=True)):
        zone = run["zone_fraction"] * height
        rows: dict[int, int] = {}
        for seg in segs:
            rows[round(seg.top / 2)] = rows.get(round(seg.top / 2), 0) + 1
        for seg in segs:
            if id(seg) in keep or rows[round(seg.top / 2)] > 3:
                continue
            if seg.top < zone or seg.bottom > height - zone:
                key = _DIGITS.sub("#", seg.text.lower()).strip()
                groups.setdefault(key, []).append((p, seg))
    drop: set[int] = set()
    cited: list[Segment] = []  # the first page's copy of a repeated head citing the paper
    for key, members in groups.items():
        for cluster in _by_position(members, tol):
            pages_hit = {p for p, _ in cluster}
            if n >= 2 and len(pages_hit) >= need:
                drop.update(id(s) for _, s in cluster)
                cited.extend(s for p, s in cluster if p == 0 and _cites(s.text))
            elif cfg.page_number.match(key.replace("#", "1")):
                drop.update(id(s) for p, s in cluster if _outermost(s, pages[p]))
    sizes = [round(s.size, 1) for segs in pages for s in segs if id(s) not in keep for _ in s.words]
    body = max(set(sizes), key=sizes.count) if sizes else 0.0
    front: list[Segment] = []
    for p, (segs, height) in enumerate(zip(pages, heights, strict=True)):
        lone = [s for s in _lone_margin_lines(segs, height, run["edge_fraction"], body)
                if id(s) not in keep and id(s) not in drop]  # fmt: skip
        drop.update(id(s) for s in lone)
        if p == 0:  # seen on the first page only: kept as front matter
            front = [s for s in lone if not cfg.page_number.match(s.text)]
        pages[p] = [s for s in segs if id(s) not in drop]
    return sorted(cited, key=lambda s: (s.top, s.x0)) + front


def _cites(text: str) -> bool:
    """Whether a running line cites the paper (a year or DOI, not in a copyright notice)."""
    return bool(_CITATION.search(text)) and not _NOTICE.search(text)


def _by_position(members: list[tuple[int, Segment]], tol: float) -> list[list]:
    """Members (page, segment) grouped by height on the page (tops within ``tol``)."""
    clusters: list[list[tuple[int, Segment]]] = []
    for member in sorted(members, key=lambda m: m[1].top):
        if clusters and member[1].top - clusters[-1][-1][1].top <= tol:
            clusters[-1].append(member)
        else:
            clusters.append([member])
    return clusters


def _lone_margin_lines(
    segs: list[Segment], height: float, edge: float, body: float
) -> list[Segment]:
    """Header/footer lines seen once: at the page edge, smaller than the body text
    (``body``: the document's commonest size), and set apart from everything else."""
    if len(segs) < 4:
        return []
    out: list[Segment] = []
    for seg in segs:
        top_edge = seg.bottom < edge * height
        bottom_edge = seg.top > (1 - edge) * height
        if not (top_edge or bottom_edge) or seg.size > 0.95 * body:
            continue
        others = [o for o in segs if o is not seg and abs(o.top - seg.top) > 0.5 * seg.size]
        if top_edge:
            gap = min((o.top - seg.bottom for o in others if o.top > seg.top), default=height)
        else:
            gap = min((seg.top - o.bottom for o in others if o.top < seg.top), default=height)
        if gap >= 0.8 * body:
            out.append(seg)
    return out


def _outermost(seg: Segment, segs: list[Segment]) -> bool:
    """Whether nothing else on the page lies above (or below) this segment."""
    return all(o is seg or o.top > seg.bottom for o in segs) or all(
        o is seg or o.bottom < seg.top for o in segs
    )


def make_stream(
    page: int, items: list, gutters: list[float] | None = None, edges: list[float] | None = None
) -> Stream:
    """Items of one column into lines (segments at one height merged) and blocks.

    In a full-width stream on a page with columns (``gutters``), a line lying within one
    column gets that column's right edge (``edges``) as its measure.
    """
    stream = Stream(page)
    pending: list[Segment] = []
    for item in sorted(items, key=lambda i: (i.bottom, i.x0)):
        if isinstance(item, Block):
            _flush(stream, pending)
            stream.items.append(item)
            continue
        if pending and abs(item.bottom - pending[0].bottom) > 0.4 * max(item.size, pending[0].size):
            _flush(stream, pending)
        pending.append(item)
    _flush(stream, pending)
    lines = [i for i in stream.items if isinstance(i, Line)]
    if lines:
        stream.left = _low(sorted(line.x0 for line in lines))
        stream.right = _high([line.x1 for line in lines], 0.0)
        sizes = [round(line.size, 1) for line in lines]
        stream.body_size = max(set(sizes), key=sizes.count)
        body = [line for line in lines if abs(line.size - stream.body_size) < 0.3]
        ends = sum(1 for line in body if line.x1 >= stream.right - 2.0)
        stream.justified = len(body) >= 4 and ends >= 0.5 * len(body)
        for line in lines:
            line.right = stream.right
            if gutters and edges:
                bounds = [float("-inf"), *gutters, float("inf")]
                for k in range(len(edges)):
                    if line.x0 >= bounds[k] - 1 and line.x1 <= bounds[k + 1] + 1:
                        line.right = edges[k]
                        break
    return stream


def _high(values: list[float], default: float) -> float:
    """A column's right edge: the furthest x that two items reach (one stray wide line, a title
    or a spanning abstract above a column, does not set the measure)."""
    if not values:
        return default
    ends = sorted(values, reverse=True)
    return ends[1] if len(ends) > 1 else ends[0]


def _low(values: list[float]) -> float:
    """The smallest value shared by several items (robust column left edge)."""
    for v in values:
        if sum(1 for w in values if abs(w - v) <= 1.0) >= max(2, len(values) // 5):
            return v
    return values[0]


def _flush(stream: Stream, pending: list[Segment]) -> None:
    """Turn pending same-height segments into one line."""
    if not pending:
        return
    segs = sorted(pending, key=lambda s: s.x0)
    words = [w for s in segs for w in s.words]
    stream.items.append(
        Line(
            segments=segs,
            x0=segs[0].x0,
            top=min(s.top for s in segs),
            x1=max(s.x1 for s in segs),
            bottom=max(s.bottom for s in segs),
            size=max(s.size for s in segs),
            bold=all(w.bold for w in words),
            text=" ".join(s.text for s in segs),
        )
    )
    pending.clear()
