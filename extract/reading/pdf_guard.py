"""Decompression-bomb guard: a PDF is read in a child process with a hard memory limit.

A PDF of a few megabytes can hold streams that inflate to gigabytes, and the PDF library
inflates them in memory while it reads a page's text. Spotting such streams in the raw bytes
always leaves holes (an escaped filter name ``/Flate#44ecode``, a padded dictionary, a filter
chain, an indirect ``/Filter 6 0 R``), so the bound sits where the decoding happens: the whole
PDF reader (PDFium, layout, tables) runs in a forked child limited to ``--max-memory`` MB of
address space (:func:`extract.processes.run_capped`). Whatever the filter and however the
dictionary is written, an allocation past the limit fails and the child ends; the user gets one
line and exit code 2.

A fast path runs first, in this process: plain ``/FlateDecode`` text streams are inflated in
64 KB steps and the total is compared with ``--max-bytes`` (images are skipped: text extraction
never decodes them). It answers the common bomb at once; it is not the bound.
"""

from __future__ import annotations

import os
import re
import zlib

from extract.errors import LimitError, PdfError
from extract.processes import MB, ChildFailure, run_capped

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_OBJ = re.compile(rb"\d+\s+\d+\s+obj\b")
_CHUNK = 1 << 16
_DICT_WINDOW = 4096


def _stream_dict(data: bytes, start: int) -> bytes:
    """The bytes between the object header and the ``stream`` keyword at ``start``."""
    window = data[max(0, start - _DICT_WINDOW) : start]
    headers = list(_OBJ.finditer(window))
    return window[headers[-1].end() :] if headers else window


def _is_flate(dictionary: bytes) -> bool:
    return b"/FlateDecode" in dictionary or b"/Fl " in dictionary or b"/Fl]" in dictionary


def _is_image(dictionary: bytes) -> bool:
    return re.search(rb"/Subtype\s*/Image\b", dictionary) is not None


def _inflated_size(data: bytes, start: int, budget: int) -> int:
    """Bytes the zlib stream at ``start`` inflates to, counting no further than ``budget + 1``."""
    inflater = zlib.decompressobj()
    total = 0
    pos = start
    try:
        while pos < len(data) and not inflater.eof and total <= budget:
            pending = data[pos : pos + _CHUNK]
            pos += len(pending)
            while pending and total <= budget and not inflater.eof:
                out = inflater.decompress(pending, _CHUNK)
                if not out and inflater.unconsumed_tail == pending:
                    break  # no progress: damaged data
                total += len(out)
                pending = inflater.unconsumed_tail
    except zlib.error:
        pass  # not Flate data after all (another filter first, or damaged): the reader decides
    return total


def check_pdf_streams(data: bytes, max_bytes: int, name: str) -> int:
    """Total inflated size of the PDF's compressed text streams; :class:`LimitError` if too big."""
    total = 0
    for match in _STREAM.finditer(data):
        dictionary = _stream_dict(data, match.start())
        if not _is_flate(dictionary) or _is_image(dictionary):
            continue
        total += _inflated_size(data, match.end(), max_bytes - total)
        if total > max_bytes:
            raise LimitError(
                f"{name}: compressed PDF content inflates to over --max-bytes {max_bytes} "
                "(a decompression bomb?)"
            )
    return total


def read_pdf_guarded(path, data: bytes, max_pages: int, max_bytes: int, max_memory: int):
    """The PDF read by :func:`extract.reading.pdf.read_pdf` in a child capped at ``max_memory``."""
    from extract.reading.pdf import read_pdf  # imported here, before the fork

    name = os.fspath(path)
    check_pdf_streams(data, max_bytes, name)
    try:
        return run_capped(read_pdf, (path, data, max_pages), max_memory)
    except MemoryError:
        raise LimitError(_over_memory(name, max_memory)) from None
    except ChildFailure as exc:
        if exc.out_of_memory:
            raise LimitError(_over_memory(name, max_memory)) from None
        raise PdfError(f"{name}: the PDF reader crashed on this file ({exc.reason})") from None


def _over_memory(name: str, max_memory: int) -> str:
    """The one-line answer for a PDF whose reading needs more than ``max_memory`` bytes."""
    mb = max_memory // MB
    return (
        f"{name}: reading the PDF needs over --max-memory {mb} MB "
        "(a decompression bomb? its streams inflate past the limit)"
    )
