"""Decompression-bomb guard: PDF streams may not inflate beyond ``--max-bytes`` before parsing.

A PDF of a few megabytes can hold a Flate stream that inflates to gigabytes; a PDF library
inflates it in memory while reading the page's text. This module inflates every compressed
non-image stream first, in bounded chunks, and stops as soon as the total passes the limit.
Images are skipped: text extraction never decodes them.
"""

from __future__ import annotations

import re
import zlib

from extract.errors import LimitError

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
