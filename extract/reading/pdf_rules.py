"""Ruling lines of a page from PDFium path objects, as pdfplumber-style edges.

Only straight horizontal and vertical segments of visible paths count (stroked lines and the
sides of filled rectangles, also inside form XObjects); curves and invisible paths do not.
"""

from __future__ import annotations

import ctypes
from typing import TYPE_CHECKING

import pypdfium2 as pdfium
import pypdfium2.raw as raw

if TYPE_CHECKING:
    from extract.reading.pdf_chars import Frame

_MAX_FORM_DEPTH = 8
_IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _matrix(obj: ctypes.c_void_p) -> tuple[float, float, float, float, float, float]:
    """The object's transformation matrix (a, b, c, d, e, f)."""
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _compose(inner: tuple, outer: tuple) -> tuple:
    """Matrix product: apply ``inner`` then ``outer``."""
    a, b, c, d, e, f = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
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
    if is_form:
        count, get = raw.FPDFFormObj_CountObjects(container), raw.FPDFFormObj_GetObject
    else:
        count, get = raw.FPDFPage_CountObjects(container), raw.FPDFPage_GetObject
    for k in range(max(count, 0)):
        obj = get(container, k)
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == raw.FPDF_PAGEOBJ_PATH:
            out.extend(_path_segments(obj, _compose(_matrix(obj), matrix)))
        elif kind == raw.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            _collect_segments(obj, True, _compose(_matrix(obj), matrix), depth + 1, out)


def read_edges(page: pdfium.PdfPage, frame: Frame, tol: float = 1.0) -> list[dict]:
    """Horizontal and vertical ruling edges as pdfplumber-style dicts (frame coordinates)."""
    segments: list = []
    _collect_segments(page.raw, False, _IDENTITY, 0, segments)
    edges: list[dict] = []
    for x_a, y_a, x_b, y_b in segments:
        (xa, ta), (xb, tb) = frame.point(x_a, y_a), frame.point(x_b, y_b)
        x0, x1 = sorted((xa, xb))
        y0, y1 = sorted((ta, tb))
        if y1 - y0 <= tol and x1 - x0 > tol:
            mid = (y0 + y1) / 2
            edges.append(edge(x0, x1, mid, mid, "h"))
        elif x1 - x0 <= tol and y1 - y0 > tol:
            mid = (x0 + x1) / 2
            edges.append(edge(mid, mid, y0, y1, "v"))
    return edges


def edge(x0: float, x1: float, top: float, bottom: float, orientation: str) -> dict:
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
