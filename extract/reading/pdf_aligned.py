"""Unruled tables (booktabs, space-aligned monospaced text): region and columns from words.

The region is bounded by the table's horizontal rules when it has them (a booktabs top, mid
and bottom rule, or the rules drawn above and below a monospaced block). Columns are the
vertical strips that no word of any row covers: spaces inside a cell are covered by the words
of other rows, gaps between columns are not, however tight the column gap. In monospaced
text a single space is as wide as a tight gap, so there a gap must be two characters wide.
"""

from __future__ import annotations

from extract.reading.pdf_chars import Word
from extract.reading.pdf_layout import Segment


def rule_span(
    cap: Segment, edges: list[dict], left: float, right: float, stop: float
) -> tuple[float, float] | None:
    """(top, bottom) between the first horizontal rule under a caption and the last rule of
    the same extent above ``stop`` (the next caption), or None without two such rules."""
    hs = sorted(
        (e for e in edges if e["orientation"] == "h" and e["top"] > cap.bottom
         and e["top"] < stop and e["x0"] >= left - 2 and e["x1"] <= right + 2
         and e["x1"] - e["x0"] >= 0.3 * (right - left)),
        key=lambda e: e["top"],
    )  # fmt: skip
    if not hs or hs[0]["top"] - cap.bottom > 4 * cap.size:
        return None
    first = hs[0]
    group = [e for e in hs if abs(e["x0"] - first["x0"]) < 6 and abs(e["x1"] - first["x1"]) < 6]
    if len(group) < 2 or group[-1]["top"] - first["top"] < 2 * cap.size:
        return None
    return first["top"], group[-1]["bottom"]


def _monospaced(words: list[Word]) -> float | None:
    """The character width when every longer word is set in one fixed pitch (else None)."""
    pitches = [(w.x1 - w.x0) / len(w.text) for w in words if len(w.text) >= 3]
    if len(pitches) < 5:
        return None
    pitches.sort()
    mid = pitches[len(pitches) // 2]
    inside = sum(1 for p in pitches if abs(p - mid) <= 0.04 * mid)
    return mid if inside >= 0.9 * len(pitches) else None


def column_starts(words: list[Word]) -> list[float]:
    """Left edges of the columns: strips no word covers, wider than a space between words."""
    if not words:
        return []
    size = sorted(w.size for w in words)[len(words) // 2]
    pitch = _monospaced(words)
    min_gap = 1.5 * pitch if pitch else 0.3 * size
    spans = sorted((w.x0, w.x1) for w in words)
    starts = [spans[0][0]]
    reach = spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= min_gap:
            starts.append(x0)
        reach = max(reach, x1)
    return starts


def split_cells(seg: Segment, starts: list[float]) -> list[list[Word]]:
    """A row segment's words by column (a word belongs to the last column starting at or
    before its left edge)."""
    cells: list[list[Word]] = [[] for _ in starts]
    for w in seg.words:
        k = 0
        for j, x in enumerate(starts):
            if w.x0 >= x - 1.0:
                k = j
        cells[k].append(w)
    return cells
