"""PDFium access: one page's characters (with loose boxes) and ruling edges, fast.

Coordinates are top-down like pdfplumber's: ``top`` grows downwards from the page's top edge.
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as raw

_SPACES = frozenset(" \t\r\n\x00\u00a0\u2002\u2003\u2009\u200a\u200b\ufeff")
_MAX_FORM_DEPTH = 8


@dataclass(slots=True)
class Char:
    """One glyph: its text, loose box and whether white space came before it in the stream."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    space_before: bool
    bold: bool

    @property
    def size(self) -> float:
        """Height of the loose box: the font's size as drawn."""
        return self.bottom - self.top


@dataclass
class PageData:
    """What the layout needs from one page."""

    number: int
    width: float
    height: float
    chars: list[Char]
    edges: list[dict] = field(default_factory=list)


def _page_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """The crop box (left, bottom, right, top), falling back to the media box."""
    left, bottom, right, top = page.get_cropbox()
    if right - left < 1 or top - bottom < 1:
        left, bottom, right, top = page.get_mediabox()
    return left, bottom, right, top


def read_chars(textpage: pdfium.PdfTextPage, left: float, top_y: float) -> list[Char]:
    """All non-space characters of a text page, in PDFium's stream order."""
    count = textpage.count_chars()
    if count <= 0:
        return []
    text = textpage.get_text_range(0, count)
    handle = textpage.raw
    if len(text) != count:
        text = "".join(chr(raw.FPDFText_GetUnicode(handle, k) or 32) for k in range(count))
    rect = raw.FS_RECTF()
    loose = raw.FPDFText_GetLooseCharBox
    chars: list[Char] = []
    append = chars.append
    space = True
    bold = False
    for k in range(count):
        ch = text[k]
        if ch in _SPACES or ch.isspace():
            space = True
            continue
        if not loose(handle, k, rect):
            continue
        y_top, y_bottom = top_y - rect.top, top_y - rect.bottom
        if y_bottom - y_top <= 0.1:
            continue
        if space:
            bold = font_is_bold(handle, k)
        append(Char(ch, rect.left - left, y_top, rect.right - left, y_bottom, space, bold))
        space = False
    return chars


def font_is_bold(handle: ctypes.c_void_p, index: int) -> bool:
    """Whether the character's font is bold (weight >= 600, or 'Bold' in its name)."""
    weight = raw.FPDFText_GetFontWeight(handle, index)
    if weight >= 600:
        return True
    if weight > 0:
        return False
    buf = ctypes.create_string_buffer(128)
    flags = ctypes.c_int()
    raw.FPDFText_GetFontInfo(handle, index, buf, 128, ctypes.byref(flags))
    return b"bold" in buf.value.lower()


def _matrix(obj: ctypes.c_void_p) -> tuple[float, float, float, float, float, float]:
    """The object's transformation matrix (a, b, c, d, e, f)."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple, outer: tuple) -> tuple:
    """Matrix product: apply ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (
        a * A + b * C,
        a * B + b * D,
        c * A + d * C,
        c * B + d * D,
        e * A + f * C + E,
        e * B + f * D + F,
    )


def _path_segments(obj: ctypes.c_void_p, matrix: tuple) -> list[tuple[float, float, float, float]]:
    """Straight segments of a visible path object, in PDF user space."""
    fill = ctypes.c_int()
    stroke = ctypes.c_int()
    if not raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)):
        return []
    if not fill.value and not stroke.value:
        return []
    a, b, c, d, e, f = matrix
    x = ctypes.c_float()
    y = ctypes.c_float()
    out: list[tuple[float, float, float, float]] = []
    start = prev = None
    for k in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, k)
        if not seg or not raw.FPDFPathSegment_GetPoint(seg, ctypes.byref(x), ctypes.byref(y)):
            continue
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = raw.FPDFPathSegment_GetType(seg)
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = prev = point
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and prev is not None:
            out.append((*prev, *point))
        prev = point
        if raw.FPDFPathSegment_GetClose(seg) and start is not None and prev != start:
            out.append((*prev, *start))
            prev = start
    return out


def _collect_segments(
    container: ctypes.c_void_p, is_form: bool, matrix: tuple, depth: int, out: list
) -> None:
    """Walk page (or form) objects, gathering straight path segments."""
    count = (
        raw.FPDFFormObj_CountObjects(container) if is_form else raw.FPDFPage_CountObjects(container)
    )
    get = raw.FPDFFormObj_GetObject if is_form else raw.FPDFPage_GetObject
    for k in range(max(count, 0)):
        obj = get(container, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            out.extend(_path_segments(obj, _compose(_matrix(obj), matrix)))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            _collect_segments(obj, True, _compose(_matrix(obj), matrix), depth + 1, out)


def read_edges(page: pdfium.PdfPage, left: float, top_y: float, tol: float = 1.0) -> list[dict]:
    """Horizontal and vertical ruling edges as pdfplumber-style dicts (top-down coordinates)."""
    segments: list = []
    _collect_segments(page.raw, False, (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), 0, segments)
    edges: list[dict] = []
    for x_a, y_a, x_b, y_b in segments:
        x0, x1 = sorted((x_a - left, x_b - left))
        top, bottom = sorted((top_y - y_a, top_y - y_b))
        if bottom - top <= tol and x1 - x0 > tol:
            mid = (top + bottom) / 2
            edges.append(_edge(x0, x1, mid, mid, "h"))
        elif x1 - x0 <= tol and bottom - top > tol:
            mid = (x0 + x1) / 2
            edges.append(_edge(mid, mid, top, bottom, "v"))
    return edges


def _edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
    """A pdfplumber edge dict."""
    return {
        "x0": x0,
        "x1": x1,
        "top": top,
        "bottom": bottom,
        "width": x1 - x0,
        "height": bottom - top,
        "orientation": orientation,
        "object_type": "line",
    }


def read_page(pdf: pdfium.PdfDocument, index: int) -> PageData:
    """Characters, ruling edges and size of page ``index`` (0-based)."""
    page = pdf[index]
    try:
        left, bottom, right, top = _page_box(page)
        textpage = page.get_textpage()
        try:
            chars = read_chars(textpage, left, top)
        finally:
            textpage.close()
        edges = read_edges(page, left, top)
    finally:
        page.close()
    return PageData(index + 1, right - left, top - bottom, chars, edges)
