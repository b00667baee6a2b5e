"""Columns: gutters found from how much text covers each x, and the page's reading order.

A page (or a full-width band of it, such as an abstract box set in two columns) has as many
columns as it has gutters: vertical strips that little text crosses, with real column text on
each side. Items crossing a gutter (a title, an abstract box, a table across the page) split
the page into bands; the bands are read top to bottom, and within a band the columns left to
right. A full-width band is searched again for its own columns.
"""

from __future__ import annotations

from extract.reading.pdf_config import PdfSettings
from extract.reading.pdf_layout import Block, Segment, Stream, make_stream


def lines_in(item: Segment | Block) -> int:
    """1 for a line segment; for a table block, about how many lines its height holds."""
    if isinstance(item, Block):
        return max(1, round((item.bottom - item.top) / 12.0))
    return 1


def _coverage(items: list) -> list[tuple[float, float, float]]:
    """Pieces (x0, x1, lines covering) of the x range, from the items' extents."""
    events: dict[float, float] = {}
    for item in items:
        n = lines_in(item)
        events[item.x0] = events.get(item.x0, 0) + n
        events[item.x1] = events.get(item.x1, 0) - n
    pieces = []
    level = 0.0
    xs = sorted(events)
    for a, b in zip(xs, xs[1:], strict=False):
        level += events[a]
        pieces.append((a, b, level))
    return pieces


def find_gutters(items: list, cfg: PdfSettings, top_level: bool = True) -> list[float]:
    """The x of each gap between text columns, left to right ([] for one column).

    A gutter is a strip at least ``gutter_min_pt`` wide that at most ``gutter_coverage`` of
    the usual number of lines crosses (lines across most of the width are not counted), away
    from the edges, with at least ``min_column_items`` lines of half the column's width or more
    on each side. At the top level a page whose only column is the left one (a last page)
    keeps the widest empty strip as its gutter.
    """
    lay = cfg.layout
    if len(items) < 6:
        return []
    x0 = min(i.x0 for i in items)
    x1 = max(i.x1 for i in items)
    width = x1 - x0
    if width < 100:
        return []
    narrow = [i for i in items if i.x1 - i.x0 < lay["gutter_wide_item"] * width]
    pieces = _coverage(narrow)  # lines across most of the width cross any gutter: left out
    spans = sorted((level, b - a) for a, b, level in pieces if level > 0)
    total = sum(length for _, length in spans)
    acc, usual = 0.0, 0.0
    for level, length in spans:  # the length-weighted median coverage
        acc += length
        if acc >= total / 2:
            usual = level
            break
    limit = lay["gutter_coverage"] * usual
    margin = lay["gutter_edge"] * width
    candidates: list[tuple[float, float]] = []
    for a, b, level in pieces:
        if level > limit:
            continue
        if candidates and abs(candidates[-1][1] - a) < 0.01:
            candidates[-1] = (candidates[-1][0], b)
        else:
            candidates.append((a, b))
    gutters = [
        (a + b) / 2
        for a, b in candidates
        if b - a >= lay["gutter_min_pt"] and a > x0 + margin and b < x1 - margin
    ]
    gutters = _validated(items, gutters, x0, x1, lay["min_column_items"])
    if gutters or not top_level:
        return gutters
    return _left_only(items, pieces, x0, x1, cfg)


def _column_counts(items: list, gutters: list[float], x0: float, x1: float) -> list[int]:
    """Lines lying within each column that are at least half its width."""
    edges = [x0, *gutters, x1]
    counts = [0] * (len(edges) - 1)
    for item in items:
        for k in range(len(counts)):
            left, right = edges[k], edges[k + 1]
            if item.x0 >= left - 1 and item.x1 <= right + 1:
                if item.x1 - item.x0 >= 0.5 * (right - left):
                    counts[k] += lines_in(item)
                break
    return counts


def _validated(items: list, gutters: list[float], x0: float, x1: float, need: int) -> list:
    """Gutters left when every column holds enough real column lines (a gap between the cells
    of a table or beside short lines is not a gutter)."""
    gutters = list(gutters)
    while gutters:
        counts = _column_counts(items, gutters, x0, x1)
        weak = [k for k, n in enumerate(counts) if n < need]
        if not weak:
            return gutters
        k = weak[0]
        if k == 0:
            gutters.pop(0)
        elif k == len(gutters):
            gutters.pop()
        else:  # join the weak column with its weaker neighbour
            gutters.pop(k - 1 if counts[k - 1] <= counts[k + 1] else k)
    return gutters


def _left_only(items: list, pieces: list, x0: float, x1: float, cfg: PdfSettings) -> list:
    """A gutter for a page whose left column is filled and right one empty (under a head that
    may run across the page: a title, a wide abstract line)."""
    lay = cfg.layout
    lo, hi = x0 + lay["gutter_search"][0] * (x1 - x0), x0 + lay["gutter_search"][1] * (x1 - x0)
    reach = max((b for _, b, _ in pieces), default=x0)
    headed = reach < hi  # no counted line reaches the right half: the strip beyond is empty
    if headed:
        pieces = [*pieces, (reach, x1, 0.0)]
    best: tuple[float, float, float] | None = None
    for a, b, level in pieces:
        a, b = max(a, lo), min(b, hi)
        if b - a >= lay["gutter_min_pt"] and (best is None or (level, a - b) < best[:2]):
            best = (level, a - b, (a + b) / 2)
    if best is None or best[0] > 0:
        return []
    g = best[2]
    column = [i for i in items if i.x1 <= g and i.x1 - i.x0 >= 0.5 * (g - x0)]
    left = sum(lines_in(i) for i in column)
    beyond = sum(1 for i in items if i.x0 >= g)
    if headed and column:  # the lines across the strip stand above most of the column
        across = [i for i in items if i.x0 < g < i.x1]
        lowest = max((i.bottom for i in across), default=0.0)
        if sum(1 for c in column if c.top < lowest) > 0.25 * len(column):
            return []
    return [g] if left >= lay["min_column_items"] and beyond == 0 else []


