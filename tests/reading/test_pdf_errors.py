"""PDF reader errors: one line each, our own exception types, nothing read past a limit."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

import extract.reading.pdf as pdf_module
from extract.errors import LimitError, PdfError
from extract.reading import read_document
from extract.reading.pdf import read_pdf

pdfencrypt = pytest.importorskip("reportlab.lib.pdfencrypt")

LINES = ["Case 1", "A 64-year-old woman underwent deep vein arterialization."]


def one_line(exc: pytest.ExceptionInfo) -> str:
    """The exception's message, checked to be a single line."""
    message = str(exc.value)
    assert message and "\n" not in message
    return message


def test_pdf_encrypted_with_a_user_password_is_refused(pdf_bytes):
    locked = pdfencrypt.StandardEncryption("s3cret", ownerPassword="owner")
    with pytest.raises(PdfError) as exc:
        read_pdf("locked.pdf", pdf_bytes.simple([LINES], encrypt=locked), max_pages=10)
    assert "locked.pdf: encrypted PDF" in one_line(exc)


def test_pdf_with_only_an_owner_password_is_read(pdf_bytes):
    restricted = pdfencrypt.StandardEncryption("", ownerPassword="owner", canCopy=0)
    doc = read_pdf("restricted.pdf", pdf_bytes.simple([LINES], encrypt=restricted), max_pages=10)
    assert "A 64-year-old woman underwent deep vein arterialization." in doc.text


def test_pdf_corrupt_body_is_refused():
    data = b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n"
    with pytest.raises(PdfError) as exc:
        read_pdf("broken.pdf", data, max_pages=10)
    assert "broken.pdf: corrupt or truncated PDF" in one_line(exc)


def test_pdf_truncated_file_is_refused(pdf_bytes):
    whole = pdf_bytes.simple([LINES, LINES])
    with pytest.raises(PdfError) as exc:
        read_pdf("half.pdf", whole[: len(whole) // 2], max_pages=10)
    assert "half.pdf: truncated" in one_line(exc)


def test_pdf_without_text_layer_asks_for_ocr(pdf_bytes):
    with pytest.raises(PdfError) as exc:
        read_pdf("scan.pdf", pdf_bytes.scanned(2), max_pages=10)
    assert one_line(exc) == "scan.pdf: no text layer: OCR it first, e.g. with ocrmypdf"


def test_pdf_with_some_scanned_pages_warns_and_reads_the_rest(pdf_bytes, monkeypatch):
    text_page = pdf_bytes.simple([LINES])
    scan = pdf_bytes.scanned(1)
    pages = [
        pdf_module.read_page(pdfium.PdfDocument(text_page), 0),
        pdf_module.read_page(pdfium.PdfDocument(scan), 0),
    ]
    pages[1].number = 2
    doc = pdf_module.layout_document("mixed.pdf", b"", pages, pdf_module.settings())
    assert "A 64-year-old woman" in doc.text
    assert doc.warnings == [
        "mixed.pdf: no text layer on page(s) 2; their content is missing",
    ]


def test_pdf_named_file_holding_text_is_not_a_pdf(tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("A 64-year-old woman underwent deep vein arterialization.\n")
    with pytest.raises(PdfError) as exc:
        read_document(path)
    assert "not a PDF" in one_line(exc) and "text" in one_line(exc)


def test_pdf_named_file_holding_an_image_is_not_a_pdf(tmp_path):
    path = tmp_path / "figure.pdf"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(PdfError) as exc:
        read_document(path)
    assert "not a PDF" in one_line(exc) and "binary" in one_line(exc)


def test_pdf_with_zero_pages_is_refused(pdf_bytes):
    with pytest.raises(PdfError) as exc:
        read_pdf("zero.pdf", pdf_bytes.zero_pages(), max_pages=10)
    assert one_line(exc) == "zero.pdf: PDF has no pages"


def test_pdf_over_max_pages_is_refused_before_any_page_is_read(pdf_bytes, monkeypatch):
    def no_reading(*_args):
        raise AssertionError("a page was read")

    monkeypatch.setattr(pdf_module, "read_page", no_reading)
    with pytest.raises(LimitError) as exc:
        read_pdf("long.pdf", pdf_bytes.simple([LINES] * 3), max_pages=2)
    assert one_line(exc) == "long.pdf: 3 pages is over --max-pages 2"


def test_pdf_page_that_pdfium_cannot_read_is_a_one_line_error(pdf_bytes, monkeypatch):
    def broken(*_args):
        raise pdfium.PdfiumError("Failed to load page.")

    monkeypatch.setattr(pdf_module, "read_page", broken)
    with pytest.raises(PdfError) as exc:
        read_pdf("odd.pdf", pdf_bytes.simple([LINES]), max_pages=10)
    assert one_line(exc) == "odd.pdf: page 1 cannot be read (Failed to load page.)"
