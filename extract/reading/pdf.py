"""PDF reader: PDFium for text and geometry, pdfplumber's table finder for tables.

The text keeps the reading order of two-column journal pages, drops running headers, footers
and page numbers, joins hyphenated words, and writes each table as tab-separated rows between
its caption and its footnote, so that the rest of the pipeline reads a PDF like a text paper.
"""

from __future__ import annotations

import os
import re

import pypdfium2 as pdfium

from extract.document import Document, sha256_of
from extract.errors import LimitError, PdfError
from extract.reading.pdf_chars import PageData, read_page
from extract.reading.pdf_columns import find_gutters, reading_order
from extract.reading.pdf_config import PdfSettings, settings
from extract.reading.pdf_layout import (
    Block,
    Segment,
    build_segments,
    make_stream,
    remove_running,
)
from extract.reading.pdf_tables import PdfTable, aligned_tables, ruled_grids, ruled_tables
from extract.reading.pdf_text import assemble, join_columns, line_pitches, paragraphs
from extract.reading.pdf_words import drop_line_numbers

NO_TEXT = "no text layer: OCR it first, e.g. with ocrmypdf"
_NO_PAGES = re.compile(rb"/Type\s*/Pages\b[^>]*/Count\s+0\b|/Count\s+0\b[^>]*/Type\s*/Pages\b")
_MIN_CHARS_PER_PAGE = 10


def check_bytes(name: str, data: bytes) -> None:
    """Refuse what is not a whole PDF before handing it to PDFium."""
    if not data[:1024].lstrip().startswith(b"%PDF"):
        kind = "text" if _mostly_text(data[:4096]) else "binary data"
        raise PdfError(f"{name}: not a PDF (no %PDF header; the file holds {kind})")
    if b"%%EOF" not in data[-8192:]:
        raise PdfError(f"{name}: truncated or corrupt PDF (no %%EOF end marker)")


def _mostly_text(sample: bytes) -> bool:
    """Whether a byte sample looks like text rather than binary data."""
    if not sample:
        return False
    printable = sum(1 for b in sample if 32 <= b < 127 or b in (9, 10, 13))
    return printable >= 0.9 * len(sample)


def open_pdf(name: str, data: bytes, max_pages: int) -> pdfium.PdfDocument:
    """Open the PDF with PDFium and check its page count against ``max_pages``."""
    check_bytes(name, data)
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise PdfError(f"{name}: encrypted PDF (a password is needed to open it)") from None
        if code == pdfium.raw.FPDF_ERR_SECURITY:
            raise PdfError(f"{name}: encrypted PDF (unsupported security handler)") from None
        if _NO_PAGES.search(data):  # PDFium refuses an empty page tree without an error code
            raise PdfError(f"{name}: PDF has no pages") from None
        raise PdfError(f"{name}: corrupt or truncated PDF ({_reason(exc)})") from None
    except Exception as exc:  # noqa: BLE001 - anything PDFium raises is a bad PDF to the user
        raise PdfError(f"{name}: corrupt or truncated PDF ({_reason(exc)})") from None
    n_pages = len(pdf)
    if n_pages == 0:
        pdf.close()
        raise PdfError(f"{name}: PDF has no pages")
    if n_pages > max_pages:
        pdf.close()
        raise LimitError(f"{name}: {n_pages} pages is over --max-pages {max_pages}")
    return pdf


def _reason(exc: Exception) -> str:
    """A short one-line reason from a PDFium or pdfminer exception."""
    text = " ".join(str(exc).split()) or type(exc).__name__
    if "PDFium:" in text:
        text = text.split("PDFium:", 1)[1].strip(" ).")
        if text == "Success":  # PDFium gave up without naming a reason
            text = "PDFium cannot load it"
    return text[:120]


def read_pdf(path: str | os.PathLike, data: bytes, max_pages: int) -> Document:
    """A PDF paper as a :class:`Document` (``format="pdf"``, ``page_starts`` per page)."""
    name = os.fspath(path)
    cfg = settings()
    pdf = open_pdf(name, data, max_pages)
    try:
        pages = [_read_page(pdf, k, name) for k in range(len(pdf))]
    finally:
        pdf.close()
    return layout_document(name, data, pages, cfg)


def _read_page(pdf: pdfium.PdfDocument, index: int, name: str) -> PageData:
    """One page's words and edges; PDFium failures become a one-line PdfError."""
    try:
        return read_page(pdf, index)
    except pdfium.PdfiumError as exc:
        raise PdfError(f"{name}: page {index + 1} cannot be read ({_reason(exc)})") from None
    except (OSError, ValueError) as exc:
        raise PdfError(f"{name}: page {index + 1} cannot be read ({_reason(exc)})") from None


def layout_document(name: str, data: bytes, pages: list[PageData], cfg: PdfSettings) -> Document:
    """Segments, running lines, tables, reading order and text, for pages already read."""
    n_chars = [sum(len(w.text) for w in p.words) for p in pages]
    if sum(n_chars) < _MIN_CHARS_PER_PAGE:
        raise PdfError(f"{name}: {NO_TEXT}")
    warnings: list[str] = []
    empty = [p.number for p, n in zip(pages, n_chars, strict=True) if n < _MIN_CHARS_PER_PAGE]
    if empty:
        listed = ", ".join(str(n) for n in empty[:10]) + (" ..." if len(empty) > 10 else "")
        warnings.append(f"{name}: no text layer on page(s) {listed}; their content is missing")
    grids = [ruled_grids(p.width, p.height, p.edges, cfg) for p in pages]
    segs = [
        build_segments(drop_line_numbers(p.words, [g.bbox for g in page_grids]), p.number, cfg)
        for p, page_grids in zip(pages, grids, strict=True)
    ]
    ruled = [
        ruled_tables(p.number, page_grids, page_segs, cfg)
        for p, page_grids, page_segs in zip(pages, grids, segs, strict=True)
    ]
    keep = {id(s) for page_segs, ts in zip(segs, ruled, strict=True) for s in page_segs
            if any(t.contains(s) for t in ts)}  # fmt: skip
    front = remove_running(segs, [p.height for p in pages], cfg, keep)
    streams = [make_stream(1, front)] if front else []  # the first page's head and foot first
    for page, page_segs, tables in zip(pages, segs, ruled, strict=True):
        streams.extend(_page_streams(page, page_segs, tables, cfg))
    paras = join_columns(paragraphs(streams, cfg, line_pitches(streams)), cfg)
    text, starts, tables = assemble(paras, len(pages), cfg)
    return Document(
        text=text,
        path=name,
        sha256=sha256_of(data),
        format="pdf",
        page_starts=starts,
        warnings=warnings,
        pdf_tables=tables,
    )


def _page_streams(
    page: PageData, segs: list[Segment], tables: list[PdfTable], cfg: PdfSettings
) -> list:
    """The page's ruled ``tables``, unruled ones under captions, the rest in reading order."""
    if any(cfg.table_caption.match(s.text) for s in segs):
        rest = [s for s in segs if not any(t.contains(s) for t in tables)]
        ruled = [Block(t, t.x0, t.top, t.x1, t.bottom) for t in tables]
        gutters = find_gutters([*rest, *ruled], cfg)
        found = aligned_tables(page.number, page.width, rest, page.edges, tables, gutters, cfg)
        tables = tables + found
    if tables:
        segs = [s for s in segs if not any(t.contains(s) for t in tables)]
    blocks = [Block(t, t.x0, t.top, t.x1, t.bottom) for t in tables]
    return reading_order(page.number, segs, blocks, page.width, cfg)