def _column_of(item, gutters: list[float]) -> int:  # noqa: ANN001
    """Index of the column an item's centre lies in."""
    xc = (item.x0 + item.x1) / 2
    return sum(1 for g in gutters if xc >= g)


def _spans(item, gutters: list[float]) -> bool:  # noqa: ANN001
    """Whether an item crosses one of the gutters."""
    return any(item.x0 < g - 1 and item.x1 > g + 1 for g in gutters)


def reading_order(
    page: int, segments: list[Segment], blocks: list[Block], width: float, cfg: PdfSettings
) -> list[Stream]:
    """Column streams in reading order: bands split by full-width items, columns left to right."""
    return [s for s in _order(page, [*segments, *blocks], width, cfg, True) if s.items]


def _order(page: int, items: list, width: float, cfg: PdfSettings, top: bool) -> list[Stream]:
    """Streams of a region (the page, or a full-width band searched again)."""
    gutters = find_gutters(items, cfg, top_level=top)
    items = sorted(items, key=lambda i: (i.top, i.x0))
    if not gutters:
        return [make_stream(page, items)]
    edges = _column_edges(items, gutters, width)
    bands: list[tuple[bool, list]] = []  # (spanning, items)
    for item, span in zip(items, _spanning(items, gutters), strict=True):
        if bands and bands[-1][0] == span:
            bands[-1][1].append(item)
        else:
            bands.append((span, [item]))
    bands = [part for span, band in bands for part in _alone_above(span, band, gutters)]
    merged: list[tuple[bool, list]] = []
    for span, band in bands:
        # a line or two in one column only (a wrapped title, a heading) joins the full-width flow
        one_sided = (
            not span
            and len({round(i.bottom) for i in band}) <= 2
            and len({_column_of(i, gutters) for i in band}) == 1
        )
        kind = span or one_sided
        if merged and merged[-1][0] and kind:
            merged[-1][1].extend(band)
        else:
            merged.append((kind, list(band)))
    streams: list[Stream] = []
    for flat, band in merged:
        if not flat:
            columns: list[list] = [[] for _ in range(len(gutters) + 1)]
            for item in band:
                columns[_column_of(item, gutters)].append(item)
            streams.extend(make_stream(page, column) for column in columns)
        elif top and len(band) >= 6 and find_gutters(band, cfg, top_level=False):
            streams.extend(_order(page, band, width, cfg, False))
        else:
            streams.append(make_stream(page, band, gutters, edges))
    return streams


def _spanning(items: list, gutters: list[float]) -> list[bool]:
    """Which items (sorted by top) belong to full-width text: those crossing a gutter, the
    caption of a table across the page, and the short last lines of full-width paragraphs
    (set tight under a crossing line, within its width)."""
    flags: list[bool] = []
    for k, item in enumerate(items):
        span = _spans(item, gutters) or _caption_of_wide(item, items[k + 1 : k + 8], gutters)
        if not span and isinstance(item, Segment):
            for j in range(k - 1, max(-1, k - 12), -1):
                above = items[j]
                if above.bottom > item.top + 0.3 * item.size or above.x1 < item.x0:
                    continue
                span = (
                    flags[j]
                    and isinstance(above, Segment)
                    and item.top - above.bottom <= 0.6 * item.size
                    and item.x0 >= above.x0 - 2
                    and item.x1 <= above.x1 + 2
                )
                break
        flags.append(span)
    return flags


def _caption_of_wide(item, after: list, gutters: list[float]) -> bool:  # noqa: ANN001
    """A line set just above a table across the columns, at its left edge (its caption),
    with nothing between them but the caption's own wrapped lines: the last line of a column
    above a caption is not part of it."""
    if not isinstance(item, Segment):
        return False
    cur = item
    for b in after:
        if isinstance(b, Block):
            return (
                _spans(b, gutters)
                and 0 <= b.top - cur.bottom < 3 * item.size
                and abs(b.x0 - item.x0) < 4
            )
        if b.top < cur.bottom - 0.3 * cur.size:
            continue  # beside it (another column's line at the same height)
        tight = b.top - cur.bottom <= 0.5 * cur.size and abs(b.size - cur.size) < 0.3
        if tight and abs(b.x0 - item.x0) < 4:
            cur = b  # the caption's next line (same size, set tight)
            continue
        return False
    return False


def _column_edges(items: list, gutters: list[float], width: float) -> list[float]:
    """The right edge (measure) of each column: the furthest x two of its lines reach."""
    ends: list[list[float]] = [[] for _ in range(len(gutters) + 1)]
    for item in items:
        if not _spans(item, gutters):
            ends[_column_of(item, gutters)].append(item.x1)
    out = []
    for k, values in enumerate(ends):
        default = gutters[k] if k < len(gutters) else width
        values.sort(reverse=True)
        out.append(values[1] if len(values) > 1 else (values[0] if values else default))
    return out


def _alone_above(span: bool, band: list, gutters: list[float]) -> list[tuple[bool, list]]:
    """A column band split where the other columns begin: first-column lines above them have
    nothing beside them (a ragged title block, short front-matter lines) and read full width."""
    if span:
        return [(span, band)]
    others_top = min((i.top for i in band if _column_of(i, gutters) > 0), default=None)
    if others_top is None:
        return [(True, band)]
    above = [i for i in band if i.bottom < others_top]
    if not above:
        return [(span, band)]
    return [(True, above), (False, [i for i in band if i.bottom >= others_top])]
