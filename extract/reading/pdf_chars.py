"""PDFium access: one page's words (with loose boxes) and ruling edges, fast.

Boxes are read per word (first and last glyph), not per glyph: a PDFium call costs about 2 µs,
so per-glyph boxes would take most of the time budget. Glyphs are examined one by one only
where a word needs it (a trailing superscript, a ruling line or a wide gap inside it).
Coordinates are top-down like pdfplumber's: ``top`` grows downwards from the page's top edge.
"""

from __future__ import annotations

import bisect
import ctypes
import math
import re
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from extract.reading.pdf_rules import read_edges

# PDFium marks a hyphen it thinks ends a line inside a word with U+FFFE (and drops the break).
_LINE_HYPHENS = "\ufffe\x02\u00ad"
_WORD = re.compile(r"[^\s\x00\ufeff\u200b\ufffe\x02\u00ad]+[\ufffe\x02\u00ad]?|[\ufffe\x02\u00ad]")
_BOLD_NAME = re.compile(rb"bold|black|heavy|semibd|demi", re.IGNORECASE)
_CITATION_MARK = re.compile(r"^[\d,\u2013\-–*†‡§¶]+$|^[a-z]$")


@dataclass(slots=True)
class Word:
    """A run of glyphs without white space, with its loose box (top-down coordinates)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    bold: bool = False

    @property
    def size(self) -> float:
        """Height of the loose box: the font size as drawn."""
        return self.bottom - self.top

    @property
    def xc(self) -> float:
        """Horizontal centre."""
        return (self.x0 + self.x1) / 2

    @property
    def yc(self) -> float:
        """Vertical centre."""
        return (self.top + self.bottom) / 2


@dataclass
class PageData:
    """What the layout needs from one page."""

    number: int
    width: float
    height: float
    words: list[Word]
    edges: list[dict] = field(default_factory=list)


class Frame:
    """PDF user space to top-down page coordinates, turned so that the text reads left to right.

    ``turn`` is the text direction in user space: 0 right (usual), 1 up, 2 left, 3 down (a
    page rotated with /Rotate, or a landscape table page).
    """

    def __init__(self, box: tuple[float, float, float, float], turn: int = 0) -> None:
        self.left, self.bottom, self.right, self.top = box
        self.turn = turn
        if turn % 2:
            self.width, self.height = self.top - self.bottom, self.right - self.left
        else:
            self.width, self.height = self.right - self.left, self.top - self.bottom

    def point(self, x: float, y: float) -> tuple[float, float]:
        """(x, top) of a user-space point."""
        if self.turn == 0:
            return x - self.left, self.top - y
        if self.turn == 1:
            return y - self.bottom, x - self.left
        if self.turn == 2:
            return self.right - x, y - self.bottom
        return self.top - y, self.right - x

    def rect(self, left: float, bottom: float, right: float, top: float) -> tuple:
        """(x0, top, x1, bottom) of a user-space rectangle."""
        if self.turn == 0:
            return (left - self.left, self.top - top, right - self.left, self.top - bottom)
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return (min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb))


class _Glyphs:
    """Loose glyph boxes of one text page, in a frame's coordinates."""

    def __init__(self, textpage: pdfium.PdfTextPage, frame: Frame) -> None:
        self.handle = textpage.raw
        self.frame = frame
        self.rect = raw.FS_RECTF()
        self.name = ctypes.create_string_buffer(128)
        self.flags = ctypes.byref(ctypes.c_int())
        self.names: dict[bytes, bool] = {}

    def box(self, k: int) -> tuple[float, float, float, float] | None:
        """(x0, top, x1, bottom) of glyph ``k``, or None when it has no box."""
        r = self.rect
        if not raw.FPDFText_GetLooseCharBox(self.handle, k, r):
            return None
        if r.top - r.bottom <= 0.1 or r.right - r.left < 0:
            return None
        return self.frame.rect(r.left, r.bottom, r.right, r.top)

    def bold(self, k: int) -> bool:
        """Whether glyph ``k``'s font is bold: weight >= 600, or a bold face by its name
        ("DejaVu-Serif-Bold", "Arial,Black"; embedded fonts often report weight 400)."""
        raw.FPDFText_GetFontInfo(self.handle, k, self.name, 128, self.flags)
        name = self.name.value
        bold = self.names.get(name)
        if bold is None:
            weight = raw.FPDFText_GetFontWeight(self.handle, k)
            bold = self.names[name] = weight >= 600 or bool(_BOLD_NAME.search(name))
        return bold


