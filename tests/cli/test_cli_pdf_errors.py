"""`extract` on bad PDFs: corrupt, 0 pages, encrypted, no text layer, page and inflation bombs."""

from __future__ import annotations

import time
import zlib

import pytest
from pdfbytes import build_pdf

from extract.errors import LimitError
from extract.reading.pdf_guard import check_pdf_streams

pytest.importorskip("reportlab")
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

LINE = b"A 64-year-old woman underwent percutaneous deep vein arterialization."
TEXT_OPS = b"BT /F1 12 Tf 72 720 Td (" + LINE + b") Tj ET\n"


def pages_pdf(n_pages: int, content: bytes = TEXT_OPS, flate: bool = False) -> bytes:
    """``n_pages`` pages sharing one content stream (a tiny file for any page count)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n_pages))
    head = b"<< /Length %d%s >>\nstream\n" % (len(content), b" /Filter /FlateDecode" * flate)
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>"
    )
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n_pages),
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            head + content + b"\nendstream",
            *[page] * n_pages,
        ]
    )


def inflation_bomb(inflated_mb: int) -> bytes:
    """One page of text followed by ``inflated_mb`` MB of blanks, Flate-compressed."""
    deflater = zlib.compressobj(9)
    parts = [deflater.compress(TEXT_OPS)]
    blanks = b" " * (1 << 20)
    parts += [deflater.compress(blanks) for _ in range(inflated_mb)]
    parts.append(deflater.flush())
    return pages_pdf(1, b"".join(parts), flate=True)


def reportlab_pdf(path, pages: int = 1, text: bool = True, encrypt: str | None = None):
    """A real PDF made by reportlab: text lines, or only drawn shapes (a 'scan')."""
    pdf = canvas.Canvas(str(path), pagesize=A4, encrypt=encrypt)
    for number in range(pages):
        if text:
            pdf.drawString(72, 760, f"Case {number + 1}")
            pdf.drawString(72, 740, LINE.decode())
        else:
            for row in range(40):
                pdf.rect(60, 80 + row * 17, 470, 9, fill=1, stroke=0)
        pdf.showPage()
    pdf.save()
    return path


# --- corrupt and empty ----------------------------------------------------------------------


def test_cli_pdf_corrupt_is_a_one_line_error(run_cli, tmp_path):
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20 + b"\n%%EOF\n")
    run_cli(path).assert_one_line_error("corrupt")


def test_cli_pdf_truncated_is_a_one_line_error(run_cli, tmp_path):
    whole = reportlab_pdf(tmp_path / "whole.pdf", pages=2).read_bytes()
    path = tmp_path / "half.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    run_cli(path).assert_one_line_error("half.pdf")


def test_cli_pdf_with_zero_pages_is_a_one_line_error(run_cli, tmp_path):
    path = tmp_path / "zero.pdf"
    path.write_bytes(pages_pdf(0))
    line = run_cli(path).assert_one_line_error("zero.pdf")
    assert "page" in line or "corrupt" in line


def test_cli_text_named_pdf_is_a_one_line_error(run_cli, tmp_path):
    path = tmp_path / "notes.pdf"
    path.write_text("A 64-year-old woman.\n")
    run_cli(path).assert_one_line_error("not a PDF")


# --- encrypted and scanned ------------------------------------------------------------------


def test_cli_pdf_encrypted_is_a_one_line_error(run_cli, tmp_path):
    path = reportlab_pdf(tmp_path / "locked.pdf", encrypt="s3cret")
    run_cli(path).assert_one_line_error("encrypted")


def test_cli_pdf_without_text_layer_is_a_one_line_error(run_cli, tmp_path):
    path = reportlab_pdf(tmp_path / "scan.pdf", pages=2, text=False)
    run_cli(path).assert_one_line_error("no text layer")


# --- bombs ----------------------------------------------------------------------------------


def test_cli_pdf_over_max_pages_is_a_one_line_error(run_cli, tmp_path):
    path = reportlab_pdf(tmp_path / "six.pdf", pages=6)
    run_cli(path, "--max-pages", 5).assert_one_line_error("6 pages", "--max-pages 5")


def test_cli_pdf_over_default_200_pages_is_refused(run_cli, tmp_path):
    path = tmp_path / "long.pdf"
    path.write_bytes(pages_pdf(201))
    run_cli(path).assert_one_line_error("201 pages", "--max-pages 200")


def test_cli_pdf_huge_page_count_is_refused_quickly(run_cli, tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(pages_pdf(20_000))
    started = time.monotonic()
    run_cli(path).assert_one_line_error("20000 pages", "--max-pages 200")
    assert time.monotonic() - started < 10


def test_cli_pdf_decompression_bomb_is_cut_off_by_max_bytes(run_cli, tmp_path):
    path = tmp_path / "inflates.pdf"
    path.write_bytes(inflation_bomb(inflated_mb=64))
    assert path.stat().st_size < 200_000
    started = time.monotonic()
    run_cli(path, "--max-bytes", 8_000_000).assert_one_line_error("--max-bytes 8000000", "bomb")
    assert time.monotonic() - started < 10


def test_cli_pdf_over_max_bytes_on_disk_is_a_one_line_error(run_cli, tmp_path):
    path = reportlab_pdf(tmp_path / "paper.pdf", pages=3)
    run_cli(path, "--max-bytes", 500).assert_one_line_error("--max-bytes 500")


def test_cli_existing_out_is_unchanged_when_the_pdf_fails(run_cli, tmp_path):
    path = reportlab_pdf(tmp_path / "locked.pdf", encrypt="s3cret")
    out = tmp_path / "result.json"
    out.write_text("{}\n")
    run_cli(path, "--out", out).assert_one_line_error("encrypted")
    assert out.read_text() == "{}\n"


# --- the guard on its own -------------------------------------------------------------------


def test_limits_inflation_guard_counts_compressed_text_streams():
    small = pages_pdf(1, zlib.compress(TEXT_OPS), flate=True)
    assert check_pdf_streams(small, 10_000, "small.pdf") == len(TEXT_OPS)


def test_limits_inflation_guard_stops_at_the_budget():
    started = time.monotonic()
    with pytest.raises(LimitError, match="--max-bytes 1000000"):
        check_pdf_streams(inflation_bomb(inflated_mb=64), 1_000_000, "bomb.pdf")
    assert time.monotonic() - started < 2  # stops near 1 MB; never inflates all 64 MB


def test_limits_inflation_guard_ignores_images_and_uncompressed_streams():
    image = (
        b"<< /Type /XObject /Subtype /Image /Width 4000 /Height 4000 /BitsPerComponent 8 "
        b"/ColorSpace /DeviceRGB /Filter /FlateDecode >>\nstream\n"
        + zlib.compress(b"\x00" * 48_000_000)
        + b"\nendstream"
    )
    data = build_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", image])
    assert check_pdf_streams(data, 1_000_000, "figure.pdf") == 0
    assert check_pdf_streams(pages_pdf(3), 10, "plain.pdf") == 0


def test_limits_inflation_guard_survives_damaged_flate_data():
    data = pages_pdf(1, b"\x78\x9c" + b"garbage" * 50, flate=True)
    assert check_pdf_streams(data, 1_000, "damaged.pdf") <= 1_001
