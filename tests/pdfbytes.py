"""Hand-written PDF files for tests: numbered object bodies in, bytes with a valid xref out."""

from __future__ import annotations

import zlib


def build_pdf(objects: list[bytes], header: bytes = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") -> bytes:
    """A PDF file from numbered object bodies (1 = catalog), with a correct xref table."""
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


# --- decompression bombs: a content stream of blanks, its filter written four ways ----------

BOMB_TEXT = (
    b"BT /F1 12 Tf 72 720 Td (A 64-year-old woman underwent deep vein arterialization.) Tj ET\n"
)
BLANKS = b" " * (1 << 20)


def flate_bomb(inflated_mb: int) -> bytes:
    """A zlib stream of the text operators and ``inflated_mb`` MB of blanks, built in a blink.

    Each 1 MB block is deflated once after a full flush (which makes its bytes independent of
    what came before) and repeated; the Adler-32 check at the end is computed for real.
    """
    raw = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = raw.compress(BOMB_TEXT) + raw.flush(zlib.Z_FULL_FLUSH)
    block = raw.compress(BLANKS) + raw.flush(zlib.Z_FULL_FLUSH)
    check = zlib.adler32(BOMB_TEXT)
    for _ in range(inflated_mb):
        check = zlib.adler32(BLANKS, check)
    end = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # an empty final block
    return b"\x78\xda" + head + block * inflated_mb + end + check.to_bytes(4, "big")


def bomb_pdf(stream: bytes, filter_entry: bytes, padding: bytes = b"", extra: list | None = None):
    """One page whose content stream is ``stream`` with ``filter_entry`` in its dictionary."""
    content = b"<< %s /Length %d%s >>\nstream\n" % (filter_entry, len(stream), padding)
    return build_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [5 0 R] /Count 1 >>",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            content + stream + b"\nendstream",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>",
            *(extra or []),
        ]
    )


def escaped_name(mb: int) -> bytes:
    """``/Flate#44ecode``: #44 is "D", a legal escape in a PDF name."""
    return bomb_pdf(flate_bomb(mb), b"/Filter /Flate#44ecode")


def padded_dictionary(mb: int) -> bytes:
    """The filter first, then 8 KB of padding before the ``stream`` keyword."""
    return bomb_pdf(flate_bomb(mb), b"/Filter /FlateDecode", b" /Pad (" + b"x" * 8192 + b")")


def filter_chain(mb: int) -> bytes:
    """``[/ASCIIHexDecode /FlateDecode]``: the compressed bytes written as hexadecimal."""
    return bomb_pdf(flate_bomb(mb).hex().encode() + b">", b"/Filter [/ASCIIHexDecode /FlateDecode]")


def indirect_filter(mb: int) -> bytes:
    """``/Filter 6 0 R`` with object 6 the name ``/FlateDecode``."""
    return bomb_pdf(flate_bomb(mb), b"/Filter 6 0 R", extra=[b"/FlateDecode"])


BYPASSES = [escaped_name, padded_dictionary, filter_chain, indirect_filter]