def _page_text(textpage: pdfium.PdfTextPage) -> str:
    """The text page's characters, one string position per PDFium character index."""
    count = textpage.count_chars()
    if count <= 0:
        return ""
    text = textpage.get_text_range(0, count)
    if len(text) != count:  # characters outside the BMP: read them one by one
        handle = textpage.raw
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, k) or 32) for k in range(count))
    return text


def _split_word(
    glyphs: _Glyphs, text: str, start: int, end: int, cuts: list[tuple], gap: float
) -> list[Word]:
    """Split a word glyph by glyph at ruling lines (``cuts``) and wide gaps."""
    out: list[Word] = []
    cur: Word | None = None
    for k in range(start, end):
        box = glyphs.box(k)
        if box is None:
            continue
        x0, top, x1, bottom = box
        ch = "-" if text[k] in _LINE_HYPHENS else text[k]
        yc = (top + bottom) / 2
        crosses = cur is not None and any(
            cur.x1 - 0.5 <= x <= x0 + 0.5 and t <= yc <= b for x, t, b in cuts
        )
        if cur is None or crosses or x0 - cur.x1 > gap * (bottom - top):
            cur = Word(ch, x0, top, x1, bottom)
            out.append(cur)
        else:
            cur.text += ch
            cur.x1 = max(cur.x1, x1)
    return out


def _crosses(x0: float, x1: float, yc: float, cuts: list[tuple[float, float, float]]) -> bool:
    """Whether a vertical ruling line (x, top, bottom) runs through the span at height ``yc``."""
    lo = bisect.bisect_right(cuts, (x0 + 0.5,))
    for k in range(lo, len(cuts)):
        x, top, bottom = cuts[k]
        if x >= x1 - 0.5:
            break
        if top <= yc <= bottom:
            return True
    return False


def read_words(
    textpage: pdfium.PdfTextPage,
    frame: Frame,
    v_cuts: list[tuple[float, float, float]],
) -> list[Word]:
    """Words of a text page in PDFium's order, reading left to right in ``frame``.

    Trailing citation superscripts are cut off; words running another way than the page's
    text (a rotated margin note) are left out.
    """
    text = _page_text(textpage)
    glyphs = _Glyphs(textpage, frame)
    box, handle = glyphs.box, glyphs.handle
    if frame.turn == 0:  # the usual page: convert inline, a PDFium call is most of the cost
        rect, get_box, left, top = glyphs.rect, raw.FPDFText_GetLooseCharBox, frame.left, frame.top

        def box(k: int) -> tuple[float, float, float, float] | None:
            if not get_box(handle, k, rect) or rect.top - rect.bottom <= 0.1:
                return None
            return (rect.left - left, top - rect.top, rect.right - left, top - rect.bottom)

    words: list[Word] = []
    index: list[int] = []  # each word's first character (-1: split glyph by glyph)
    for match in _WORD.finditer(text):
        start, end = match.span()
        first = box(start)
        last = box(end - 1) if end - start > 1 else first
        if first is None or last is None:
            words.extend(_split_word(glyphs, text, start, end, [], 0.6))
            index.extend([-1] * (len(words) - len(index)))
            continue
        x0, f_top, _, f_bottom = first
        _, l_top, x1, l_bottom = last
        size = f_bottom - f_top
        if end - start > 3:
            if x1 < x0 or abs(l_bottom - f_bottom) > size:
                continue  # runs up or down the page: not this page's text direction
        elif not _upright(handle, start, frame):
            continue
        word_text = match.group()
        if word_text[-1] in _LINE_HYPHENS:
            word_text = word_text[:-1] + "-"
        if l_bottom < f_bottom - 0.25 * size:  # raised (smaller or not: <sup> may keep size)
            cut = _superscript_start(glyphs, start, end, size, f_bottom)
            if cut is not None and _CITATION_MARK.match(text[cut:end]):
                word_text = text[start:cut]
                before = box(cut - 1)
                x1 = before[2] if before else x1
                l_top, l_bottom = f_top, f_bottom
        wide = x1 - x0 > (end - start) * size * 0.9 + 2 * size
        if wide or (v_cuts and _crosses(x0, x1, (f_top + f_bottom) / 2, v_cuts)):
            words.extend(_split_word(glyphs, text, start, end, v_cuts, 0.6))
            index.extend([-1] * (len(words) - len(index)))
            continue
        words.append(Word(word_text, x0, min(f_top, l_top), x1, max(f_bottom, l_bottom)))
        index.append(start)
    _mark_bold(words, index, glyphs)
    return words


def _mark_bold(words: list[Word], index: list[int], glyphs: _Glyphs) -> None:
    """Bold flags by runs of words along one baseline (PDFium order): a run is bold when its
    first and last words are (the layout asks only whether a whole line is bold), so the font
    is looked up twice a run rather than once a word."""
    k = 0
    n = len(words)
    while k < n:
        j = k
        while j + 1 < n:
            a, b = words[j], words[j + 1]
            size = a.bottom - a.top
            if abs(b.bottom - a.bottom) > 0.3 * size or not -1 <= b.x0 - a.x1 <= size:
                break
            if abs(b.bottom - b.top - size) > 0.15 * size:  # another size: a line number
                break
            j += 1
        ends = [i for i in (k, j) if index[i] >= 0]
        bold = bool(ends) and all(glyphs.bold(index[i]) for i in ends)
        if bold:
            for i in range(k, j + 1):
                words[i].bold = True
        k = j + 1


def _upright(handle: ctypes.c_void_p, k: int, frame: Frame) -> bool:
    """Whether a lone glyph runs in the page's text direction (PDFium angles turn clockwise)."""
    angle = raw.FPDFText_GetCharAngle(handle, k)
    if angle < 0:
        return True
    quarter = round(angle / (math.pi / 2)) % 4
    return quarter == (-frame.turn) % 4


def text_direction(textpage: pdfium.PdfTextPage, box: tuple) -> int:
    """The page's main text direction in user space: 0 right, 1 up, 2 left, 3 down."""
    text = _page_text(textpage)
    rect = raw.FS_RECTF()
    votes = [0, 0, 0, 0]
    for match in _WORD.finditer(text):
        start, end = match.span()
        if end - start < 3:
            continue
        centres = []
        for k in (start, end - 1):
            if not raw.FPDFText_GetLooseCharBox(textpage.raw, k, rect):
                break
            centres.append(((rect.left + rect.right) / 2, (rect.bottom + rect.top) / 2))
        if len(centres) < 2:
            continue
        dx, dy = centres[1][0] - centres[0][0], centres[1][1] - centres[0][1]
        if abs(dx) >= abs(dy):
            votes[0 if dx > 0 else 2] += 1
        else:
            votes[1 if dy > 0 else 3] += 1
        if sum(votes) >= 40:
            break
    return max(range(4), key=lambda q: (votes[q], q == 0))


def _superscript_start(
    glyphs: _Glyphs, start: int, end: int, size: float, base: float
) -> int | None:
    """Index where a word's trailing run of raised glyphs (no taller than the word's
    first) begins (None if all are)."""
    k = end - 1
    while k > start:
        box = glyphs.box(k - 1)
        if box is None or not (box[3] - box[1] < 1.05 * size and box[3] < base - 0.25 * size):
            return k
        k -= 1
    return None


def _page_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """The crop box (left, bottom, right, top), falling back to the media box."""
    left, bottom, right, top = page.get_cropbox()
    if right - left < 1 or top - bottom < 1:
        left, bottom, right, top = page.get_mediabox()
    return left, bottom, right, top


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageData:
    """Words, ruling edges and size of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        box = _page_box(page)
        textpage = page.get_textpage()
        try:
            turn = text_direction(textpage, box) if page.get_rotation() else 0
            frame = Frame(box, turn)
            edges = read_edges(page, frame)
            v_cuts = sorted((e["x0"], e["top"], e["bottom"]) for e in edges if e["x0"] == e["x1"])
            words = read_words(textpage, frame, v_cuts)
        finally:
            textpage.close()
    finally:
        page.close()
    return PageData(index + 1, frame.width, frame.height, words, edges)
